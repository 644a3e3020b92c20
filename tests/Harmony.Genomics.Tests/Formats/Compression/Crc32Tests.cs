using System.IO.Compression;
using System.Text;
using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Tests.Formats.Compression;

public sealed class Crc32Tests
{
    [Fact]
    public void KnownVector() => Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Empty_IsZero() => Assert.Equal(0u, Crc32.Compute([]));

    [Fact]
    public void AgreesWithGzipTrailer_ForManyLengths_AndAppends()
    {
        var rng = new Random(3);
        for (var length = 1; length < 200; length++)
        {
            var data = new byte[length];
            rng.NextBytes(data);
            var ms = new MemoryStream();
            using (var g = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            {
                g.Write(data);
            }

            var trailerCrc = BitConverter.ToUInt32(ms.ToArray(), (int)ms.Length - 8);
            Assert.Equal(trailerCrc, Crc32.Compute(data));
            var split = length / 3;
            Assert.Equal(trailerCrc, Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }
}
