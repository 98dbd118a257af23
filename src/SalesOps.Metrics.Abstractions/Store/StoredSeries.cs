namespace SalesOps.Metrics;

/// <summary>One series of one roll-up level of a metric, as persisted.</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Level">The roll-up level: 0 is the total, 1 the first group-by dimension, and so on.</param>
/// <param name="SeriesId">The series id within the level, dense from 0 in creation order.</param>
/// <param name="Values">The dimension values of the series, one per group-by dimension of the level.</param>
public sealed record StoredSeries(string Metric, int Level, int SeriesId, IReadOnlyList<string> Values);
