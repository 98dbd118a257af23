namespace SalesOps.Metrics.Testing.Fakes;

/// <summary>
/// A sink whose writes never complete until their token is cancelled, as a dashboard that accepts the connection and
/// never answers: each write then throws <see cref="OperationCanceledException"/> and counts in <see cref="Cancellations"/>.
/// </summary>
/// <remarks>
/// Thread-safe. It writes nothing. A write whose token can never be cancelled hangs forever: give it one that will be
/// (a timeout on an injected <see cref="TimeProvider"/>, or shutdown).
/// </remarks>
public sealed class HangingSink : IScoreboardSink
{
    private readonly Tally _attempts = new();
    private readonly Tally _cancellations = new();

    /// <summary>Creates a sink.</summary>
    /// <param name="name">The sink's name.</param>
    public HangingSink(string name = "hanging")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of writes started.</summary>
    public int Attempts => _attempts.Value;

    /// <summary>The number of writes that ended because their token was cancelled.</summary>
    public int Cancellations => _cancellations.Value;

    /// <summary>Completes once at least <paramref name="count"/> writes have started (and are hanging or were cancelled).</summary>
    /// <param name="count">The number of writes to wait for.</param>
    /// <returns>A task that completes then (at once when they already have).</returns>
    public Task WhenAttempted(int count) => _attempts.WhenAtLeast(count);

    /// <summary>Completes once at least <paramref name="count"/> writes have been cancelled.</summary>
    /// <param name="count">The number of cancellations to wait for.</param>
    /// <returns>A task that completes then (at once when they already have been).</returns>
    public Task WhenCancelled(int count) => _cancellations.WhenAtLeast(count);

    /// <summary>Waits until <paramref name="cancellationToken"/> is cancelled, then throws.</summary>
    /// <param name="batch">Ignored.</param>
    /// <param name="cancellationToken">The only way the write ends.</param>
    /// <returns>A task that never completes successfully.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public async ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        _attempts.Increment();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _cancellations.Increment();
            throw;
        }
    }
}
