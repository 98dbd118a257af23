namespace SalesOps.Metrics.Plugins;

/// <summary>Options of the <see cref="MetricsScoreboardSink"/>.</summary>
public sealed class MetricsSinkOptions
{
    /// <summary>The sink name, unique among sinks. Default <c>metrics</c>.</summary>
    public string Name { get; set; } = "metrics";
}
