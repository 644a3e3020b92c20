using System.Security.Cryptography;
using Harmony.Genomics.Core;
using Harmony.Genomics.Engine;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Leukemia.Synthetic;

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
            with per_source as (
                select variant_id >> 40 as source_ordinal, any_value(source_file) as source_file, count(distinct chrom) as chromosomes,
                       count(*) as variants, count(*) filter (where list_contains(filters, 'PASS')) as pass
                from variants group by 1)
            select p.source_file, p.chromosomes, p.variants, p.pass,
                   (select count(*) from samples s where s.source_ordinal = p.source_ordinal) as samples,
                   (select count(*) from calls c where c.variant_id >> 40 = p.source_ordinal) as calls
            from per_source p order by p.source_file, p.source_ordinal
            """, QueryOutputFormat.Table, stdout);
        stdout.WriteLine();
        stdout.WriteLine("Genotypes across all samples:");
        LakeQuery.Run(lakePath, "select gt, count(*) as calls from calls group by gt order by calls desc, gt limit 10", QueryOutputFormat.Table, stdout);
        stdout.WriteLine();
        stdout.WriteLine($"Query it yourself: harmony query {lakePath} \"select * from variants limit 5\"");

        SyntheticCohortDemo(Path.GetDirectoryName(Path.GetFullPath(lakePath))!, keyFile, stdout, stderr);
    }

    // The ALL part of the main job: a small synthetic cohort (files a sequencing centre would send, with a sample
    // sheet and a truth table written by the generator), ingested through the sample sheet, and the engine's
    // findings printed against the planted truth.
    private static void SyntheticCohortDemo(string outDirectory, string keyFile, TextWriter stdout, TextWriter stderr)
    {
        var cohortDirectory = Path.Combine(outDirectory, "demo-cohort");
        var lakePath = Path.Combine(outDirectory, "demo-cohort-lake");
        foreach (var directory in new[] { cohortDirectory, lakePath })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        stdout.WriteLine();
        stdout.WriteLine($"Synthetic ALL cohort: 12 patients (harmony synth --patients 12 --seed 7) in {cohortDirectory}");
        SyntheticCohort.Write(new SynthOptions { Patients = 12, Seed = 7, OutputDirectory = cohortDirectory, Threads = 2 });
        var result = SampleSheetIngestJob.Run(Path.Combine(cohortDirectory, "samplesheet.csv"), new IngestOptions
        {
            LakePath = lakePath,
            Cohort = "synthetic",
            KeepSampleIds = true,
            CommandLine = ["harmony", "demo"],
            Warning = message => stderr.WriteLine($"harmony: warning: {message}"),
        });
        stdout.WriteLine($"ingested {result.Ingest.Sources.Count} files through the sample sheet into {lakePath}: {result.Abnormalities} abnormalities");

        var truthRows = File.ReadLines(Path.Combine(cohortDirectory, "truth.tsv"))
            .Where(l => !l.StartsWith('#') && !l.StartsWith("patient\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .Where(f => f.Length > 3)
            .ToList();
        var truth = truthRows.Select(f => $"{f[0]}\t{f[2]}").ToHashSet(StringComparer.Ordinal);
        using var connection = LakeQuery.Connect(lakePath);
        var engine = LakeQuery.Rows(connection, "select patient, abnormality from abnormalities where category <> 'aneuploidy'")
            .Select(r => $"{r[0]}\t{r[1]}")
            .ToHashSet(StringComparer.Ordinal);
        stdout.WriteLine();
        stdout.WriteLine("Findings per patient (+ found and planted, - planted but not found, ? found but not planted):");
        foreach (var patient in truth.Concat(engine).Select(t => t.Split('\t')[0]).Distinct().Order(StringComparer.Ordinal))
        {
            var items = truth.Concat(engine).Where(t => t.StartsWith(patient + "\t", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)
                .Select(t => (truth.Contains(t), engine.Contains(t)) switch { (true, true) => "+", (true, false) => "-", _ => "?" } + t.Split('\t')[1]);
            stdout.WriteLine($"  {patient}: {string.Join(", ", items)}");
        }

        var agree = truth.Count(engine.Contains);
        stdout.WriteLine($"{agree} of {truth.Count} planted findings found; {engine.Count(e => !truth.Contains(e))} found that were not planted");

        // Subtype classification against the generator's expected classification.
        var expected = truthRows
            .Where(f => f.Length > 4 && (f[4].StartsWith("B-ALL", StringComparison.Ordinal) || f[4].StartsWith("T-", StringComparison.Ordinal)))
            .GroupBy(f => f[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[4], StringComparer.Ordinal);
        var labels = LakeQuery.Rows(connection, "select patient, label from classifications where scheme = 'WHO-HAEM5' and specimen is not null order by all")
            .GroupBy(r => (string)r[0]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (string)g.First()[1]!, StringComparer.Ordinal);
        stdout.WriteLine();
        stdout.WriteLine("WHO-HAEM5 subtype per patient (engine | expected by the generator):");
        var matches = 0;
        foreach (var patient in labels.Keys.Order(StringComparer.Ordinal))
        {
            var label = labels[patient];
            if (!expected.TryGetValue(patient, out var want))
            {
                stdout.WriteLine($"    {patient}: {label} | (no subtype-defining lesion planted)");
                continue;
            }

            // The generator writes the ICC and WHO wording together where they differ (e.g. PAX5 p.P80R).
            var same = want.Contains(label, StringComparison.Ordinal) || want.Contains(label.Replace("B-ALL with ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            matches += same ? 1 : 0;
            stdout.WriteLine($"  {(same ? "=" : "x")} {patient}: {label} | {want}");
        }

        stdout.WriteLine($"{matches} of {expected.Count} patients with a planted subtype classified as expected; every scheme with its evidence: harmony explain {lakePath} --patient SYN000001");
    }
}
