namespace SalesOps.Metrics.DependencyInjection;

/// <summary>How a source, a sink or the publisher is doing.</summary>
/// <remarks>
/// Health checks (<c>AddSalesOpsHealthChecks</c>) report <see cref="Healthy"/> as healthy, <see cref="Retrying"/>
/// and <see cref="HalfOpen"/> as degraded, <see cref="Open"/> and <see cref="Stalled"/> as unhealthy; a sink whose
/// queue is full (so the next scoreboard drops the oldest) is unhealthy whatever its state.
/// </remarks>
public enum PluginState
{
    /// <summary>The last call succeeded (or none failed yet).</summary>
    Healthy,

    /// <summary>The last call failed; it is retried after a backoff.</summary>
    Retrying,

    /// <summary>A sink's circuit break is over: the next write is a probe that closes or reopens it.</summary>
    HalfOpen,

    /// <summary>A sink failed too often in a row: no write is attempted until its break is over.</summary>
    Open,

    /// <summary>A call outlived its timeout and has not returned although it was cancelled.</summary>
    Stalled,
}
