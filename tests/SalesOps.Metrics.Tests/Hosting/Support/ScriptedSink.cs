namespace SalesOps.Metrics.Tests.Hosting.Support;

/// <summary>What a <see cref="ScriptedSink"/> does on one write.</summary>
internal enum SinkMove
{
    /// <summary>Keeps the batch and returns.</summary>
    Succeed,

    /// <summary>Throws at once.</summary>
    Throw,

    /// <summary>Never returns on its own: waits for its token to be cancelled, then throws.</summary>
    Hang,

    /// <summary>Never returns, not even when cancelled, until the test calls <see cref="ScriptedSink.ReleaseStalled"/>.</summary>
    HangIgnoringCancellation,

    /// <summary>Takes <see cref="ScriptedSink.Slowness"/> of fake time, then keeps the batch.</summary>
    Slow,
}

/// <summary>One write as the sink saw it.</summary>
internal sealed record SinkCall(int Attempt, DateTimeOffset StartedAt, int BatchSize, SinkMove Move)
{
    public DateTimeOffset? EndedAt { get; set; }

    public bool Cancelled { get; set; }
}

/// <summary>A sink whose every write follows a script (by attempt number, from 1), recording what happened on fake time.</summary>
/// <remarks>
/// Its waits end synchronously at the fake instant that ends them (a timer callback or the token's cancellation),
/// unlike <c>Task.Delay</c> on a <see cref="TimeProvider"/>, which resumes on the thread pool; so the effect of each
/// time step has happened, or has marked the host busy, before the step returns.
/// </remarks>
internal sealed class ScriptedSink(string name, TimeProvider time, Func<int, SinkMove> script) : IScoreboardSink
{
    private readonly Lock _gate = new();
    private readonly List<SinkCall> _calls = [];
    private readonly List<Scoreboard> _delivered = [];
    private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _overlapping;

    public string Name { get; } = name;

    /// <summary>How long a <see cref="SinkMove.Slow"/> write takes.</summary>
    public TimeSpan Slowness { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs at the start of every write, such as to sample the pipeline's status mid-flight.</summary>
    public Action? OnWrite { get; init; }

    public IReadOnlyList<SinkCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<Scoreboard> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>Writes that were running at the same time as another one; the contract says it never happens.</summary>
    public int Overlaps { get; private set; }

    public static ScriptedSink Collecting(string name, TimeProvider time) => new(name, time, _ => SinkMove.Succeed);

    public void ReleaseStalled() => Interlocked.Exchange(ref _stalled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();

    private async Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource();
        using var timer = time.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), done, duration, Timeout.InfiniteTimeSpan);
        using var cancellation = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        await done.Task;
    }

    public async ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        SinkCall call;
        lock (_gate)
        {
            if (++_overlapping > 1)
            {
                Overlaps++;
            }

            var attempt = _calls.Count + 1;
            call = new SinkCall(attempt, time.GetUtcNow(), batch.Count, script(attempt));
            _calls.Add(call);
        }

        try
        {
            OnWrite?.Invoke();
            switch (call.Move)
            {
                case SinkMove.Throw:
                    throw new InvalidOperationException("The dashboard is down.");
                case SinkMove.Hang:
                    await WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
                    break;
                case SinkMove.HangIgnoringCancellation:
                    await _stalled.Task;
                    throw new InvalidOperationException("Released after stalling.");
                case SinkMove.Slow:
                    await WaitAsync(Slowness, cancellationToken);
                    break;
            }

            lock (_gate)
            {
                _delivered.AddRange(batch);
            }
        }
        catch (OperationCanceledException)
        {
            call.Cancelled = true;
            throw;
        }
        finally
        {
            call.EndedAt = time.GetUtcNow();
            lock (_gate)
            {
                _overlapping--;
            }
        }
    }
}
