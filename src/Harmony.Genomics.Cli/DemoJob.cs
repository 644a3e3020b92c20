using System.Security.Cryptography;
using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Lake;

namespace Harmony.Genomics.Cli;

/// <summary>The README's main job: ingest the bundled VCF files into a fresh pseudonymised lake and summarise it with SQL.</summary>
internal static class DemoJob
{
    public static void Run(string dataDirectory, string lakePath, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new HarmonyException($"{dataDirectory}: no such folder; run the demo from the repository root or pass --data");
        }

        var inputs = Directory.EnumerateFiles(dataDirectory)
            .Where(f => f.EndsWith(".vcf", StringComparison.Ordinal) || f.EndsWith(".vcf.gz", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (inputs.Count == 0)
        {
            throw new HarmonyException($"{dataDirectory}: no .vcf or .vcf.gz files");
        }

        // A fresh lake each time, but only ever replacing a folder that is a Harmony lake.
        if (Directory.Exists(lakePath))
        {
            if (!Directory.Exists(Path.Combine(lakePath, "_harmony")))
            {
                throw new HarmonyException($"{lakePath}: exists and is not a Harmony lake; choose another --lake");
            }

            Directory.Delete(lakePath, recursive: true);
        }

        var keyFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(lakePath))!, "demo.key");
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            File.WriteAllText(keyFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n");
        }

        stdout.WriteLine($"Ingesting {inputs.Count} bundled file(s) from {dataDirectory} into {lakePath} (sample names pseudonymised with {keyFile})");
        var result = IngestJob.Run(inputs, new IngestOptions
        {
            LakePath = lakePath,
            Cohort = "demo",
            KeyFile = keyFile,
            CommandLine = ["harmony", "demo"],
            Warning = message => stderr.WriteLine($"harmony: warning: {message}"),
        });
        Summary.Print(result, stdout, showPaths: false);

        stdout.WriteLine();
        stdout.WriteLine("Rows per table:");
        LakeQuery.Run(lakePath, """
            select 'variants' as "table", count(*) as "rows" from variants
            union all select 'calls', count(*) from calls
            union all select 'samples', count(*) from samples
            """, QueryOutputFormat.Table, stdout);
        stdout.WriteLine();
        stdout.WriteLine("Per source (names pseudonymised):");
        LakeQuery.Run(lakePath, """
            select v.source_file, count(distinct v.chrom) as chromosomes, count(*) as variants,
                   count(*) filter (where list_contains(v.filters, 'PASS')) as pass,
                   (select count(*) from samples s where s.source_file = v.source_file) as samples,
                   (select count(*) from calls c where c.source_file = v.source_file) as calls
            from variants v group by v.source_file order by v.source_file
            """, QueryOutputFormat.Table, stdout);
        stdout.WriteLine();
        stdout.WriteLine("Genotypes across all samples:");
        LakeQuery.Run(lakePath, "select gt, count(*) as calls from calls group by gt order by calls desc, gt limit 10", QueryOutputFormat.Table, stdout);
        stdout.WriteLine();
        stdout.WriteLine($"Query it yourself: harmony query {lakePath} \"select * from variants limit 5\"");
    }
}
