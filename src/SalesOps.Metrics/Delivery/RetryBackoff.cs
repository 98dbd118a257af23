namespace SalesOps.Metrics.Delivery;

/// <summary>Exponential backoff with jitter, computed, so that delays on fake time are predictable.</summary>
internal static class RetryBackoff
{
    /// <summary>
    /// The wait after <paramref name="failures"/> failures in a row: <c>baseDelay · 2^(failures − 1)</c>, capped at
    /// <paramref name="maxDelay"/>, then shortened by a random fraction of at most <paramref name="jitter"/>.
    /// </summary>
    /// <param name="failures">Failures in a row, at least 1.</param>
    /// <param name="baseDelay">The wait after the first failure, before jitter.</param>
    /// <param name="maxDelay">The longest wait, before jitter.</param>
    /// <param name="jitter">The largest fraction taken off, in [0, 1].</param>
    /// <param name="random">A uniform draw in [0, 1).</param>
    /// <returns>The delay, never above <paramref name="maxDelay"/>.</returns>
    /// <remarks>
    /// Jitter only shortens the wait, so the cap holds; it spreads the retries of many instances that failed
    /// together, so a recovering dashboard is not hit by all of them at the same instant.
    /// </remarks>
    public static TimeSpan Delay(int failures, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, double random)
    {
        var exponential = baseDelay.Ticks * Math.Pow(2, Math.Clamp(failures - 1, 0, 62));
        var capped = Math.Min(exponential, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)Math.Round(capped * (1 - (jitter * random)), MidpointRounding.AwayFromZero));
    }
}
