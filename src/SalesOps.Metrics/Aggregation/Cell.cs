namespace SalesOps.Metrics.Aggregation;

/// <summary>The statistics of one (series, window), as read.</summary>
internal readonly record struct Cell(long Count, long ValueCount, double Sum, double Min, double Max, HashSet<int>? Distinct)
{
    public static Cell Empty { get; } = new(0, 0, 0, double.PositiveInfinity, double.NegativeInfinity, null);
}
