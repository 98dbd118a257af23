namespace SalesOps.Metrics.Delivery;

/// <summary>The random draws that jitter retry delays; thread-safe. Tests register one over a seeded or fixed <see cref="Random"/>.</summary>
/// <param name="random">The generator; used under a lock.</param>
internal sealed class RetryJitter(Random random)
{
    private readonly Lock _gate = new();

    /// <summary>The jitter used when none is registered.</summary>
    public static RetryJitter Shared { get; } = new(Random.Shared);

    /// <summary>A uniform draw in [0, 1).</summary>
    /// <returns>The draw.</returns>
    public double Next()
    {
        lock (_gate)
        {
            return random.NextDouble();
        }
    }
}
