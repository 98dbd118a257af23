using System.Runtime.InteropServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>Reading the aggregates back: queries, breakdowns, members, and what the store persists or restores.</summary>
internal sealed partial class MetricAggregator
{
    /// <summary>The dimension values of a series, one per group-by dimension of its level.</summary>
    public IReadOnlyList<string> SeriesValues(int level, int series)
    {
        var key = _levels[level].KeyOf(series);
        var values = new string[level];
        for (var i = 0; i < level; i++)
        {
            values[i] = _dimensions[i].ValueOf(key[i]);
        }

        return values;
    }

    public void RestoreSeries(int level, int series, IReadOnlyList<string> values)
    {
        if (level == 0)
        {
            return;
        }

        Span<int> ids = stackalloc int[level];
        for (var i = 0; i < level; i++)
        {
            ids[i] = _dimensions[i].Intern(values[i]);
        }

        _levels[level].Restore(SeriesKey.From(ids), series);
    }

    public void RestoreCell(StoredCell cell)
    {
        var slab = Table(cell.Grain, cell.Level).GetOrAdd(cell.PeriodKey);
        slab.Set(cell.SeriesId, new CellData { Count = cell.Count, ValueCount = cell.ValueCount, Sum = cell.Sum, Min = cell.Min, Max = cell.Max });
        if (_distinctValues is not null && cell.DistinctValues.Count > 0)
        {
            slab.AddDistinctValues(cell.SeriesId, cell.DistinctValues.Select(_distinctValues.Intern));
        }
    }

    public bool TryFindSeries(int level, SeriesKey key, out int series) => _levels[level].TryGet(key, out series);

    public Cell GetCell(int level, Grain grain, long periodKey, int series)
    {
        // The open period is usually the one asked for: skip the period look-up.
        var slot = _grainSlot[(int)grain];
        if (slot >= 0 && _openKey[slot] == periodKey && _open[(slot * _levels.Length) + level] is { } open)
        {
            return open.Get(series);
        }

        return Table(grain, level).Find(periodKey)?.Get(series) ?? Cell.Empty;
    }

    /// <summary>Every non-empty cell, for writing a recomputed metric in full.</summary>
    public IEnumerable<(int Level, Grain Grain, long PeriodKey, int Series, Cell Cell)> AllCells()
    {
        for (var slot = 0; slot < _grains.Length; slot++)
        {
            for (var level = 0; level < _levels.Length; level++)
            {
                foreach (var slab in _tables[(slot * _levels.Length) + level].Slabs)
                {
                    var found = new List<(int, Cell)>();
                    slab.ForEach(ref found, static (ref List<(int, Cell)> list, int series, Cell cell) => list.Add((series, cell)));
                    foreach (var (series, cell) in found)
                    {
                        yield return (level, _grains[slot], slab.Key, series, cell);
                    }
                }
            }
        }
    }

    /// <summary>Resolves a query filter; unknown dimensions are the caller's to reject first.</summary>
    public SeriesFilter ResolveFilter(IReadOnlyList<KeyValuePair<string, string>> filter)
    {
        var terms = new List<(int Position, int ValueId)>(filter.Count);
        var matchesNothing = false;
        foreach (var (dimension, value) in filter)
        {
            var position = PositionOf(dimension);
            if (position < 0)
            {
                throw new ArgumentException($"The metric is not grouped by '{dimension}'.", nameof(filter));
            }

            if (!_dimensions[position].TryGetId(value, out var valueId))
            {
                matchesNothing = true;
                continue;
            }

            var existing = terms.FindIndex(t => t.Position == position);
            if (existing >= 0)
            {
                matchesNothing |= terms[existing].ValueId != valueId;
                continue;
            }

            terms.Add((position, valueId));
        }

        return new SeriesFilter([.. terms], matchesNothing);
    }

    /// <summary>Adds the cells of the series matching <paramref name="filter"/> in one period to <paramref name="accumulator"/>.</summary>
    public void Accumulate(Grain grain, long periodKey, in SeriesFilter filter, ref CellAccumulator accumulator)
    {
        if (filter.MatchesNothing)
        {
            return;
        }

        var level = filter.MinimumLevel;
        var slab = Table(grain, level).Find(periodKey);
        if (slab is null)
        {
            return;
        }

        if (filter.IsExactPrefix(level))
        {
            if (_levels[level].TryGet(filter.PrefixKey(level), out var series))
            {
                accumulator.Add(slab.Get(series));
            }

            return;
        }

        var scan = new ScanState(_levels[level], filter, accumulator);
        slab.ForEach(ref scan, static (ref ScanState state, int series, Cell cell) =>
        {
            if (state.Filter.Matches(state.Index.KeyOf(series)))
            {
                state.Accumulator.Add(cell);
            }
        });
        accumulator = scan.Accumulator;
    }

    /// <summary>Adds, per value of the dimension at <paramref name="position"/>, the matching cells of one period.</summary>
    public void AccumulateBy(Grain grain, long periodKey, in SeriesFilter filter, int position, Dictionary<int, CellAccumulator> byValue)
    {
        if (filter.MatchesNothing)
        {
            return;
        }

        var level = Math.Max(filter.MinimumLevel, position + 1);
        var slab = Table(grain, level).Find(periodKey);
        if (slab is null)
        {
            return;
        }

        var scan = new BreakdownState(_levels[level], filter, position, byValue);
        slab.ForEach(ref scan, static (ref BreakdownState state, int series, Cell cell) =>
        {
            var key = state.Index.KeyOf(series);
            if (state.Filter.Matches(key))
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(state.ByValue, key[state.Position], out var exists);
                if (!exists)
                {
                    slot = new CellAccumulator();
                }

                slot.Add(cell);
            }
        });
    }

    /// <summary>Every value of the dimension at <paramref name="position"/> among the series matching the filter, in any period.</summary>
    public IReadOnlyList<string> ValuesOf(int position, in SeriesFilter filter)
    {
        if (filter.MatchesNothing)
        {
            return [];
        }

        var level = Math.Max(filter.MinimumLevel, position + 1);
        var index = _levels[level];
        var seen = new HashSet<int>();
        var values = new List<string>();
        for (var series = 0; series < index.Count; series++)
        {
            var key = index.KeyOf(series);
            if (filter.Matches(key) && seen.Add(key[position]))
            {
                values.Add(_dimensions[position].ValueOf(key[position]));
            }
        }

        values.Sort(StringComparer.Ordinal);
        return values;
    }

    private struct ScanState(SeriesIndex index, SeriesFilter filter, CellAccumulator accumulator)
    {
        public readonly SeriesIndex Index = index;
        public readonly SeriesFilter Filter = filter;
        public CellAccumulator Accumulator = accumulator;
    }

    private readonly struct BreakdownState(SeriesIndex index, SeriesFilter filter, int position, Dictionary<int, CellAccumulator> byValue)
    {
        public readonly SeriesIndex Index = index;
        public readonly SeriesFilter Filter = filter;
        public readonly int Position = position;
        public readonly Dictionary<int, CellAccumulator> ByValue = byValue;
    }
}
