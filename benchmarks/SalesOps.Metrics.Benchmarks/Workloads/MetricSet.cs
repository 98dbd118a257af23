namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>Which engine metrics an event feeds.</summary>
public enum MetricSet
{
    /// <summary>One count metric: one series update per level and grain.</summary>
    Count,

    /// <summary>
    /// Count, sum, min and max of the deal amount: four metrics over the same events, which the engine keeps in one
    /// stream, so one <see cref="ResolvedEvent"/> per event updates all four.
    /// </summary>
    Stats,
}
