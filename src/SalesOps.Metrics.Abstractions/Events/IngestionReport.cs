namespace SalesOps.Metrics;

/// <summary>
/// What happened to the events received: every event received is counted exactly once as
/// applied, duplicate, rejected or held.
/// </summary>
/// <remarks>
/// <c>Received = Applied + Duplicates + Rejected + Held</c> always holds. <see cref="Late"/> counts
/// the applied or held events that arrived after their window had been published; it overlaps
/// the other counts rather than adding to them.
/// </remarks>
public sealed record IngestionReport
{
    /// <summary>Events handed to the engine.</summary>
    public long Received { get; init; }

    /// <summary>Events applied to the aggregates, each exactly once.</summary>
    public long Applied { get; init; }

    /// <summary>Events ignored because an event with the same source and id was already applied.</summary>
    public long Duplicates { get; init; }

    /// <summary>Events rejected, all reasons together.</summary>
    public long Rejected => RejectedByReason.Values.Sum();

    /// <summary>Events rejected, by reason; reasons with no rejection are absent.</summary>
    public IReadOnlyDictionary<RejectionReason, long> RejectedByReason { get; init; } =
        new Dictionary<RejectionReason, long>();

    /// <summary>Events that arrived after their window was published (applied, held or rejected as too late).</summary>
    public long Late { get; init; }

    /// <summary>Events beyond the allowed lateness, applied and flagged under <c>LateEventPolicy.ApplyAndFlag</c>.</summary>
    public long LateBeyondLateness { get; init; }

    /// <summary>Events beyond the allowed lateness held for review under <c>LateEventPolicy.Hold</c>.</summary>
    public long Held { get; init; }

    /// <summary>Events that did not match any metric; they are applied (and de-duplicated) but change nothing.</summary>
    public long Unmatched { get; init; }

    /// <summary>An empty report.</summary>
    public static IngestionReport Empty { get; } = new();

    /// <summary>Adds two reports, reason by reason.</summary>
    /// <param name="other">The report to add.</param>
    /// <returns>The sum.</returns>
    public IngestionReport Add(IngestionReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var reasons = new Dictionary<RejectionReason, long>(RejectedByReason);
        foreach (var (reason, count) in other.RejectedByReason)
        {
            reasons[reason] = reasons.GetValueOrDefault(reason) + count;
        }

        return new IngestionReport
        {
            Received = Received + other.Received,
            Applied = Applied + other.Applied,
            Duplicates = Duplicates + other.Duplicates,
            RejectedByReason = reasons,
            Late = Late + other.Late,
            LateBeyondLateness = LateBeyondLateness + other.LateBeyondLateness,
            Held = Held + other.Held,
            Unmatched = Unmatched + other.Unmatched,
        };
    }
}
