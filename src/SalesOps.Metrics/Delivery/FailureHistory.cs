using System.Globalization;

namespace SalesOps.Metrics.Delivery;

/// <summary>
/// The failures of one plugin: counts, the last error, and the gate that keeps its log to at most one error
/// line per period, counting the failures it kept quiet so the next line (or the recovery line) says how many.
/// </summary>
/// <remarks>Not thread-safe: its owner serialises access.</remarks>
internal sealed class FailureHistory(TimeSpan logPeriod)
{
    private readonly LogGate _log = new(logPeriod);

    /// <summary>Failures since the last success.</summary>
    public int Consecutive { get; private set; }

    /// <summary>Failures since start.</summary>
    public long Total { get; private set; }

    /// <summary>Failures that were calls cancelled at their timeout.</summary>
    public long TimedOut { get; private set; }

    /// <summary>The type and message of the last error.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the last error happened.</summary>
    public DateTimeOffset? LastErrorAt { get; private set; }

    /// <summary>Records a failure.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="now">When.</param>
    /// <param name="timedOut">Whether the call was cancelled at its timeout.</param>
    /// <param name="suppressed">When this failure may be logged: how many earlier ones were not.</param>
    /// <returns><see langword="true"/> when this failure may be logged now.</returns>
    public bool Fail(Exception error, DateTimeOffset now, bool timedOut, out int suppressed)
    {
        Consecutive++;
        Total++;
        if (timedOut)
        {
            TimedOut++;
        }

        LastError = string.Create(CultureInfo.InvariantCulture, $"{error.GetType().Name}: {error.Message}");
        LastErrorAt = now;
        return _log.TryPass(now, out suppressed);
    }

    /// <summary>Records a success.</summary>
    /// <param name="suppressed">The failures of the ended streak that were never logged.</param>
    /// <returns>The length of the failure streak this success ended; 0 when there was none.</returns>
    public int Succeed(out int suppressed)
    {
        var streak = Consecutive;
        Consecutive = 0;
        suppressed = streak > 0 ? _log.TakeSuppressed() : 0;
        return streak;
    }
}
