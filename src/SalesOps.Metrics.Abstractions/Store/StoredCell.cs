namespace SalesOps.Metrics;

/// <summary>The absolute statistics of one (series, period), as persisted. Writing a cell replaces the previous one.</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Level">The roll-up level of the series.</param>
/// <param name="SeriesId">The series id within the level.</param>
/// <param name="Grain">The period's grain.</param>
/// <param name="PeriodKey">The period's key at that grain (see the calendar).</param>
/// <param name="Count">The number of events.</param>
/// <param name="ValueCount">The number of events that carried a value (these feed the sum, min and max).</param>
/// <param name="Sum">The sum of their values.</param>
/// <param name="Min">The smallest value (positive infinity when none).</param>
/// <param name="Max">The largest value (negative infinity when none).</param>
/// <param name="DistinctValues">For distinct-count metrics, the values added since the cell was last written; otherwise empty.</param>
public sealed record StoredCell(
    string Metric,
    int Level,
    int SeriesId,
    Grain Grain,
    long PeriodKey,
    long Count,
    long ValueCount,
    double Sum,
    double Min,
    double Max,
    IReadOnlyList<string> DistinctValues);
