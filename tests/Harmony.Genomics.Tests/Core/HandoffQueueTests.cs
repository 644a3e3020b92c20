using Harmony.Genomics.Core;

namespace Harmony.Genomics.Tests.Core;

public sealed class HandoffQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Items_CrossThreadsInOrder_NeverMoreThanCapacityHeld()
    {
        const int Items = 20_000;
        const int Capacity = 3;
        using var queue = new HandoffQueue<int>(Capacity);
        var most = 0;
        var producer = Worker.Start(() =>
        {
            for (var i = 0; i < Items; i++)
            {
                queue.Add(i);
                most = Math.Max(most, queue.Count);
            }

            queue.CompleteAdding();
        });

        var taken = new List<int>();
        foreach (var item in queue.GetConsumingEnumerable())
        {
            taken.Add(item);
        }

        producer.AssertFinished();
        Assert.Equal(Enumerable.Range(0, Items), taken);
        Assert.InRange(most, 1, Capacity);
    }

    [Fact]
    public void ManyProducersAndTakers_EveryItemTakenOnce()
    {
        using var queue = new HandoffQueue<int>(2);
        var producers = Enumerable.Range(0, 3).Select(p => Worker.Start(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                queue.Add((p * 5_000) + i);
            }
        })).ToArray();
        var taken = new List<int>[3];
        var takers = Enumerable.Range(0, 3).Select(t => Worker.Start(() => taken[t] = queue.GetConsumingEnumerable().ToList())).ToArray();

        Array.ForEach(producers, p => p.AssertFinished());
        queue.CompleteAdding();
        Array.ForEach(takers, t => t.AssertFinished());
        Assert.Equal(Enumerable.Range(0, 15_000), taken.SelectMany(t => t).Order());
    }

    [Fact]
    public void CompleteAdding_TakersGetWhatIsLeftThenStop_AddersThrow()
    {
        using var queue = new HandoffQueue<string>();
        queue.Add("a");
        queue.Add("b");
        queue.CompleteAdding();

        Assert.Throws<InvalidOperationException>(() => queue.Add("c"));
        Assert.Equal("a", queue.Take());
        Assert.True(queue.TakeNext(out var b));
        Assert.Equal("b", b);
        Assert.False(queue.TakeNext(out _));
        Assert.False(queue.TryTake(out _));
        Assert.Throws<InvalidOperationException>(() => queue.Take());
    }

    [Fact]
    public void CompleteAdding_WakesTakerWaitingOnEmptyQueue()
    {
        using var queue = new HandoffQueue<int>();
        var took = true;
        var taker = Worker.Start(() => took = queue.TakeNext(out _));
        taker.AssertWaiting();

        queue.CompleteAdding();
        taker.AssertFinished();
        Assert.False(took);
    }

    [Fact]
    public void CompleteAdding_WakesAdderWaitingOnFullQueue_WhichThrows()
    {
        using var queue = new HandoffQueue<int>(1);
        queue.Add(1);
        var adder = Worker.Start(() => queue.Add(2));
        adder.AssertWaiting();

        queue.CompleteAdding();
        Assert.IsType<InvalidOperationException>(adder.AssertFailed());
        Assert.Equal(1, queue.Take());
        Assert.False(queue.TakeNext(out _));
    }

    [Fact]
    public void TryTake_MakesRoomForWaitingAdder()
    {
        using var queue = new HandoffQueue<int>(1);
        queue.Add(1);
        var adder = Worker.Start(() => queue.Add(2));
        adder.AssertWaiting();

        Assert.True(queue.TryTake(out var first));
        Assert.Equal(1, first);
        adder.AssertFinished();
        Assert.True(queue.TryTake(out var second));
        Assert.Equal(2, second);
        Assert.False(queue.TryTake(out _));
    }

    [Fact]
    public void Cancellation_WakesWaitersAndStopsLaterCalls()
    {
        using var cancel = new CancellationTokenSource();
        using var empty = new HandoffQueue<int>(cancellation: cancel.Token);
        using var full = new HandoffQueue<int>(1, cancel.Token);
        full.Add(1);
        var taker = Worker.Start(() => empty.TakeNext(out _));
        var adder = Worker.Start(() => full.Add(2));
        taker.AssertWaiting();
        adder.AssertWaiting();

        cancel.Cancel();
        Assert.IsAssignableFrom<OperationCanceledException>(taker.AssertFailed());
        Assert.IsAssignableFrom<OperationCanceledException>(adder.AssertFailed());
        Assert.ThrowsAny<OperationCanceledException>(() => empty.Take());
        Assert.ThrowsAny<OperationCanceledException>(() => full.Add(3));
    }

    // A thread of its own, as the engine's queues are used (reader, inflaters, writers), with what it threw.
    private sealed class Worker
    {
        private readonly Thread _thread;
        private Exception? _error;

        private Worker(Action action)
        {
            _thread = new Thread(() =>
            {
                try
                {
                    action();
                }
                catch (Exception e)
                {
                    _error = e;
                }
            }) { IsBackground = true };
        }

        public static Worker Start(Action action)
        {
            var worker = new Worker(action);
            worker._thread.Start();
            return worker;
        }

        // Still waiting a while after it started (it cannot finish without the step the test takes next).
        public void AssertWaiting() => Assert.False(_thread.Join(TimeSpan.FromMilliseconds(100)));

        public void AssertFinished()
        {
            Assert.True(_thread.Join(Patience));
            Assert.Null(_error);
        }

        public Exception AssertFailed()
        {
            Assert.True(_thread.Join(Patience));
            return Assert.IsAssignableFrom<Exception>(_error);
        }
    }
}
