namespace SalesOps.Metrics.Testing.Fakes;

/// <summary>A thread-safe count that tests can await: <see cref="WhenAtLeast"/> completes once the count reaches a value.</summary>
internal sealed class Tally
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _value;

    public int Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>Adds one and returns the new count.</summary>
    public int Increment() => Add(1);

    /// <summary>Adds <paramref name="amount"/> and returns the new count.</summary>
    public int Add(int amount)
    {
        List<TaskCompletionSource>? reached = null;
        int value;
        lock (_gate)
        {
            _value += amount;
            value = _value;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= value)
                {
                    (reached ??= []).Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                }
            }
        }

        // Completed outside the lock: continuations run asynchronously anyway, but a waiter must never see the lock held.
        reached?.ForEach(r => r.SetResult());
        return value;
    }

    public Task WhenAtLeast(int count)
    {
        lock (_gate)
        {
            if (_value >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }
}
