namespace SalesOps.Metrics;

/// <summary>One metric's value for one combination of dimension values, in one window.</summary>
/// <param name="Dimensions">The dimension values of the series; empty for the total.</param>
/// <param name="Value">The value; <see langword="null"/> when there is none (no events, or a zero denominator).</param>
/// <param name="Count">The number of events that contributed.</param>
public sealed record SeriesValue(IReadOnlyDictionary<string, string> Dimensions, double? Value, long Count);
