using System.Text;
using Harmony.Genomics.Formats.Compression;
using Harmony.Genomics.Tests.TestSupport;

namespace Harmony.Genomics.Tests.Formats.Index;

/// <summary>Seeking a BGZF file by virtual offset (SAMv1 §4.1) gives the same bytes as reading it from the start.</summary>
public sealed class BgzfRandomAccessReaderTests
{
    [Fact]
    public void SeekToRecordedOffsets_ReadsTheSameBytes()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "t.gz");
            var text = new StringBuilder();
            for (var i = 0; i < 40_000; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"line {i} {new string((char)('a' + (i % 26)), i % 17)}\n");
            }

            var bytes = Encoding.ASCII.GetBytes(text.ToString());
            using (var writer = new BgzfWriter(File.Create(path)))
            {
                writer.Write(bytes);
            }

            // Record the virtual offset of every 997th byte while reading forward, then seek back to each.
            var offsets = new List<(long Virtual, int Position)>();
            using (var reader = new BgzfRandomAccessReader(File.OpenRead(path), path))
            {
                var position = 0;
                int b;
                while (true)
                {
                    var v = reader.VirtualOffset;
                    if ((b = reader.ReadByte()) < 0)
                    {
                        break;
                    }

                    Assert.Equal(bytes[position], (byte)b);
                    if (position % 997 == 0)
                    {
                        offsets.Add((v, position));
                    }

                    position++;
                }

                Assert.Equal(bytes.Length, position);
                Assert.True(offsets[^1].Virtual >> 16 > 0, "the file spans several blocks");
            }

            using var seeker = new BgzfRandomAccessReader(File.OpenRead(path), path);
            foreach (var (v, position) in offsets.AsEnumerable().Reverse())
            {
                seeker.Seek(v);
                var buffer = new byte[300];
                var n = seeker.Read(buffer);
                Assert.True(n > 0);
                Assert.Equal(bytes.AsSpan(position, n).ToArray(), buffer.AsSpan(0, n).ToArray());
            }

            // Reading stops at an end offset.
            seeker.Seek(offsets[1].Virtual);
            var limited = new byte[5000];
            var total = 0;
            int read;
            while ((read = seeker.Read(limited.AsSpan(total), offsets[2].Virtual)) > 0)
            {
                total += read;
            }

            Assert.Equal(offsets[2].Position - offsets[1].Position, total);
        }
        finally
        {
            TestPaths.TryDelete(dir);
        }
    }
}
