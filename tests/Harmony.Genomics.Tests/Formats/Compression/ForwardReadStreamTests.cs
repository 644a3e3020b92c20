using System.IO.Pipelines;
using Harmony.Genomics.Formats.Compression;

namespace Harmony.Genomics.Tests.Formats.Compression;

public sealed class ForwardReadStreamTests
{
    [Fact]
    public async Task ReadAsync_ReadsOnTheCallingThread_AndIsCompletedWhenReturned()
    {
        var thread = Environment.CurrentManagedThreadId;
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        using var stream = new RecordingStream(data, failAt: -1);
        var buffer = new byte[300];

        var read = stream.ReadAsync(buffer.AsMemory(), CancellationToken.None);
        Assert.True(read.IsCompletedSuccessfully);
        Assert.Equal(300, await read);
        Assert.Equal(data.AsSpan(0, 300).ToArray(), buffer);

        var task = stream.ReadAsync(buffer, 100, 200, CancellationToken.None);
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(200, await task);
        Assert.Equal(data.AsSpan(300, 200).ToArray(), buffer.AsSpan(100, 200).ToArray());
        Assert.Equal([thread], stream.ReadThreads.Distinct());
    }

    [Fact]
    public async Task APipeReadingTheStream_GetsEveryByte_AndEveryReadRunsOnTheReadersThread()
    {
        // As VcfReader reads its input: a pipe over the stream, whose reads complete before they return.
        var thread = Environment.CurrentManagedThreadId;
        var data = new byte[3_000_000];
        new Random(11).NextBytes(data);
        using var stream = new RecordingStream(data, failAt: -1);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 1 << 20, minimumReadSize: 64 << 10));
        var received = new List<byte>();
        while (true)
        {
            var pending = pipe.ReadAsync();
            Assert.True(pending.IsCompleted);
            var result = await pending;
            foreach (var segment in result.Buffer)
            {
                received.AddRange(segment.ToArray());
            }

            pipe.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await pipe.CompleteAsync();
        Assert.Equal(data, received.ToArray());
        Assert.True(stream.ReadThreads.Count > 2);
        Assert.Equal([thread], stream.ReadThreads.Distinct());
    }

    [Fact]
    public async Task ReadAsync_AnError_FaultsTheTaskWithIt_AndACancelledTokenCancelsWithoutReading()
    {
        using var stream = new RecordingStream(new byte[100], failAt: 0);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => stream.ReadAsync(new byte[10].AsMemory(), CancellationToken.None).AsTask());
        Assert.Equal("corrupt", error.Message);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var reads = stream.ReadThreads.Count;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[10].AsMemory(), cancelled.Token).AsTask());
        Assert.Equal(reads, stream.ReadThreads.Count);
    }

    // Gives its bytes at most 100,000 at a time and notes the thread of every read; fails at offset failAt (-1: never).
    private sealed class RecordingStream(byte[] data, int failAt) : ForwardReadStream
    {
        private int _position;

        public List<int> ReadThreads { get; } = [];

        public override int Read(Span<byte> buffer)
        {
            ReadThreads.Add(Environment.CurrentManagedThreadId);
            if (failAt >= 0 && _position >= failAt)
            {
                throw new InvalidDataException("corrupt");
            }

            var n = Math.Min(Math.Min(buffer.Length, 100_000), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
