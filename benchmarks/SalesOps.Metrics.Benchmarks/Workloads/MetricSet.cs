namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>Which engine metrics an event feeds.</summary>
public enum MetricSet
{
    /// <summary>One count metric: one series update per level and grain.</summary>
    Count,

    /// <summary>
    /// Count, sum, min and max of the deal amount: the engine has no combined statistic, so these are four metrics,
    /// four handles and four <see cref="ResolvedEvent"/>s per event; each keeps its own count.
    /// </summary>
    Stats,
}
