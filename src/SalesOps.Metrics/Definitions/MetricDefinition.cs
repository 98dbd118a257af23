using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>A named computation over activity events.</summary>
public sealed record MetricDefinition
{
    /// <summary>The unique name, such as <c>appointments-set</c>.</summary>
    public required string Name { get; init; }

    /// <summary>How matching events combine.</summary>
    public AggregationKind Aggregation { get; init; } = AggregationKind.Count;

    /// <summary>The event types the metric matches. Empty only for a ratio.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Dimension filters: an event matches when, for every entry, its dimension value is one of the listed values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The group-by dimensions, outermost first (team, then rep): each prefix is a roll-up level.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>For <see cref="AggregationKind.DistinctCount"/>: the dimension whose distinct values are counted.</summary>
    public string? DistinctDimension { get; init; }

    /// <summary>For <see cref="AggregationKind.Ratio"/>: the numerator and denominator metrics.</summary>
    public RatioDefinition? Ratio { get; init; }

    /// <summary>Effort or result.</summary>
    public MetricKind Kind { get; init; } = MetricKind.Effort;

    /// <summary>The unit shown beside values, such as <c>appointments</c> or <c>USD</c>.</summary>
    public string Unit { get; init; } = "";

    /// <summary>A .NET numeric format string for display. Default <c>N0</c>.</summary>
    public string Format { get; init; } = "N0";

    /// <summary>How often the metric is reviewed and published. Default one day.</summary>
    public Duration Review { get; init; } = Duration.FromDays(1);
}
