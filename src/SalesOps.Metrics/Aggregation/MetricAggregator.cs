using System.Runtime.CompilerServices;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The incremental state of one non-ratio metric: a roll-up level per prefix of its group-by
/// dimensions (the total, then team, then team and rep, …), and at each level one table per grain.
/// An event updates its series once per level and grain; a query never rescans events.
/// </summary>
internal sealed class MetricAggregator
{
    private readonly DimensionValues[] _dimensions;
    private readonly DimensionValues? _distinctValues;
    private readonly SeriesIndex[] _levels;
    private readonly GrainTable[] _tables;
    private readonly int[] _grainSlot;
    private readonly Grain[] _grains;
    private readonly (string Dimension, HashSet<string> Values)[] _filters;
    private readonly bool _needsValue;
    private readonly int _overflowValueId;

    public MetricAggregator(int index, MetricDefinition definition, IReadOnlyList<Grain> grains, int maxSeries)
    {
        Index = index;
        Definition = definition;
        Aggregation = definition.Aggregation;
        Layout = CellLayouts.For(definition.Aggregation);
        _needsValue = definition.Aggregation is AggregationKind.Sum or AggregationKind.Min or AggregationKind.Max or AggregationKind.Average;
        _dimensions = [.. definition.GroupBy.Select(d => new DimensionValues(d))];
        _distinctValues = definition.DistinctDimension is null ? null : new DimensionValues(definition.DistinctDimension);
        _filters = [.. definition.Filters.Select(f => (f.Key, new HashSet<string>(f.Value, StringComparer.Ordinal)))];

        // Every dimension interns the overflow marker first, so it has the same id everywhere.
        _overflowValueId = 0;
        foreach (var dimension in _dimensions)
        {
            dimension.Intern(DimensionValues.Overflow);
        }

        _levels = new SeriesIndex[_dimensions.Length + 1];
        for (var level = 0; level < _levels.Length; level++)
        {
            _levels[level] = new SeriesIndex(level, maxSeries, _overflowValueId);
        }

        // The total level has exactly one series, id 0, which every event updates.
        _levels[0].GetOrAdd(SeriesKey.Total);

        _grains = [.. grains];
        _grainSlot = new int[6];
        Array.Fill(_grainSlot, -1);
        for (var slot = 0; slot < _grains.Length; slot++)
        {
            _grainSlot[(int)_grains[slot]] = slot;
        }

        _tables = new GrainTable[_grains.Length * _levels.Length];
        for (var slot = 0; slot < _grains.Length; slot++)
        {
            for (var level = 0; level < _levels.Length; level++)
            {
                _tables[(slot * _levels.Length) + level] = new GrainTable(Layout, _levels[level]);
            }
        }
    }

    public int Index { get; }

    public MetricDefinition Definition { get; }

    public AggregationKind Aggregation { get; }

    public CellLayout Layout { get; }

    public int LevelCount => _levels.Length;

    public IReadOnlyList<Grain> Grains => _grains;

    public bool HasGrain(Grain grain) => _grainSlot[(int)grain] >= 0;

    public int PositionOf(string dimension)
    {
        for (var i = 0; i < _dimensions.Length; i++)
        {
            if (string.Equals(_dimensions[i].Name, dimension, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public int SeriesCount(int level) => _levels[level].Count;

    /// <summary>True when the event passes the metric's dimension filters and carries a value where one is needed.</summary>
    public bool Matches(ActivityEvent activity)
    {
        if (_needsValue && activity.Value is null)
        {
            return false;
        }

        foreach (var (dimension, values) in _filters)
        {
            if (!activity.Dimensions.TryGetValue(dimension, out var value) || !values.Contains(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Resolves the event's series at every level, creating them as needed (up to the cap).</summary>
    public LevelIds Resolve(IReadOnlyDictionary<string, string> dimensions)
    {
        Span<int> values = stackalloc int[_dimensions.Length];
        for (var i = 0; i < _dimensions.Length; i++)
        {
            values[i] = _dimensions[i].Intern(dimensions.TryGetValue(_dimensions[i].Name, out var value) ? value : DimensionValues.Missing);
        }

        var finest = SeriesKey.From(values);
        var ids = default(LevelIds);
        for (var level = 1; level < _levels.Length; level++)
        {
            ids[level] = _levels[level].GetOrAdd(finest.Prefix(level));
        }

        return ids;
    }

    public LevelIds Apply(ActivityEvent activity, in PeriodKeys keys)
    {
        var ids = Resolve(activity.Dimensions);
        if (DistinctValueOf(activity) is { } distinct)
        {
            ApplyDistinct(ids, keys, _distinctValues!.Intern(distinct));
            return ids;
        }

        Apply(ids, keys, activity.Value ?? 0);
        return ids;
    }

    /// <summary>For a distinct-count metric, the value the event contributes; otherwise <see langword="null"/>.</summary>
    public string? DistinctValueOf(ActivityEvent activity) =>
        _distinctValues is null
            ? null
            : activity.Dimensions.TryGetValue(_distinctValues.Name, out var value) ? value : DimensionValues.Missing;

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
        slab.Set(cell.SeriesId, cell.Count, cell.Sum, cell.Min, cell.Max);
        if (_distinctValues is not null && cell.DistinctValues.Count > 0)
        {
            slab.AddDistinctValues(cell.SeriesId, cell.DistinctValues.Select(_distinctValues.Intern));
        }
    }

    public Cell GetCell(int level, Grain grain, long periodKey, int series) =>
        Table(grain, level).Find(periodKey)?.Get(series) ?? Cell.Empty;

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

    public string DistinctValueName(int valueId) => _distinctValues!.ValueOf(valueId);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(in LevelIds ids, in PeriodKeys keys, double value)
    {
        var levels = _levels.Length;
        var tables = _tables;
        var grains = _grains;
        for (var slot = 0; slot < grains.Length; slot++)
        {
            var key = keys[(int)grains[slot]];
            var row = slot * levels;
            for (var level = 0; level < levels; level++)
            {
                tables[row + level].GetOrAdd(key).Add(ids[level], value);
            }
        }
    }

    private void ApplyDistinct(in LevelIds ids, in PeriodKeys keys, int valueId)
    {
        var levels = _levels.Length;
        for (var slot = 0; slot < _grains.Length; slot++)
        {
            var key = keys[(int)_grains[slot]];
            for (var level = 0; level < levels; level++)
            {
                _tables[(slot * levels) + level].GetOrAdd(key).AddDistinct(ids[level], valueId);
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
                throw new ArgumentException($"Metric '{Definition.Name}' is not grouped by '{dimension}'.", nameof(filter));
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
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(state.ByValue, key[state.Position], out var exists);
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

    public string ValueName(int position, int valueId) => _dimensions[position].ValueOf(valueId);

    public string DimensionName(int position) => _dimensions[position].Name;

    public long CellBytes()
    {
        long bytes = 0;
        foreach (var table in _tables)
        {
            foreach (var slab in table.Slabs)
            {
                bytes += slab.CellBytes;
            }
        }

        return bytes;
    }

    private GrainTable Table(Grain grain, int level)
    {
        var slot = _grainSlot[(int)grain];
        if (slot < 0)
        {
            throw new InvalidOperationException($"Metric '{Definition.Name}' is not aggregated at grain {grain}.");
        }

        return _tables[(slot * _levels.Length) + level];
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
