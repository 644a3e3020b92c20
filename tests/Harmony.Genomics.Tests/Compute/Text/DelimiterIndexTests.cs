using Harmony.Genomics.Compute.Text;

namespace Harmony.Genomics.Tests.Compute.Text;

public sealed class DelimiterIndexTests
{
    public static TheoryData<int> Paths => [(int)ScanPath.Scalar, (int)ScanPath.Vector256, (int)ScanPath.Vector512, (int)ScanPath.Auto];

    [Theory]
    [MemberData(nameof(Paths))]
    public void FindAll_RandomInput_MatchesNaiveLoop(int pathValue)
    {
        var path = (ScanPath)pathValue;
        if ((path == ScanPath.Vector512 && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) ||
            (path == ScanPath.Vector256 && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated))
        {
            return;
        }

        var random = new Random(1234);
        for (var round = 0; round < 2000; round++)
        {
            var data = new byte[random.Next(0, 400)];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = random.Next(5) == 0 ? (byte)'\t' : (byte)random.Next(1, 256);
            }

            var expected = Enumerable.Range(0, data.Length).Where(i => data[i] == '\t').ToArray();
            var capacity = random.Next(0, expected.Length + 3);
            var positions = new int[capacity];
            var count = DelimiterIndex.FindAll(data, (byte)'\t', positions, path);
            if (expected.Length <= capacity)
            {
                Assert.Equal(expected.Length, count);
                Assert.Equal(expected, positions[..count]);
            }
            else
            {
                Assert.Equal(capacity + 1, count);
                Assert.Equal(expected[..capacity], positions);
            }
        }
    }
}
