using Apache.Arrow;
using Harmony.Genomics.Core;
using Harmony.Genomics.Lake.Parquet;

namespace Harmony.Genomics.Lake.Tables;

/// <summary>
/// Encodes and compresses Parquet on writer threads ("lanes") while the caller decodes the next records, so the two
/// halves of ingest overlap on a two-core machine. At most a few batches wait per lane, so memory stays bounded.
/// </summary>
/// <remarks>
/// Arrow encodes one file's column chunks on one thread, and on a wide cohort the <c>calls</c> table alone keeps that
/// thread busier than decoding keeps the others (workload a: about 0.4 s of CPU for 3.4 million rows). A table named
/// as spread therefore sends its batches to the lanes in turn, each lane writing its own file parts: lane
/// <c>l</c> of <c>n</c> numbers its parts <c>p * n + l</c>. Readers see one table either way (rows are not ordered
/// across files). Other tables use lane 0 and number their parts <c>p</c>.
/// </remarks>
internal sealed class BackgroundTableWriter : IDisposable
{
    private const int QueuedBatches = 2;

    private readonly Lane[] _lanes;
    private readonly Func<string, int, string> _newFilePath;
    private readonly string? _spreadTable;
    private readonly int _batchesPerRowGroup;
    private int _nextSpreadLane;
    private Exception? _failure;

    /// <param name="newFilePath">Gives the path of part n of a table.</param>
    /// <param name="lanes">Writer threads (at least 1).</param>
    /// <param name="spreadTable">The table whose batches go to the lanes in turn; null keeps every table on lane 0.</param>
    /// <param name="batchesPerRowGroup">Batches per Parquet row group, in every table (see <see cref="ParquetTableWriter"/>).</param>
    public BackgroundTableWriter(Func<string, int, string> newFilePath, int lanes = 1, string? spreadTable = null, int batchesPerRowGroup = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _newFilePath = newFilePath;
        _spreadTable = spreadTable;
        _batchesPerRowGroup = batchesPerRowGroup;
        _lanes = new Lane[lanes];
        for (var i = 0; i < lanes; i++)
        {
            _lanes[i] = new Lane(this, i);
        }
    }

    public bool HasTable(string table) => _lanes.Any(lane => lane.HasTable(table));

    /// <summary>Queues a batch; raises a writer thread's error, if any, here on the caller's thread.</summary>
    /// <param name="table">The table.</param>
    /// <param name="batch">The rows.</param>
    /// <param name="owners">Pooled memory behind the batch, released once it is written.</param>
    public void Write(string table, RecordBatch batch, List<IDisposable>? owners = null)
    {
        ThrowIfFailed();
        var lane = table == _spreadTable ? _lanes[_nextSpreadLane++ % _lanes.Length] : _lanes[0];
        try
        {
            lane.Add(table, batch, owners);
        }
        catch (InvalidOperationException)
        {
            // A writer stopped after a failure; report that failure.
            ThrowIfFailed();
            throw;
        }
    }

    /// <summary>Writes everything queued, closes every file and returns the rows written per table.</summary>
    public IReadOnlyDictionary<string, long> Complete()
    {
        Stop();
        ThrowIfFailed();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var lane in _lanes)
        {
            foreach (var (table, written) in lane.Close())
            {
                rows[table] = rows.GetValueOrDefault(table) + written;
            }
        }

        return rows;
    }

    public void Dispose()
    {
        Stop();
        foreach (var lane in _lanes)
        {
            lane.Dispose();
        }
    }

    private void Stop()
    {
        foreach (var lane in _lanes)
        {
            lane.CompleteAdding();
        }

        foreach (var lane in _lanes)
        {
            lane.Join();
        }
    }

    private void Fail(Exception e)
    {
        // Handed to the caller's thread by the next Write or Complete; completing every queue stops producers blocking.
        _failure ??= e;
        foreach (var lane in _lanes)
        {
            lane.CompleteAdding();
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException($"writing Parquet failed: {_failure.Message}", _failure);
        }
    }

    private sealed record QueuedBatch(ParquetTableWriter Writer, RecordBatch Batch, List<IDisposable>? Owners);

    /// <summary>One writer thread with its own queue and its own file per table.</summary>
    private sealed class Lane : IDisposable
    {
        private readonly BackgroundTableWriter _owner;
        private readonly int _index;
        private readonly Dictionary<string, ParquetTableWriter> _writers = new(StringComparer.Ordinal);
        // Used by this lane's thread, then by Close on the caller's once the thread has ended.
        private readonly EncoderWorkspace _workspace = new();
        // A class, not a tuple: the precompiled build has shared generic code for reference types, while a tuple of three
        // references was jitted at the start of every run.
        private readonly HandoffQueue<QueuedBatch> _queue = new(QueuedBatches);
        private readonly Thread _thread;

        public Lane(BackgroundTableWriter owner, int index)
        {
            _owner = owner;
            _index = index;
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

        public void Add(string table, RecordBatch batch, List<IDisposable>? owners)
        {
            ParquetTableWriter? writer;
            lock (_writers)
            {
                if (!_writers.TryGetValue(table, out writer))
                {
                    var lanes = table == _owner._spreadTable ? _owner._lanes.Length : 1;
                    writer = new ParquetTableWriter(part => _owner._newFilePath(table, (part * lanes) + _index), _owner._batchesPerRowGroup, _workspace);
                    _writers.Add(table, writer);
                }
            }

            _queue.Add(new QueuedBatch(writer, batch, owners));
        }

        public void CompleteAdding() => _queue.CompleteAdding();

        public void Join() => _thread.Join();

        public IEnumerable<(string Table, long Rows)> Close()
        {
            foreach (var (table, writer) in _writers)
            {
                writer.Close();
                yield return (table, writer.RowsWritten);
            }
        }

        public void Dispose()
        {
            foreach (var writer in _writers.Values)
            {
                writer.Dispose();
            }

            _workspace.Dispose();
            _queue.Dispose();
        }

        private void Run()
        {
            try
            {
                foreach (var (writer, batch, owners) in _queue.GetConsumingEnumerable())
                {
                    writer.Write(batch);

                    // The batch's pooled buffers go back to their pools for the next batch.
                    owners?.ForEach(o => o.Dispose());
                }
            }
            catch (Exception e)
            {
                _owner.Fail(e);
            }
        }
    }
}
