namespace SalesOps.Metrics;

/// <summary>One metric in one window: its total and its breakdown.</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Unit">The unit, such as "appointments" or "USD".</param>
/// <param name="Format">A .NET numeric format string for display, such as <c>N0</c> or <c>C0</c>.</param>
/// <param name="Period">The window.</param>
/// <param name="Total">The value over every series.</param>
/// <param name="Breakdown">The values by the metric's first group-by dimension, best first.</param>
public sealed record MetricSnapshot(
    string Metric,
    string Unit,
    string Format,
    PeriodInfo Period,
    SeriesValue Total,
    IReadOnlyList<SeriesValue> Breakdown);
