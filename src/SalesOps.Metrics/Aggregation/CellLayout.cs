using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Aggregation;

/// <summary>Which statistics a metric keeps per (series, window): the count always, the rest on demand.</summary>
[Flags]
internal enum CellLayout
{
    Count = 0,
    Sum = 1,
    Min = 2,
    Max = 4,
    Distinct = 8,
}

internal static class CellLayouts
{
    public static CellLayout For(AggregationKind kind) => kind switch
    {
        AggregationKind.Count => CellLayout.Count,
        AggregationKind.Sum or AggregationKind.Average => CellLayout.Sum,
        AggregationKind.Min => CellLayout.Min,
        AggregationKind.Max => CellLayout.Max,
        AggregationKind.DistinctCount => CellLayout.Distinct,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A ratio keeps no cells of its own."),
    };
}
