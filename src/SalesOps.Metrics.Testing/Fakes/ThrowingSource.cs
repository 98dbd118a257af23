namespace SalesOps.Metrics.Testing.Fakes;

/// <summary>A source that always fails, as a CRM that is down: every read throws <see cref="IOException"/>.</summary>
/// <remarks>Thread-safe. It throws its failure even when the token is cancelled, and counts every call in <see cref="Reads"/>.</remarks>
public sealed class ThrowingSource : IActivitySource
{
    private readonly Tally _reads = new();

    /// <summary>Creates a source.</summary>
    /// <param name="name">The source's name.</param>
    public ThrowingSource(string name = "throwing")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of reads attempted.</summary>
    public int Reads => _reads.Value;

    /// <summary>Completes once at least <paramref name="count"/> reads have been attempted.</summary>
    /// <param name="count">The number of reads to wait for.</param>
    /// <returns>A task that completes then (at once when they already have been).</returns>
    public Task WhenRead(int count) => _reads.WhenAtLeast(count);

    /// <summary>Fails.</summary>
    /// <param name="after">Ignored.</param>
    /// <param name="maxEvents">Ignored.</param>
    /// <param name="cancellationToken">Ignored.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="IOException">Always, with the read number in its message: <c>The CRM is down (read 3).</c></exception>
    public ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        var read = _reads.Increment();
        throw new IOException($"The CRM is down (read {read}).");
    }
}
