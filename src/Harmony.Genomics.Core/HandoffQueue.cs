namespace Harmony.Genomics.Core;

/// <summary>
/// A first-in, first-out hand-off between threads (blocks to inflate, batches to encode) whose waiting threads sleep at
/// once instead of spinning first. <see cref="System.Collections.Concurrent.BlockingCollection{T}"/> waits on a
/// <see cref="SemaphoreSlim"/>, which spins and calls <c>sched_yield</c> some 20 times before it sleeps: an ingest of
/// workload a made about 35,000 such calls in 0.45 s (issue #3). On a two-core machine running five busy threads
/// (reader, two inflaters, decoders, writer) the thread that would have filled the queue is waiting for a core, so the
/// spinning only delays it, and each call into the kernel costs more on a virtual machine.
/// </summary>
/// <remarks>
/// Semantics follow BlockingCollection's where the engine relied on them: <see cref="Add"/> waits while the queue holds
/// <c>capacity</c> items and throws <see cref="InvalidOperationException"/> once adding is complete (also when that
/// happens while it waits); taking returns the items added before <see cref="CompleteAdding"/> and then ends; a
/// cancelled token wakes every waiter with <see cref="OperationCanceledException"/>.
/// </remarks>
/// <typeparam name="T">The items.</typeparam>
public sealed class HandoffQueue<T> : IDisposable
{
    private readonly Queue<T> _items = new();
    private readonly int _capacity;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenRegistration _registration;

    // Guards everything below and is what waiting threads wait on (Monitor), so a plain object rather than a Lock.
    private readonly object _gate = new();
    private bool _addingCompleted;
    private int _waiting;

    /// <param name="capacity">Items the queue holds before <see cref="Add"/> waits.</param>
    /// <param name="cancellation">Ends every wait, present and future, with <see cref="OperationCanceledException"/>.</param>
    public HandoffQueue(int capacity = int.MaxValue, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _cancellation = cancellation;
        if (cancellation.CanBeCanceled)
        {
            _registration = cancellation.UnsafeRegister(static queue => ((HandoffQueue<T>)queue!).WakeAll(), this);
        }
    }

    /// <summary>Items waiting to be taken.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Appends an item, waiting while the queue is full.</summary>
    /// <exception cref="InvalidOperationException">Adding is complete.</exception>
    /// <exception cref="OperationCanceledException">The queue's token was cancelled.</exception>
    public void Add(T item)
    {
        lock (_gate)
        {
            while (true)
            {
                _cancellation.ThrowIfCancellationRequested();
                if (_addingCompleted)
                {
                    throw new InvalidOperationException("The queue takes no more items: adding is complete.");
                }

                if (_items.Count < _capacity)
                {
                    break;
                }

                Wait();
            }

            _items.Enqueue(item);
            WakeWaiters();
        }
    }

    /// <summary>Takes the first item if there is one, without waiting.</summary>
    public bool TryTake(out T item)
    {
        lock (_gate)
        {
            if (!_items.TryDequeue(out item!))
            {
                return false;
            }

            WakeWaiters();
            return true;
        }
    }

    /// <summary>Takes the first item, waiting for one; false once adding is complete and every item has been taken.</summary>
    /// <exception cref="OperationCanceledException">The queue's token was cancelled.</exception>
    public bool TakeNext(out T item)
    {
        lock (_gate)
        {
            while (true)
            {
                _cancellation.ThrowIfCancellationRequested();
                if (_items.TryDequeue(out item!))
                {
                    WakeWaiters();
                    return true;
                }

                if (_addingCompleted)
                {
                    return false;
                }

                Wait();
            }
        }
    }

    /// <summary>Takes the first item, waiting for one.</summary>
    /// <exception cref="InvalidOperationException">Adding is complete and every item has been taken.</exception>
    /// <exception cref="OperationCanceledException">The queue's token was cancelled.</exception>
    public T Take() =>
        TakeNext(out var item) ? item : throw new InvalidOperationException("The queue is empty and takes no more items.");

    /// <summary>The items in order as they come, until adding is complete and every item has been taken.</summary>
    public IEnumerable<T> GetConsumingEnumerable()
    {
        while (TakeNext(out var item))
        {
            yield return item;
        }
    }

    /// <summary>Ends adding: takers get what is left and then stop waiting; adders, waiting or not, throw.</summary>
    public void CompleteAdding()
    {
        lock (_gate)
        {
            _addingCompleted = true;
            WakeWaiters();
        }
    }

    /// <summary>Stops listening to the token; items left are dropped with the queue.</summary>
    public void Dispose() => _registration.Dispose();

    // Called with the gate held. Takers and adders wait on the same gate, so all are woken and each checks its own
    // condition again: at most a few threads wait on one queue.
    private void Wait()
    {
        _waiting++;
        try
        {
            Monitor.Wait(_gate);
        }
        finally
        {
            _waiting--;
        }
    }

    private void WakeWaiters()
    {
        if (_waiting > 0)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private void WakeAll()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
