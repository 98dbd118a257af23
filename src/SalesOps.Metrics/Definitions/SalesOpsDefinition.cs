namespace SalesOps.Metrics.Definitions;

/// <summary>Everything the engine is built from: the calendar, metrics, targets and options.</summary>
public sealed record SalesOpsDefinition
{
    /// <summary>The calendar.</summary>
    public CalendarDefinition Calendar { get; init; } = new();

    /// <summary>The metrics.</summary>
    public IReadOnlyList<MetricDefinition> Metrics { get; init; } = [];

    /// <summary>The targets.</summary>
    public IReadOnlyList<TargetDefinition> Targets { get; init; } = [];

    /// <summary>Ingestion options.</summary>
    public IngestionOptions Ingestion { get; init; } = new();

    /// <summary>Scoreboard options.</summary>
    public ScoreboardOptions Scoreboard { get; init; } = new();
}
