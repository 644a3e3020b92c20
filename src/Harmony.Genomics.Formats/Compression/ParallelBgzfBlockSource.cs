using System.Runtime.ExceptionServices;
using Harmony.Genomics.Core;

namespace Harmony.Genomics.Formats.Compression;

/// <summary>
/// One thread reads compressed blocks in order; worker threads inflate them; the consumer takes them back in
/// file order. A pool of at most <see cref="BlocksPerWorker"/> blocks per worker bounds memory: the reader waits for a
/// free block once the pool is full. The reader makes the blocks as it first needs them rather than the caller all at
/// once: making 32 (4 MiB, zeroed) had held a two-thread ingest's start back 15 ms, and a small file never needs them all.
/// Dedicated threads (not the thread pool) because the consumer blocks synchronously in Stream.Read.
/// </summary>
internal sealed class ParallelBgzfBlockSource : IBgzfBlockSource
{
    // 16 (1 MiB of text per worker) rather than 4: on 2 cores the inflaters share a core with the batch builder and
    // the Parquet writer, and a deeper read-ahead keeps the decoder threads (RecordPipeline) fed through their
    // time slices (workload b of issue 3: 5.06 -> 4.61 s median wall).
    private const int BlocksPerWorker = 16;

    private readonly BgzfBlockReader reader;
    private readonly Stream input;
    private readonly string sourceName;
    private readonly CancellationTokenSource cancel = new();
    private readonly HandoffQueue<BgzfBlock> free;
    private readonly HandoffQueue<BgzfBlock> work;
    private readonly HandoffQueue<BgzfBlock> ordered;
    private readonly Thread readerThread;
    private readonly Thread[] workers;
    private readonly int maxBlocks;
    private int blocks;
    private bool disposed;

    public ParallelBgzfBlockSource(Stream input, string sourceName, int threads)
    {
        this.input = input;
        this.sourceName = sourceName;
        reader = new BgzfBlockReader(input, sourceName);
        free = new HandoffQueue<BgzfBlock>(cancellation: cancel.Token);
        work = new HandoffQueue<BgzfBlock>(cancellation: cancel.Token);
        ordered = new HandoffQueue<BgzfBlock>(cancellation: cancel.Token);
        maxBlocks = BlocksPerWorker * threads;

        workers = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"bgzf-inflate-{i}" };
            workers[i].Start();
        }

        readerThread = new Thread(ReaderLoop) { IsBackground = true, Name = "bgzf-read" };
        readerThread.Start();
    }

    public long CompressedPosition => reader.Position;

    /// <summary>The blocks made so far (tests: never more than the pool holds, no more than needed).</summary>
    internal int BlocksMade => Volatile.Read(ref blocks);

    public BgzfBlock? Next()
    {
        if (!ordered.TakeNext(out var block))
        {
            return null;
        }

        lock (block)
        {
            while (!block.Done)
            {
                Monitor.Wait(block);
            }
        }

        if (block.Error is { } error)
        {
            free.Add(block);
            error.Throw();
        }

        return block;
    }

    public void Return(BgzfBlock block) => free.Add(block);

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        cancel.Cancel();

        // Workers finish at most the block in hand; the reader at most the read in progress.
        foreach (var worker in workers)
        {
            worker.Join();
        }

        readerThread.Join();
        input.Dispose();
        free.Dispose();
        work.Dispose();
        ordered.Dispose();
        cancel.Dispose();
    }

    private void ReaderLoop()
    {
        try
        {
            while (true)
            {
                var block = TakeFree();
                bool more;
                try
                {
                    more = reader.TryReadBlock(block);
                }
#pragma warning disable CA1031 // Any read error, I/O included, must reach the consumer in order.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    block.Error = ExceptionDispatchInfo.Capture(e);
                    block.Done = true;
                    ordered.Add(block);
                    return;
                }

                if (!more)
                {
                    return;
                }

                block.Done = false;
                ordered.Add(block);
                work.Add(block);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting for a free block.
        }
        finally
        {
            ordered.CompleteAdding();
            work.CompleteAdding();
        }
    }

    // A block given back, else a new one while the pool is not full, else the next one given back.
    private BgzfBlock TakeFree()
    {
        if (free.TryTake(out var block))
        {
            return block;
        }

        if (blocks < maxBlocks)
        {
            Volatile.Write(ref blocks, blocks + 1);
            return new BgzfBlock();
        }

        return free.Take();
    }

    private void WorkerLoop()
    {
        try
        {
            foreach (var block in work.GetConsumingEnumerable())
            {
                try
                {
                    BgzfInflater.Inflate(block, sourceName);
                }
#pragma warning disable CA1031 // The error travels with the block and is raised by the consumer in order.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    block.Error = ExceptionDispatchInfo.Capture(e);
                }

                lock (block)
                {
                    block.Done = true;
                    Monitor.PulseAll(block);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
