using System.Reflection;
using System.Text.Json;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>The key-value metadata stamped into every file written for a source, scrubbed of identifiers.</summary>
internal static class SourceMetadata
{
    public static string EngineVersion { get; } =
        typeof(SourceMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The stored sample names (pseudonyms unless raw IDs are kept) and the file metadata.</summary>
    public static (List<string> Samples, Dictionary<string, string> Metadata) Build(VcfHeader header, SamplePseudonymizer pseudonymizer, string sourceFile, string? cohort, IReadOnlyList<string> commandLine)
    {
        var samples = header.SampleNames.Select(pseudonymizer.Pseudonymize).ToList();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.SampleNames.Count; i++)
        {
            renames[header.SampleNames[i]] = samples[i];
        }

        var metadata = new Dictionary<string, string>
        {
            ["harmony.schema_version"] = LakeColumns.SchemaVersion,
            ["harmony.engine_version"] = EngineVersion,
            ["harmony.source_file"] = sourceFile,
            ["harmony.source_header"] = string.Join('\n', HeaderScrubber.Scrub(header.MetaLines.Select(m => "##" + m.Text).ToList(), renames)),
            ["harmony.command_line"] = ScrubCommandLine(commandLine, pseudonymizer.KeepsRawIds),
        };
        if (cohort is not null)
        {
            metadata["harmony.cohort"] = cohort;
        }

        return (samples, metadata);
    }

    /// <summary>The name stored in <c>source_file</c>: the file name, or its pseudonym.</summary>
    public static string SourceFile(string input, SamplePseudonymizer pseudonymizer)
    {
        var name = input == "-" ? "stdin" : Path.GetFileName(input);
        return pseudonymizer.KeepsRawIds ? name : pseudonymizer.Pseudonymize("source:" + name);
    }

    // Paths may name people or hosts: unless raw IDs were kept, each path-like argument is cut to its file name
    // (input file names are replaced by nothing more revealing than what source_file holds) and the key file's
    // path is not stored at all.
    private static string ScrubCommandLine(IReadOnlyList<string> args, bool keepIds)
    {
        var scrubbed = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i > 0 && args[i - 1] == "--key-file")
            {
                scrubbed.Add("<key-file>");
            }
            else if (!keepIds && (arg.Contains('/', StringComparison.Ordinal) || arg.Contains('.', StringComparison.Ordinal)))
            {
                scrubbed.Add("<path>");
            }
            else
            {
                scrubbed.Add(arg);
            }
        }

        return JsonSerializer.Serialize(scrubbed);
    }
}
