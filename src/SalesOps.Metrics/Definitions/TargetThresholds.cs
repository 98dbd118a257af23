namespace SalesOps.Metrics.Definitions;

/// <summary>The pace thresholds that turn an evaluation into a status.</summary>
public sealed record TargetThresholds
{
    /// <summary>At-least: a pace at or above this is on track. Default 1.0.</summary>
    public double OnTrack { get; init; } = 1.0;

    /// <summary>At-least: a pace at or above this (and under <see cref="OnTrack"/>) is at risk; under it, behind. Default 0.85.</summary>
    public double AtRisk { get; init; } = 0.85;

    /// <summary>At-most: a projected period-end value above this fraction of the limit is at risk. Default 1.0.</summary>
    public double AtMostProjectionAtRisk { get; init; } = 1.0;
}
