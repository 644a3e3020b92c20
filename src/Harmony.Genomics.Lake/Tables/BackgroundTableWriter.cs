using System.Collections.Concurrent;
using Apache.Arrow;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Encodes and compresses Parquet on its own thread while the caller decodes the next records: the two halves of
/// ingest overlap on a two-core machine. At most a few batches wait in the queue, so memory stays bounded.
/// </summary>
internal sealed class BackgroundTableWriter : IDisposable
{
    private const int QueuedBatches = 2;

    private readonly Dictionary<string, ParquetTableWriter> _writers = new(StringComparer.Ordinal);
    private readonly Func<string, int, string> _newFilePath;
    private readonly BlockingCollection<(string Table, RecordBatch Batch)> _queue = new(QueuedBatches);
    private readonly Thread _thread;
    private Exception? _failure;

    public BackgroundTableWriter(Func<string, int, string> newFilePath)
    {
        _newFilePath = newFilePath;
        _thread = new Thread(Run) { IsBackground = true, Name = "harmony parquet writer" };
        _thread.Start();
    }

    public bool HasTable(string table)
    {
        lock (_writers)
        {
            return _writers.ContainsKey(table);
        }
    }

    /// <summary>Queues a batch; raises the writer thread's error, if any, here on the caller's thread.</summary>
    public void Write(string table, RecordBatch batch)
    {
        ThrowIfFailed();
        lock (_writers)
        {
            if (!_writers.ContainsKey(table))
            {
                _writers.Add(table, new ParquetTableWriter(part => _newFilePath(table, part)));
            }
        }

        try
        {
            _queue.Add((table, batch));
        }
        catch (InvalidOperationException)
        {
            // The writer stopped after a failure; report that failure.
            ThrowIfFailed();
            throw;
        }
    }

    /// <summary>Writes everything queued, closes every file and returns the rows written per table.</summary>
    public IReadOnlyDictionary<string, long> Complete()
    {
        _queue.CompleteAdding();
        _thread.Join();
        ThrowIfFailed();
        foreach (var writer in _writers.Values)
        {
            writer.Close();
        }

        return _writers.ToDictionary(w => w.Key, w => w.Value.RowsWritten, StringComparer.Ordinal);
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        _queue.Dispose();
    }

    private void Run()
    {
        try
        {
            foreach (var (table, batch) in _queue.GetConsumingEnumerable())
            {
                ParquetTableWriter writer;
                lock (_writers)
                {
                    writer = _writers[table];
                }

                writer.Write(batch);
            }
        }
        catch (Exception e)
        {
            // Handed to the caller's thread by the next Write or Complete; draining stops producers blocking.
            _failure = e;
            _queue.CompleteAdding();
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException($"writing Parquet failed: {_failure.Message}", _failure);
        }
    }
}
