namespace SalesOps.Metrics.Delivery;

/// <summary>
/// Knows when every worker of the hosting layer (the pull-and-publish loop and each sink's worker) is waiting
/// for time to pass or for new work, so tests on fake time can step it in lockstep without sleeping.
/// </summary>
/// <remarks>
/// A worker is busy from the moment something wakes it (a timer firing, a scoreboard enqueued, a plugin call
/// completing) until it waits again; wakers mark it busy synchronously, before they return, so a test that
/// moves fake time and then awaits <see cref="WaitForQuiescenceAsync"/> sees every effect of that move.
/// </remarks>
internal sealed class IdleTracker
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _busy;
    private long _idleCount;

    /// <summary>How many times every worker has gone to wait at once.</summary>
    public long IdleCount
    {
        get
        {
            lock (_gate)
            {
                return _idleCount;
            }
        }
    }

    /// <summary>Adds a worker, busy until it first waits.</summary>
    /// <param name="time">The time source its timed waits use.</param>
    /// <returns>The worker's handle.</returns>
    public WorkParticipant Join(TimeProvider time)
    {
        Enter();
        return new WorkParticipant(this, time);
    }

    /// <summary>Completes once every worker has gone to wait more than <paramref name="count"/> times.</summary>
    /// <param name="count">An earlier <see cref="IdleCount"/>.</param>
    /// <returns>The wait.</returns>
    public async Task WaitForIdleAsync(long count)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_idleCount > count)
                {
                    return;
                }

                changed = _idle.Task;
            }

            await changed.ConfigureAwait(false);
        }
    }

    /// <summary>Completes when no worker is busy (at once if none is).</summary>
    /// <returns>The wait.</returns>
    public async Task WaitForQuiescenceAsync()
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_busy == 0)
                {
                    return;
                }

                changed = _idle.Task;
            }

            await changed.ConfigureAwait(false);
        }
    }

    internal void Enter()
    {
        lock (_gate)
        {
            _busy++;
        }
    }

    internal void Exit()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            _busy--;
            if (_busy == 0)
            {
                _idleCount++;
                idle = _idle;
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        idle?.SetResult();
    }
}
