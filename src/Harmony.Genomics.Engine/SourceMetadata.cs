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

        Func<string, string> describe = pseudonymizer.KeepsRawIds ? text => text : HeaderScrubber.TextScrubber(renames);
        return (samples, metadata, describe);
    }

    /// <summary>
    /// The text of a line rejected in lenient mode as the <c>rejected</c> table stores it. A data line is kept as it
    /// is. A header line met among the records (two VCFs concatenated, say) may name people and paths of another
    /// file, whose samples have no pseudonyms here, so unless raw IDs are kept only its key is stored
    /// (<c>##source=[removed]</c>), of a <c>#CHROM</c> line only the fixed columns, and of any other '#' line nothing.
    /// </summary>
    internal static ReadOnlySpan<byte> RejectedText(ReadOnlySpan<byte> line, bool keepIds)
    {
        if (keepIds || line.IsEmpty || line[0] != (byte)'#')
        {
            return line;
        }

        if (line.StartsWith("##"u8))
        {
            var eq = line.IndexOf((byte)'=');
            return eq < 0 ? "##[removed]"u8 : (byte[])[.. line[..(eq + 1)], .. "[removed]"u8];
        }

        if (!line.StartsWith("#CHROM"u8))
        {
            return "#[removed]"u8;
        }

        var tabs = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == (byte)'\t' && ++tabs == 9)
            {
                return (byte[])[.. line[..i], .. "\t[sample names removed]"u8];
            }
        }

        return line;
    }

    /// <summary>The name stored in <c>source_file</c>: the file name, or its pseudonym.</summary>
    public static string SourceFile(string input, SamplePseudonymizer pseudonymizer)
    {
        var name = input == "-" ? "stdin" : Path.GetFileName(input);
        return pseudonymizer.KeepsRawIds ? name : pseudonymizer.Pseudonymize("source:" + name);
    }

    // Arguments may name people, hosts or paths. Unless raw IDs were kept, only option names and the values of
    // options known to be harmless are stored; inputs and every other value become placeholders. The key file's path
    // is never stored. A value may follow its option as the next argument or be attached to it, as the command line
    // accepts (--lake=DIR, --lake:DIR, -sNAME).
    private static readonly HashSet<string> HarmlessValues = new(StringComparer.Ordinal) { "--threads", "--cohort", "--format", "-r", "--regions", "-t", "--targets" };

    internal static string ScrubCommandLine(IReadOnlyList<string> args, bool keepIds)
    {
        var scrubbed = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var previous = i > 0 ? args[i - 1] : null;
            if (i < 2)
            {
                scrubbed.Add(arg);
            }
            else if (previous == "--key-file")
            {
                scrubbed.Add("<key-file>");
            }
            else if (previous is not null && HarmlessValues.Contains(previous))
            {
                scrubbed.Add(arg);
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                var (name, separator, attached) = SplitOption(arg);
                scrubbed.Add(attached is null ? arg
                    : name == "--key-file" ? name + separator + "<key-file>"
                    : keepIds || HarmlessValues.Contains(name) ? arg
                    : name + separator + "<value>");
            }
            else
            {
                scrubbed.Add(keepIds ? arg : previous is not null && previous.StartsWith('-') ? "<value>" : "<input>");
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

    // An option and the value attached to it: --name=value or --name:value, or a short option's -xVALUE; the value is
    // null when none is attached.
    private static (string Name, string Separator, string? Value) SplitOption(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            var at = arg.AsSpan(2).IndexOfAny('=', ':');
            return at < 0 ? (arg, string.Empty, null) : (arg[..(at + 2)], arg.Substring(at + 2, 1), arg[(at + 3)..]);
        }

        return arg.Length > 2 ? (arg[..2], string.Empty, arg[2..]) : (arg, string.Empty, null);
    }
}
