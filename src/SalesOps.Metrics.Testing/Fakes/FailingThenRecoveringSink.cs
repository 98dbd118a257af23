namespace SalesOps.Metrics.Testing.Fakes;

/// <summary>
/// A sink whose first writes fail, as a dashboard coming back after an outage: the first <c>failures</c> writes throw
/// <see cref="InvalidOperationException"/>, every later one is delivered and kept in <see cref="Delivered"/>.
/// </summary>
/// <remarks>
/// Thread-safe. A write whose token is already cancelled throws <see cref="OperationCanceledException"/> and uses up no
/// failure; it still counts as an attempt.
/// </remarks>
public sealed class FailingThenRecoveringSink : IScoreboardSink
{
    private readonly Lock _gate = new();
    private readonly CollectingSink _delivered;
    private readonly Tally _attempts = new();
    private readonly Tally _failures = new();
    private readonly int _failuresBeforeRecovery;

    /// <summary>Creates a sink.</summary>
    /// <param name="failures">How many writes fail before the sink recovers; 0 for none.</param>
    /// <param name="name">The sink's name.</param>
    public FailingThenRecoveringSink(int failures, string name = "recovering")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        _delivered = new CollectingSink(name);
        _failuresBeforeRecovery = failures;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of writes attempted, failed, cancelled and delivered together.</summary>
    public int Attempts => _attempts.Value;

    /// <summary>The number of writes that failed so far.</summary>
    public int Failures => _failures.Value;

    /// <summary>Every scoreboard delivered after recovery, in order, re-deliveries included.</summary>
    public IReadOnlyList<Scoreboard> Delivered => _delivered.Received;

    /// <summary>The latest scoreboard delivered for each <see cref="Scoreboard.At"/> and <see cref="Scoreboard.Kind"/>, in the order first delivered.</summary>
    public IReadOnlyList<Scoreboard> Scoreboards => _delivered.Scoreboards;

    /// <summary>Completes once at least <paramref name="count"/> scoreboards have been delivered.</summary>
    /// <param name="count">The number of scoreboards to wait for.</param>
    /// <returns>A task that completes then (at once when they already have been).</returns>
    public Task WhenDelivered(int count) => _delivered.WhenReceived(count);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">For each of the first <c>failures</c> writes: <c>The dashboard is still down (failure 2 of 5).</c></exception>
    public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _attempts.Increment();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_failures.Value < _failuresBeforeRecovery)
            {
                var failure = _failures.Increment();
                throw new InvalidOperationException($"The dashboard is still down (failure {failure} of {_failuresBeforeRecovery}).");
            }
        }

        return _delivered.WriteAsync(batch, cancellationToken);
    }
}
