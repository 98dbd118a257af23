namespace SalesOps.Metrics.Testing.Fakes;

/// <summary>
/// A sink that takes a fixed time on an injected <see cref="TimeProvider"/> for every write, then keeps the
/// scoreboards: with a fake time provider a test decides exactly when each write completes, and never sleeps.
/// </summary>
/// <remarks>
/// Thread-safe. A write cancelled before its delay has passed throws <see cref="OperationCanceledException"/>, keeps
/// nothing and counts in <see cref="Cancellations"/>.
/// </remarks>
public sealed class SlowSink : IScoreboardSink
{
    private readonly CollectingSink _delivered;
    private readonly TimeSpan _delay;
    private readonly TimeProvider _time;
    private readonly Tally _attempts = new();
    private readonly Tally _cancellations = new();

    /// <summary>Creates a sink.</summary>
    /// <param name="delay">How long each write takes; zero or more.</param>
    /// <param name="time">The time the delay is measured on, such as a <c>FakeTimeProvider</c>.</param>
    /// <param name="name">The sink's name.</param>
    public SlowSink(TimeSpan delay, TimeProvider time, string name = "slow")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _delivered = new CollectingSink(name);
        _delay = delay;
        _time = time;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of writes started.</summary>
    public int Attempts => _attempts.Value;

    /// <summary>The number of writes cancelled before their delay passed.</summary>
    public int Cancellations => _cancellations.Value;

    /// <summary>Every scoreboard delivered, in order, re-deliveries included.</summary>
    public IReadOnlyList<Scoreboard> Delivered => _delivered.Received;

    /// <summary>Completes once at least <paramref name="count"/> writes have started.</summary>
    /// <param name="count">The number of writes to wait for.</param>
    /// <returns>A task that completes then (at once when they already have).</returns>
    public Task WhenAttempted(int count) => _attempts.WhenAtLeast(count);

    /// <summary>Completes once at least <paramref name="count"/> scoreboards have been delivered.</summary>
    /// <param name="count">The number of scoreboards to wait for.</param>
    /// <returns>A task that completes then (at once when they already have been).</returns>
    public Task WhenDelivered(int count) => _delivered.WhenReceived(count);

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _attempts.Increment();
        try
        {
            await Task.Delay(_delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _cancellations.Increment();
            throw;
        }

        await _delivered.WriteAsync(batch, CancellationToken.None);
    }
}
