namespace SalesOps.Metrics.Delivery;

/// <summary>
/// A circuit breaker for one sink: after <c>failureThreshold</c> consecutive failures it opens, and no write is
/// attempted for the break duration; then it is half-open, and the next write is a probe: success closes it,
/// failure opens it again for another break.
/// </summary>
/// <remarks>Not thread-safe: its owner serialises access.</remarks>
internal sealed class CircuitBreaker(int failureThreshold, TimeSpan breakDuration)
{
    private DateTimeOffset? _openUntil;

    /// <summary>The breaker's state at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>Closed, open, or half-open once the break is over.</returns>
    public CircuitState StateAt(DateTimeOffset now) => _openUntil switch
    {
        null => CircuitState.Closed,
        { } until when now < until => CircuitState.Open,
        _ => CircuitState.HalfOpen,
    };

    /// <summary>How long the break still lasts; zero when a write may be attempted now.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The remaining break.</returns>
    public TimeSpan RemainingBreak(DateTimeOffset now) => _openUntil is { } until && now < until ? until - now : TimeSpan.Zero;

    /// <summary>When the current break ends, if the breaker is open or half-open.</summary>
    public DateTimeOffset? OpenUntil => _openUntil;

    /// <summary>Records a failed write.</summary>
    /// <param name="now">When it failed.</param>
    /// <param name="consecutiveFailures">Failures in a row, this one included.</param>
    /// <returns><see langword="true"/> when the breaker (re)opened.</returns>
    public bool OnFailure(DateTimeOffset now, int consecutiveFailures)
    {
        // A failed probe (half-open) opens it again at once, whatever the count.
        if (_openUntil is not null || consecutiveFailures >= failureThreshold)
        {
            _openUntil = now + breakDuration;
            return true;
        }

        return false;
    }

    /// <summary>Records a successful write: the breaker closes.</summary>
    public void OnSuccess() => _openUntil = null;
}
