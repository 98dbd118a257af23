namespace SalesOps.Metrics.Testing.Fakes;

/// <summary>A sink that always fails, as a dashboard that is down: every write throws <see cref="InvalidOperationException"/>.</summary>
/// <remarks>
/// Thread-safe. It throws its failure even when the token is cancelled, and counts every call in <see cref="Attempts"/>.
/// </remarks>
public sealed class ThrowingSink : IScoreboardSink
{
    private readonly Tally _attempts = new();

    /// <summary>Creates a sink.</summary>
    /// <param name="name">The sink's name.</param>
    public ThrowingSink(string name = "throwing")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of writes attempted.</summary>
    public int Attempts => _attempts.Value;

    /// <summary>Completes once at least <paramref name="count"/> writes have been attempted.</summary>
    /// <param name="count">The number of attempts to wait for.</param>
    /// <returns>A task that completes then (at once when they already have been).</returns>
    public Task WhenAttempted(int count) => _attempts.WhenAtLeast(count);

    /// <summary>Fails.</summary>
    /// <param name="batch">Ignored.</param>
    /// <param name="cancellationToken">Ignored.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="InvalidOperationException">Always, with the attempt number in its message: <c>The dashboard is down (attempt 3).</c></exception>
    public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        var attempt = _attempts.Increment();
        throw new InvalidOperationException($"The dashboard is down (attempt {attempt}).");
    }
}
