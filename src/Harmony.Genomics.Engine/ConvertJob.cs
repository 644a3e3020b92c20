using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Vcf;
using Harmony.Genomics.Lake;
using Harmony.Genomics.Lake.Tables;

namespace Harmony.Genomics.Engine;

/// <summary>
/// Writes one VCF's records, with their calls nested, to a single Parquet or Arrow IPC file, for people who want
/// files rather than a lake. The file appears under its name only when complete.
/// </summary>
/// <example>
/// <code>
/// ConvertJob.Run("sample.vcf.gz", new ConvertOptions { OutputPath = "sample.parquet", KeepSampleIds = true });
/// </code>
/// </example>
public static class ConvertJob
{
    /// <summary>Converts <paramref name="input"/> (<c>-</c> for standard input).</summary>
    /// <exception cref="InputFormatException">Malformed input; no output file is left behind.</exception>
    public static SourceWriteResult Run(string input, ConvertOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        HotPathWarmup.Start();
        var format = options.Format ?? FormatOf(options.OutputPath);

        // The output is first written beside its final name; a missing folder would otherwise be reported under that
        // temporary name, which the user never gave.
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!;
        if (!Directory.Exists(folder))
        {
            throw new HarmonyException($"{options.OutputPath}: cannot write the output: the folder '{folder}' does not exist");
        }

        var pseudonymizer = SamplePseudonymizer.FromOptions(options.KeepSampleIds, options.KeyFile, options.GetEnvironmentVariable);
        using var spool = input == "-" ? SpooledInput.FromStream(options.OpenStandardInput()) : null;
        var path = spool?.Path ?? input;
        var sourceFile = SourceMetadata.SourceFile(input, pseudonymizer);
        var temporary = options.OutputPath + $".harmony-{Guid.NewGuid():N}.tmp";
        try
        {
            // A file holds one schema: when a record uses a field its header does not declare, one scan collects
            // every such field and a last pass writes with all of them (most files need a single pass).
            var result = TryWrite(path, input, temporary, format, options, pseudonymizer, sourceFile, [], [], cancellationToken);
            if (result is null)
            {
                var (info, formatFields) = ScanUndeclared(path, input, options, cancellationToken);
                File.Delete(temporary);
                result = TryWrite(path, input, temporary, format, options, pseudonymizer, sourceFile, info, formatFields, cancellationToken)
                    ?? throw new InvalidOperationException("the header grew after every undeclared field was assumed");
            }

            File.Move(temporary, options.OutputPath, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static SourceWriteResult? TryWrite(string path, string input, string output, SingleFileFormat format, ConvertOptions options, SamplePseudonymizer pseudonymizer, string sourceFile, IReadOnlyList<VcfFieldDefinition> info, IReadOnlyList<VcfFieldDefinition> formatFields, CancellationToken cancellationToken)
    {
        using var reader = Open(path, input, options, info, formatFields);
        var (samples, metadata, describe) = SourceMetadata.Build(reader.Header, pseudonymizer, sourceFile, cohort: null, options.CommandLine);
        using var writer = new VcfSingleFileWriter(reader.Header, output, format, samples, sourceFile, options.AllCalls, metadata, describe);

        // Records are decoded and pivoted into columns on worker threads while this one appends and writes them, as
        // ingest does (see RecordPipeline). Declared after the reader and the writer, so its decoder threads stop before
        // they are disposed.
        using var pipeline = new RecordPipeline(reader, RecordPipeline.DecoderCount(options.Threads), lenient: false, RecordPipeline.DefaultChunkRecords, writer);
        var pivotedAhead = pipeline.PivotsAhead;
        while (pipeline.Read(out var record, out var rejected, cancellationToken))
        {
            if (rejected is not null)
            {
                throw rejected;
            }

            // Workers may define a field met in a record ahead of this one: the header grows a little earlier than
            // with one thread, and the second pass writes the same file. A field is defined when its record is decoded,
            // before it is handed over, so this check also covers the records workers pivot.
            if (writer.SchemaGrew)
            {
                return null;
            }

            if (!pivotedAhead)
            {
                writer.Append(record);
            }
        }

        return writer.Complete();
    }

    private static (List<VcfFieldDefinition> Info, List<VcfFieldDefinition> Format) ScanUndeclared(string path, string input, ConvertOptions options, CancellationToken cancellationToken)
    {
        using var reader = Open(path, input, options, [], []);
        var record = new VcfRecord();
        while (reader.Read(record))
        {
            if ((record.RecordIndex & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return (reader.Header.Info.Fields.Where(f => !f.IsDeclared).ToList(), reader.Header.Format.Fields.Where(f => !f.IsDeclared).ToList());
    }

    private static VcfReader Open(string path, string input, ConvertOptions options, IReadOnlyList<VcfFieldDefinition> info, IReadOnlyList<VcfFieldDefinition> format)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            throw new HarmonyException($"{input}: cannot open: {e.Message}", e);
        }

        var decompressed = VariantInput.Open(stream, path, input, new Formats.Compression.InputOptions { Threads = options.Threads, Warning = options.Warning }, options.Selection);
        try
        {
            return new VcfReader(decompressed.Stream, input, new VcfReaderOptions
            {
                Threads = options.Threads,
                Strict = options.Strict,
                Warning = options.Warning,
                AssumedInfoFields = info,
                AssumedFormatFields = format,
            }, decompressed);
        }
        catch
        {
            decompressed.Dispose();
            throw;
        }
    }

    private static SingleFileFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".parquet" => SingleFileFormat.Parquet,
        ".arrow" or ".feather" or ".ipc" or ".arrows" => SingleFileFormat.ArrowIpc,
        _ => throw new HarmonyException($"{path}: cannot tell the output format from the extension; use .parquet or .arrow (.feather, .ipc), or --format Parquet|ArrowIpc"),
    };
}
