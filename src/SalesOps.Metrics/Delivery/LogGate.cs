namespace SalesOps.Metrics.Delivery;

/// <summary>
/// Lets one line about a plugin through per period and counts the ones it holds back, so the next line can say
/// how many there were.
/// </summary>
/// <remarks>Not thread-safe: its owner serialises access.</remarks>
internal sealed class LogGate(TimeSpan period)
{
    private DateTimeOffset? _lastPassedAt;

    /// <summary>Lines held back since the last one that passed.</summary>
    public int Suppressed { get; private set; }

    /// <summary>Asks to log now.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="suppressed">When it may: how many lines were held back since the last one.</param>
    /// <returns><see langword="true"/> when the line may be written.</returns>
    public bool TryPass(DateTimeOffset now, out int suppressed)
    {
        if (_lastPassedAt is { } last && now - last < period)
        {
            Suppressed++;
            suppressed = 0;
            return false;
        }

        suppressed = Suppressed;
        Suppressed = 0;
        _lastPassedAt = now;
        return true;
    }

    /// <summary>Takes the count of held-back lines for a closing summary, such as a recovery line.</summary>
    /// <returns>The count; the gate's period keeps running, so a flapping plugin still logs at most once per period.</returns>
    public int TakeSuppressed()
    {
        var suppressed = Suppressed;
        Suppressed = 0;
        return suppressed;
    }
}
