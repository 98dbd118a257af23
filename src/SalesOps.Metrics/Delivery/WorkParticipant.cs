namespace SalesOps.Metrics.Delivery;

/// <summary>One worker known to an <see cref="IdleTracker"/>: it waits only through these methods.</summary>
/// <remarks>
/// Each wait has a ticket, so a late wake-up meant for an earlier wait can never mark a later one busy. The
/// order inside a wait is always: take a ticket, arm every waker, then sleep; a waker that fires before the
/// worker sleeps simply keeps it busy.
/// </remarks>
internal sealed class WorkParticipant
{
    private readonly Lock _gate = new();
    private readonly IdleTracker _tracker;
    private readonly TimeProvider _time;
    private long _ticket;
    private bool _woken = true;
    private bool _asleep;
    private bool _left;

    internal WorkParticipant(IdleTracker tracker, TimeProvider time)
    {
        _tracker = tracker;
        _time = time;
    }

    /// <summary>Starts a wait; pass the ticket to the wakers and to <see cref="Sleep"/>.</summary>
    /// <returns>The ticket.</returns>
    public long BeginWait()
    {
        lock (_gate)
        {
            _woken = false;
            return ++_ticket;
        }
    }

    /// <summary>Marks the worker idle, unless a waker of this wait already fired.</summary>
    /// <param name="ticket">The wait's ticket.</param>
    public void Sleep(long ticket)
    {
        lock (_gate)
        {
            if (ticket != _ticket || _woken || _asleep || _left)
            {
                return;
            }

            _asleep = true;
        }

        _tracker.Exit();
    }

    /// <summary>Marks the worker busy again; called synchronously by whatever ends the wait.</summary>
    /// <param name="ticket">The wait's ticket; a stale ticket is ignored.</param>
    public void Wake(long ticket)
    {
        lock (_gate)
        {
            if (ticket != _ticket || _woken)
            {
                return;
            }

            _woken = true;
            if (!_asleep || _left)
            {
                return;
            }

            _asleep = false;
        }

        _tracker.Enter();
    }

    /// <summary>Ends a wait: the worker is busy and no waker of it counts any more.</summary>
    public void EndWait()
    {
        bool enter;
        lock (_gate)
        {
            _ticket++;
            _woken = true;
            enter = _asleep && !_left;
            _asleep = false;
        }

        if (enter)
        {
            _tracker.Enter();
        }
    }

    /// <summary>Removes the worker for good: it never counts as busy again.</summary>
    public void Leave()
    {
        bool exit;
        lock (_gate)
        {
            if (_left)
            {
                return;
            }

            _left = true;
            exit = !_asleep;
            _asleep = true;
            _ticket++;
        }

        if (exit)
        {
            _tracker.Exit();
        }
    }

    /// <summary>Waits for <paramref name="delay"/> of the injected time, idle meanwhile.</summary>
    /// <param name="delay">How long; positive.</param>
    /// <param name="cancellationToken">Ends the wait early with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The wait.</returns>
    public async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticket = BeginWait();
        var waker = new Waker(this, ticket, resumed);
        using (_time.CreateTimer(static state => ((Waker)state!).Resume(), waker, delay, Timeout.InfiniteTimeSpan))
        using (cancellationToken.Register(static state => ((Waker)state!).Resume(), waker))
        {
            Sleep(ticket);
            await resumed.Task.ConfigureAwait(false);
        }

        EndWait();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Waits until <paramref name="task"/> completes or <paramref name="cancellationToken"/> is cancelled, idle meanwhile.</summary>
    /// <param name="task">The plugin call; its outcome is left for the caller to observe.</param>
    /// <param name="cancellationToken">Ends the wait early, without throwing: check <see cref="Task.IsCompleted"/>.</param>
    /// <returns>The wait.</returns>
    public async Task WaitAsync(Task task, CancellationToken cancellationToken)
    {
        if (task.IsCompleted)
        {
            return;
        }

        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticket = BeginWait();
        var waker = new Waker(this, ticket, resumed);

        // ExecuteSynchronously: the worker is marked busy on the thread that completed the call, before it returns.
        _ = task.ContinueWith(
            static (_, state) => ((Waker)state!).Resume(),
            waker,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        using (cancellationToken.Register(static state => ((Waker)state!).Resume(), waker))
        {
            Sleep(ticket);
            await resumed.Task.ConfigureAwait(false);
        }

        EndWait();
    }

    private sealed class Waker(WorkParticipant participant, long ticket, TaskCompletionSource resumed)
    {
        public void Resume()
        {
            participant.Wake(ticket);
            resumed.TrySetResult();
        }
    }
}
