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

    /// <summary>
    /// The stored sample names (pseudonyms unless raw IDs are kept), the file metadata, and how header descriptions
    /// are scrubbed before they become column metadata.
    /// </summary>
    public static (List<string> Samples, Dictionary<string, string> Metadata, Func<string, string> Describe) Build(VcfHeader header, SamplePseudonymizer pseudonymizer, string sourceFile, string? cohort, IReadOnlyList<string> commandLine)
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

        Func<string, string> describe = pseudonymizer.KeepsRawIds ? text => text : text => HeaderScrubber.ScrubText(text, renames);
        return (samples, metadata, describe);
    }

    /// <summary>The name stored in <c>source_file</c>: the file name, or its pseudonym.</summary>
    public static string SourceFile(string input, SamplePseudonymizer pseudonymizer)
    {
        var name = input == "-" ? "stdin" : Path.GetFileName(input);
        return pseudonymizer.KeepsRawIds ? name : pseudonymizer.Pseudonymize("source:" + name);
    }

    // Arguments may name people, hosts or paths. Unless raw IDs were kept, only option names and the values of
    // options known to be harmless are stored; inputs and every other value become placeholders.
    private static readonly HashSet<string> HarmlessValues = new(StringComparer.Ordinal) { "--threads", "--cohort", "--format", "-r", "--regions", "-t", "--targets" };

    private static string ScrubCommandLine(IReadOnlyList<string> args, bool keepIds)
    {
        var scrubbed = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var previous = i > 0 ? args[i - 1] : null;
            if (previous == "--key-file")
            {
                scrubbed.Add("<key-file>");
            }
            else if (keepIds || i < 2 || arg.StartsWith('-') || (previous is not null && HarmlessValues.Contains(previous)))
            {
                scrubbed.Add(arg);
            }
            else
            {
                scrubbed.Add(previous is not null && previous.StartsWith('-') ? "<value>" : "<input>");
            }
        }

        // A JSON array of strings, written directly: the reflection-based serializer builds every converter it knows on
        // first use, about 90 jitted methods at the start of each run.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in scrubbed)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
