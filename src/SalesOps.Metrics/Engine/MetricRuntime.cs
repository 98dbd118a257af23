using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Engine;

/// <summary>A metric as the engine runs it: its own aggregates, or a ratio of two others.</summary>
internal sealed class MetricRuntime
{
    public MetricRuntime(MetricDefinition definition, MetricAggregator aggregator)
    {
        Definition = definition;
        Aggregator = aggregator;
    }

    public MetricRuntime(MetricDefinition definition, MetricRuntime numerator, MetricRuntime denominator)
    {
        Definition = definition;
        Numerator = numerator;
        Denominator = denominator;
    }

    public MetricDefinition Definition { get; }

    public string Name => Definition.Name;

    public MetricAggregator? Aggregator { get; private set; }

    public void ReplaceAggregator(MetricAggregator old, MetricAggregator fresh)
    {
        if (ReferenceEquals(Aggregator, old))
        {
            Aggregator = fresh;
        }
    }

    public MetricRuntime? Numerator { get; }

    public MetricRuntime? Denominator { get; }

    public bool IsRatio => Aggregator is null;

    /// <summary>The aggregator that knows the metric's dimension values (the numerator's, for a ratio).</summary>
    public MetricAggregator Primary => Aggregator ?? Numerator!.Primary;

    /// <summary>The group-by dimensions usable in queries: a ratio's are those both parts share, in the numerator's order.</summary>
    public IReadOnlyList<string> Dimensions => IsRatio
        ? [.. Numerator!.Dimensions.Where(d => Denominator!.Dimensions.Contains(d, StringComparer.Ordinal))]
        : Definition.GroupBy;

    public bool DependsOn(MetricAggregator aggregator) =>
        ReferenceEquals(Aggregator, aggregator) || (IsRatio && (Numerator!.DependsOn(aggregator) || Denominator!.DependsOn(aggregator)));
}
