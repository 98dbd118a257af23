using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// Combines cells from several series or windows. Additive statistics add; min and max take the
/// extreme; distinct values are unioned, so a distinct count is recomputed from its parts, never summed.
/// </summary>
internal struct CellAccumulator
{
    private HashSet<int>? _distinct;
    private bool _distinctOwned;

    public CellAccumulator()
    {
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    public long Count { get; private set; }

    public long ValueCount { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; }

    public double Max { get; private set; }

    public readonly int DistinctCount => _distinct?.Count ?? 0;

    public void Add(in Cell cell)
    {
        if (cell.Count == 0)
        {
            return;
        }

        Count += cell.Count;
        ValueCount += cell.ValueCount;
        Sum += cell.Sum;
        // As the cells themselves: -0 is below +0, whichever cell comes first.
        Min = Math.Min(Min, cell.Min);
        Max = Math.Max(Max, cell.Max);

        if (cell.Distinct is { } set)
        {
            if (_distinct is null)
            {
                // Borrow the first set; copy only when a second one has to be merged in.
                _distinct = set;
            }
            else
            {
                if (!_distinctOwned)
                {
                    _distinct = [.. _distinct];
                    _distinctOwned = true;
                }

                _distinct.UnionWith(set);
            }
        }
    }

    /// <summary>The metric's value; <see langword="null"/> where there is none (no valued events for min, max and average).</summary>
    public readonly double? ValueOf(AggregationKind kind) => kind switch
    {
        AggregationKind.Count => Count,
        AggregationKind.Sum => Sum,
        AggregationKind.Min => ValueCount == 0 ? null : Min,
        AggregationKind.Max => ValueCount == 0 ? null : Max,
        AggregationKind.Average => ValueCount == 0 ? null : Sum / ValueCount,
        AggregationKind.DistinctCount => DistinctCount,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A ratio is computed from its parts."),
    };
}
