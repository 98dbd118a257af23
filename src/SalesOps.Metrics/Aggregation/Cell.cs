namespace SalesOps.Metrics.Aggregation;

/// <summary>The statistics of one (series, window).</summary>
internal readonly record struct Cell(long Count, double Sum, double Min, double Max, HashSet<int>? Distinct)
{
    public static Cell Empty { get; } = new(0, 0, double.PositiveInfinity, double.NegativeInfinity, null);
}
