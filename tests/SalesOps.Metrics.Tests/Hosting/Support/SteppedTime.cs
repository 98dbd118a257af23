using Microsoft.Extensions.Time.Testing;

namespace SalesOps.Metrics.Tests.Hosting.Support;

/// <summary>
/// Fake time that knows when its next timer is due, so a test can jump from one due timer to the next: every
/// timer then fires at exactly its due instant, and a scenario of simulated minutes runs in milliseconds.
/// </summary>
/// <remarks>Every timer created through it is tracked: Task.Delay, CancellationTokenSource timeouts and the engine's own.</remarks>
internal sealed class SteppedTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _timers = [];

    /// <summary>When the next timer is due, if any is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt).Min();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, callback, state);
        timer.Inner = base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), timer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class TrackedTimer(SteppedTime owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var now = owner.GetUtcNow();
            lock (owner._gate)
            {
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
                owner._timers.Add(this);
            }

            return Inner.Change(dueTime, period);
        }

        public void Fire()
        {
            var now = owner.GetUtcNow();
            lock (owner._gate)
            {
                DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                DueAt = null;
                owner._timers.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
