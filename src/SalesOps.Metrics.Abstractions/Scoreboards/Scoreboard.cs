using NodaTime;

namespace SalesOps.Metrics;

/// <summary>The values and evaluations at one instant: what sinks receive and dashboards show.</summary>
public sealed record Scoreboard
{
    /// <summary>The instant the scoreboard describes.</summary>
    public required Instant At { get; init; }

    /// <summary>A regular publication, or a correction of windows already published.</summary>
    public required ScoreboardKind Kind { get; init; }

    /// <summary>The calendar's zone id, for display.</summary>
    public required string Zone { get; init; }

    /// <summary>The metric values.</summary>
    public required IReadOnlyList<MetricSnapshot> Metrics { get; init; }

    /// <summary>The target evaluations, one per target and member.</summary>
    public required IReadOnlyList<TargetEvaluation> Targets { get; init; }

    /// <summary>The ingestion report at <see cref="At"/>.</summary>
    public required IngestionReport Ingestion { get; init; }
}
