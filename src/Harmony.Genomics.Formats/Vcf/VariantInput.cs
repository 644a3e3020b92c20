using Harmony.Genomics.Core;
using Harmony.Genomics.Formats.Bcf;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Formats.Index;
using Harmony.Genomics.Formats.Selection;

namespace Harmony.Genomics.Formats.Vcf;

/// <summary>
/// The one place where an input becomes the decompressed stream <see cref="VcfReader"/> reads: decompression (plain,
/// gzip, BGZF), index-driven regions, streamed targets and sample selection (<see cref="VariantSelection"/>). A BCF
/// 2.1/2.2 stays binary for the reader to decode: the selection is applied to its records as BCF
/// (<see cref="BcfSelectionStream"/>), as <see cref="VcfSelectionStream"/> applies it to text.
/// </summary>
/// <remarks>
/// Whenever a selection applies, the VCF reader's error positions (line, byte offset) refer to the filtered VCF text or
/// BCF records, not to the file. For a BCF, line numbers are those of the text <c>bcftools view</c> prints and byte
/// offsets those of the record in the decompressed BCF; BCF structure errors name the record (<c>BCF record N</c>).
/// </remarks>
public static class VariantInput
{
    /// <summary>Opens <paramref name="raw"/> and returns its content decompressed: VCF text, or BCF without a selection.</summary>
    /// <param name="raw">The file's bytes; owned by the result. Must be seekable when <paramref name="selection"/> has regions.</param>
    /// <param name="path">The file's path, where the index (<c>.tbi</c>/<c>.csi</c>) is looked for; may equal <paramref name="sourceName"/>.</param>
    /// <param name="sourceName">The name used in errors (<c>-</c> for standard input).</param>
    /// <param name="options">Threads and strictness of decompression.</param>
    /// <param name="selection">Regions, targets and samples to keep, or null for everything.</param>
    /// <returns>The decompressed input, for <see cref="VcfReader"/>; the caller disposes it.</returns>
    /// <exception cref="HarmonyException">A selection that cannot be applied (no index, unknown sample, unreadable regions file).</exception>
    /// <exception cref="InputFormatException">Malformed compression or BCF.</exception>
    public static DecompressedInput Open(Stream raw, string path, string sourceName, InputOptions options, VariantSelection? selection = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(options);
        if (selection is null || selection.IsEmpty)
        {
            var plain = InputOpener.Open(raw, sourceName, options);
            return Wrap(sourceName, plain.Compression, plain.Stream, plain.Counter, null, null, null, options);
        }

        RegionSet? regions = null;
        RegionSet? targets = null;
        DecompressedInput decompressed;
        try
        {
            if (selection.Regions is not null && selection.RegionsFile is not null)
            {
                throw new HarmonyException("give regions either as a list (-r) or as a file (-R), not both");
            }

            if (selection.Targets is not null && selection.TargetsFile is not null)
            {
                throw new HarmonyException("give targets either as a list (-t) or as a file (-T), not both");
            }

            regions = selection.Regions is { } r ? RegionSet.Parse(r, allowExclude: false) : selection.RegionsFile is { } rf ? RegionSet.Load(rf, allowExclude: false) : null;
            targets = selection.Targets is { } t ? RegionSet.Parse(t, allowExclude: true) : selection.TargetsFile is { } tf ? RegionSet.Load(tf, allowExclude: true) : null;
            if (regions is not null)
            {
                if (!raw.CanSeek || sourceName == "-")
                {
                    throw new HarmonyException($"{sourceName}: regions (-r/-R) need an indexed file, and standard input has no index; use targets (-t/-T) instead");
                }

                var counter = new CountingStream(Stream.Null);
                var text = IndexedRegionStream.Open(raw, path, sourceName, regions);
                return Wrap(sourceName, InputCompression.Bgzf, text, counter, regions, targets, selection, options);
            }

            decompressed = InputOpener.Open(raw, sourceName, options);
        }
        catch
        {
            raw.Dispose();
            throw;
        }

        return Wrap(sourceName, decompressed.Compression, decompressed.Stream, decompressed.Counter, regions, targets, selection, options);
    }

    private static DecompressedInput Wrap(string sourceName, InputCompression compression, Stream stream, CountingStream counter, RegionSet? regions, RegionSet? targets, VariantSelection? selection, InputOptions options)
    {
        try
        {
            // Sniff after decompression: "BCF\2" is BCF (BGZF-compressed or not), anything else is VCF text.
            var head = new byte[4];
            var n = 0;
            while (n < head.Length)
            {
                var read = stream.Read(head.AsSpan(n));
                if (read == 0)
                {
                    break;
                }

                n += read;
            }

            Stream text = new PrefixedStream(head, n, stream);
            if (selection is null || (regions is null && targets is null && selection is { Samples: null, SamplesFile: null }))
            {
                return new DecompressedInput(sourceName, compression, text, counter);
            }

            // A BCF stays binary for VcfReader to decode its records directly: the selection is applied to its records.
            if (BcfToVcfTextStream.IsBcf(head.AsSpan(0, n)))
            {
                Stream records = new BcfSelectionStream(text, sourceName, regions, targets, selection, options.Warning);

                // On its own thread the filter (and, for regions, the index's inflation, which is serial) runs beside
                // the decoder workers instead of under the lock that hands them records.
                if (options.Threads >= 2)
                {
                    records = new ReadAheadStream(records, "bcf-select");
                }

                return new DecompressedInput(sourceName, compression, records, counter);
            }

            text = new VcfSelectionStream(text, sourceName, regions, targets, selection, options.Warning);

            // The text filter scans every line; on its own thread it runs beside the decoder workers.
            if (options.Threads >= 2)
            {
                text = new ReadAheadStream(text, "vcf-select");
            }

            return new DecompressedInput(sourceName, compression, text, counter);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
