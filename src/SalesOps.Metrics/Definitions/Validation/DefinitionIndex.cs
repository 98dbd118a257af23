using FluentValidation;

namespace SalesOps.Metrics.Definitions;

/// <summary>
/// What the child validators need to know about the whole definition (metrics by name, the ingestion grains),
/// computed once per validation and shared through <see cref="IValidationContext.RootContextData"/>.
/// </summary>
internal sealed class DefinitionIndex
{
    private const string Key = "SalesOps.Metrics.Definitions.DefinitionIndex";

    private readonly Dictionary<string, MetricDefinition> _metrics = new(StringComparer.Ordinal);

    public DefinitionIndex(SalesOpsDefinition definition)
    {
        foreach (var metric in definition.Metrics ?? [])
        {
            if (metric?.Name is { } name)
            {
                // The first of duplicates wins; the later ones are reported as duplicates.
                _metrics.TryAdd(name, metric);
            }
        }

        IngestionGrains = (definition.Ingestion?.Grains ?? []).Where(Enum.IsDefined).Distinct().ToArray();
        TargetWithMilestones = (definition.Targets ?? [])
            .FirstOrDefault(t => t is { Milestones.Count: > 0 })?.Name;
    }

    /// <summary>The distinct, defined grains every metric is aggregated at.</summary>
    public IReadOnlyList<Grain> IngestionGrains { get; }

    /// <summary>The name of the first target that has milestones, or <see langword="null"/> when none has.</summary>
    public string? TargetWithMilestones { get; }

    public static void Attach(ValidationContext<SalesOpsDefinition> context, DefinitionIndex index)
        => context.RootContextData[Key] = index;

    public static DefinitionIndex Of<T>(ValidationContext<T> context)
        => context.RootContextData.TryGetValue(Key, out var index) && index is DefinitionIndex found
            ? found
            : throw new InvalidOperationException("Definition parts are validated only as part of a SalesOpsDefinition.");

    /// <summary>The metric of that name, or <see langword="null"/> when there is none.</summary>
    public MetricDefinition? Metric(string? name)
        => name is not null && _metrics.TryGetValue(name, out var metric) ? metric : null;

    /// <summary>
    /// The dimensions a target on the metric may scope and split by: its group-by, or for a ratio the group-by
    /// dimensions its numerator and denominator share (in the numerator's order). <see langword="null"/> when that
    /// cannot be known because the ratio itself is broken (which is reported on the metric).
    /// </summary>
    public IReadOnlyList<string>? GroupByOf(MetricDefinition metric)
    {
        if (metric.Aggregation != AggregationKind.Ratio)
        {
            return metric.GroupBy ?? [];
        }

        var numerator = Metric(metric.Ratio?.Numerator);
        var denominator = Metric(metric.Ratio?.Denominator);
        if (numerator is null || denominator is null
            || numerator.Aggregation == AggregationKind.Ratio || denominator.Aggregation == AggregationKind.Ratio)
        {
            return null;
        }

        var shared = denominator.GroupBy ?? [];
        return (numerator.GroupBy ?? []).Where(shared.Contains).Distinct(StringComparer.Ordinal).ToArray();
    }
}
