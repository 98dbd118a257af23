namespace SalesOps.Metrics.Definitions;

/// <summary>Whether a metric measures effort or result.</summary>
public enum MetricKind
{
    /// <summary>Activity that drives results: calls made, appointments set.</summary>
    Effort,

    /// <summary>Outcome: qualified opportunities, revenue.</summary>
    Result,
}
