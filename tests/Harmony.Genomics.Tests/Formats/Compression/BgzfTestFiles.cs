using System.IO.Compression;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Compression;

/// <summary>Builds BGZF and gzip inputs in memory and reads them back.</summary>
internal static class BgzfTestFiles
{
    public static byte[] Bgzf(ReadOnlySpan<byte> data, int blockDataSize = 0xff00, bool eofMarker = true)
    {
        var ms = new MemoryStream();
        using (var w = new BgzfWriter(ms, CompressionLevel.Fastest, leaveOpen: true, blockDataSize, eofMarker))
        {
            w.Write(data);
        }

        return ms.ToArray();
    }

    public static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        var ms = new MemoryStream();
        using (var g = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            g.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>The (offset, length) of each block, walking BSIZE.</summary>
    public static List<(int Offset, int Length)> Blocks(byte[] bgzf)
    {
        var blocks = new List<(int, int)>();
        var offset = 0;
        while (offset < bgzf.Length)
        {
            var length = (bgzf[offset + 16] | (bgzf[offset + 17] << 8)) + 1;
            blocks.Add((offset, length));
            offset += length;
        }

        return blocks;
    }

    /// <summary>Text-like bytes (compressible) or uniformly random bytes (incompressible).</summary>
    public static byte[] RandomData(int length, int seed, bool text = true)
    {
        var rng = new Random(seed);
        var data = new byte[length];
        if (!text)
        {
            rng.NextBytes(data);
            return data;
        }

        const string Alphabet = "ACGT\t\n0123456789.;=/|";
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)Alphabet[rng.Next(Alphabet.Length)];
        }

        return data;
    }

    public static DecompressedInput Open(byte[] file, int threads = 1, bool strict = true, Action<string>? warning = null, int maxRead = int.MaxValue) =>
        InputOpener.Open(new NonSeekableStream(file, maxRead), "test.vcf.gz", new InputOptions { Threads = threads, Strict = strict, Warning = warning });

    /// <summary>Reads to the end with an odd buffer size, so reads straddle blocks.</summary>
    public static byte[] ReadAll(Stream stream)
    {
        var result = new MemoryStream();
        var buffer = new byte[7919];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            result.Write(buffer, 0, n);
        }

        return result.ToArray();
    }

    /// <summary>Reads until an exception, returning what was delivered before it.</summary>
    public static (byte[] Delivered, Exception? Error) ReadUntilError(Stream stream)
    {
        var result = new MemoryStream();
        var buffer = new byte[10007];
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                result.Write(buffer, 0, n);
            }

            return (result.ToArray(), null);
        }
        catch (Exception e)
        {
            return (result.ToArray(), e);
        }
    }
}
