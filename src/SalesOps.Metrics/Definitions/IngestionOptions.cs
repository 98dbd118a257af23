using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>How the engine accepts events.</summary>
public sealed record IngestionOptions
{
    /// <summary>
    /// The most series one metric keeps at each roll-up level; further dimension combinations go to a single
    /// overflow series (dimension values <c>(overflow)</c>), so memory stays bounded and totals stay exact. Default 10 000.
    /// </summary>
    public int MaxSeriesPerMetric { get; init; } = 10_000;

    /// <summary>How long after its window was published an event is still applied and corrected normally. Default 1 day.</summary>
    public Duration AllowedLateness { get; init; } = Duration.FromDays(1);

    /// <summary>What happens to events later than <see cref="AllowedLateness"/>. Default apply and flag.</summary>
    public LateEventPolicy LatePolicy { get; init; } = LateEventPolicy.ApplyAndFlag;

    /// <summary>How far ahead of the clock an event may be before it is rejected as in the future. Default 5 minutes.</summary>
    public Duration MaxFutureSkew { get; init; } = Duration.FromMinutes(5);

    /// <summary>
    /// How long raw events are kept in the store after they occurred, for back-filling a metric added later,
    /// recomputing a changed one, and the audit drill-down; <see langword="null"/> (the default) keeps none.
    /// <see cref="Duration.MaxValue"/> keeps them forever.
    /// </summary>
    public Duration? EventRetention { get; init; }

    /// <summary>
    /// Without a store, how long the engine remembers event ids for de-duplication, measured back from each source's
    /// newest event; <see langword="null"/> (the default) remembers every id for the engine's lifetime.
    /// </summary>
    /// <remarks>
    /// <para>Time is cut into spans one window long (counted from the Unix epoch, so a one-day window cuts at UTC
    /// midnight), and the engine keeps the ids of the span its newest event is in and of the span before. An id is
    /// therefore remembered for at least one window and at most two; memory is bounded by two windows of events, and
    /// a host in steady state ingests without allocating.</para>
    /// <para>An event from an earlier span could be a replay the engine no longer recognises, so it is rejected with
    /// <see cref="RejectionReason.BeyondDeduplicationWindow"/> rather than risk counting it twice. Choose a window
    /// longer than the disorder of any source: an event less than one window older than its source's newest is never
    /// refused, and a back-fill in time order never is.</para>
    /// <para>With a store, the store's record decides, and it forgets nothing; the window is not used.</para>
    /// </remarks>
    public Duration? DeduplicationWindow { get; init; }

    /// <summary>The grains every metric is aggregated at. Default hour, day, week, month, quarter and year.</summary>
    public IReadOnlyList<Grain> Grains { get; init; } = [Grain.Hour, Grain.Day, Grain.Week, Grain.Month, Grain.Quarter, Grain.Year];
}
