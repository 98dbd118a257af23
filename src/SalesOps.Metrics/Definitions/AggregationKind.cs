namespace SalesOps.Metrics.Definitions;

/// <summary>How a metric combines the events it matches.</summary>
public enum AggregationKind
{
    /// <summary>The number of matching events.</summary>
    Count,

    /// <summary>The sum of the matching events' values.</summary>
    Sum,

    /// <summary>The smallest value.</summary>
    Min,

    /// <summary>The largest value.</summary>
    Max,

    /// <summary>Σ value ÷ count, recomputed from its parts at every level.</summary>
    Average,

    /// <summary>The number of distinct values of one dimension (leads, accounts).</summary>
    DistinctCount,

    /// <summary>Σ numerator ÷ Σ denominator of two other metrics; no value when the denominator is 0.</summary>
    Ratio,
}
