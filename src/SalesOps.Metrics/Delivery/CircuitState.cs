namespace SalesOps.Metrics.Delivery;

/// <summary>The state of a <see cref="CircuitBreaker"/>.</summary>
internal enum CircuitState
{
    /// <summary>Writes are attempted.</summary>
    Closed,

    /// <summary>Too many failures in a row: no write until the break is over.</summary>
    Open,

    /// <summary>The break is over: the next write is a probe.</summary>
    HalfOpen,
}
