using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The incremental state of one metric stream: a roll-up level per prefix of its group-by dimensions (the
/// total, then team, then team and rep, …), and at each level one table per grain. An event updates its series
/// once per level and grain; a query never rescans events.
/// </summary>
internal sealed partial class MetricAggregator
{
    // Up to this many dimensions an event's dictionary is scanned rather than probed once per group-by dimension.
    private const int SmallDictionary = 8;

    // Blocks of at least this many cells (4 MB) are worth prefetching. Below it (up to about 26,000 series of four
    // grains) the runs come from the second- or third-level cache soon enough that out-of-order execution hides the
    // wait, and asking ahead (a map read and three prefetches an event) costs more than it saves.
    private const int PrefetchFromCells = 4 * 1024 * 1024 / 40;

    // Maps of at least this many bytes (65,536 series of 4-byte entries) outgrow the share of a core's second-level
    // cache they keep beside the runs, singles and marks: at 100,000 series asking for entries ahead saves 2-3 ns an
    // event.
    private const int PrefetchEntriesFromBytes = 256 * 1024;

    private readonly DimensionValues[] _dimensions;
    private readonly string[] _names;
    private readonly DimensionValues? _distinctValues;
    private readonly SeriesIndex[] _levels;
    private readonly GrainTable[] _tables;
    private readonly int[] _grainSlot;
    private readonly Grain[] _grains;
    private readonly (string Dimension, HashSet<string> Values)[] _filters;
    private readonly CombinationCache _combinations;

    // The period open at each grain (the latest one written) and the slab of each (grain, level) in it. Per level,
    // one block holds the open periods' cells of every grain side by side, so the write path checks one key per
    // grain and then updates one run of adjacent cells per level. Distinct-count streams have no blocks.
    private readonly long[] _openKey;
    private readonly PeriodSlab?[] _open;
    private readonly OpenBlock[]? _blocks;

    public MetricAggregator(int index, MetricStream stream, IReadOnlyList<Grain> grains, int maxSeries)
    {
        Index = index;
        Stream = stream;
        _dimensions = [.. stream.GroupBy.Select(d => new DimensionValues(d))];
        _names = [.. _dimensions.Select(d => d.Name)];
        _combinations = new CombinationCache(Math.Max(1, _dimensions.Length));
        _distinctValues = stream.DistinctDimension is null ? null : new DimensionValues(stream.DistinctDimension);
        _filters = [.. stream.Filters.Select(f => (f.Key, new HashSet<string>(f.Value, StringComparer.Ordinal)))];

        // Every dimension interns the overflow marker first, so it has the same id everywhere.
        const int overflowValueId = 0;
        foreach (var dimension in _dimensions)
        {
            dimension.Intern(DimensionValues.Overflow);
        }

        _levels = new SeriesIndex[_dimensions.Length + 1];
        for (var level = 0; level < _levels.Length; level++)
        {
            _levels[level] = new SeriesIndex(level, maxSeries, overflowValueId);
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
                _tables[(slot * _levels.Length) + level] = new GrainTable(IsDistinct, _levels[level]);
            }
        }

        _openKey = new long[_grains.Length];
        Array.Fill(_openKey, long.MinValue);
        _open = new PeriodSlab?[_tables.Length];
        _blocks = IsDistinct ? null : [.. _levels.Select(level => new OpenBlock(Math.Max(1, _grains.Length), level.Count + 16))];
    }

    public int Index { get; }

    public MetricStream Stream { get; }

    public string Name => Stream.Name;

    public bool IsDistinct => _distinctValues is not null;

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

    /// <summary>True when the event passes the stream's dimension filters.</summary>
    public bool Matches(ActivityEvent activity)
    {
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
    // Not inlined into the plain path's Apply: its buffer of values and the cache look-up made that one frame of 500
    // bytes, much of it zeroed for every event; apart, the plain path measured 2-5 % faster.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public LevelIds Resolve(IReadOnlyDictionary<string, string> dimensions)
    {
        var width = _dimensions.Length;
        if (width == 0)
        {
            return default;
        }

        var buffer = default(ValueBuffer);
        var found = ReadSmall(dimensions, ref buffer);
        if (found != (1 << width) - 1)
        {
            ReadRest(dimensions, buffer.AsSpan(width), found);
        }

        ReadOnlySpan<string> values = buffer.AsSpan(width);

        // One hash of the event's own strings and one probe find the series at every level once the combination
        // has been seen.
        var hash = _combinations.HashOf(values);
        if (_combinations.TryGet(values, hash, out var known))
        {
            return known;
        }

        return ResolveNew(values, hash);
    }

    // The event's value for each group-by dimension it has, from a small dictionary (what sources build) read in one
    // pass over its entries instead of one hashed look-up per dimension; returns which were found, a bit per
    // dimension, or -1 for another kind of dictionary. Inlined, so that the buffer is the caller's own local and
    // setting a value needs no write barrier.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadSmall(IReadOnlyDictionary<string, string> dimensions, ref ValueBuffer values)
    {
        if (dimensions is not Dictionary<string, string> dictionary || dictionary.Count > SmallDictionary)
        {
            return -1;
        }

        var names = _names;
        var found = 0;
        foreach (var (key, value) in dictionary)
        {
            if (value is not null && PositionOfName(names, key) is var position and >= 0)
            {
                values.Set(position, value);
                found |= 1 << position;
            }
        }

        return found;
    }

    // The values ReadSmall did not find ((none) where the event has none). A key with a name's exact characters is the
    // entry the dictionary's own comparer finds for that name, under any comparer that deems equal strings equal
    // (every StringComparer does): two keys it deems equal cannot both be there. So only a name not found that way
    // needs the comparer: under an ordinal one it is missing; under another, ask the dictionary.
    private void ReadRest(IReadOnlyDictionary<string, string> dimensions, Span<string> values, int found)
    {
        var missing = found >= 0 && IsOrdinal(((Dictionary<string, string>)dimensions).Comparer);
        for (var i = 0; i < values.Length; i++)
        {
            if (found >= 0 && (found & (1 << i)) != 0)
            {
                continue;
            }

            values[i] = !missing && dimensions.TryGetValue(_dimensions[i].Name, out var value) && value is not null ? value : DimensionValues.Missing;
        }
    }

    private static bool IsOrdinal(IEqualityComparer<string> comparer) =>
        ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default);

    // Keys are often the very strings the definition names (literals, interned), so references are compared first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PositionOfName(string[] names, string key)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (ReferenceEquals(key, names[i]))
            {
                return i;
            }
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(key, names[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private LevelIds ResolveNew(ReadOnlySpan<string> values, int hash)
    {
        Span<int> interned = stackalloc int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            interned[i] = _dimensions[i].Intern(values[i]);
        }

        var finest = SeriesKey.From(interned);
        var ids = default(LevelIds);
        var overflowed = false;
        for (var level = 1; level < _levels.Length; level++)
        {
            ids[level] = _levels[level].GetOrAdd(finest.Prefix(level));
            overflowed |= _levels[level].IsOverflow(ids[level]);
        }

        // A combination in an overflow series is not remembered: a flood of distinct values must not grow the cache.
        if (!overflowed)
        {
            _combinations.Add(values, hash, ids);
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

        Apply(ids, keys, activity.Value);
        return ids;
    }

    /// <summary>For a distinct-count stream, the value the event contributes; otherwise <see langword="null"/>.</summary>
    public string? DistinctValueOf(ActivityEvent activity) =>
        _distinctValues is null
            ? null
            : activity.Dimensions.TryGetValue(_distinctValues.Name, out var value) ? value : DimensionValues.Missing;

    /// <summary>
    /// The hot path: one event into every level of every grain. When the event falls in the open period of every
    /// grain, each level takes one run of adjacent cells (one per grain) in its block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(in LevelIds ids, in PeriodKeys keys, double? value)
    {
        var grains = _grains;
        var openKey = _openKey;
        for (var slot = 0; slot < grains.Length; slot++)
        {
            if (openKey[slot] != keys[(int)grains[slot]])
            {
                ApplyOutsideOpen(ids, keys, value);
                return;
            }
        }

        var blocks = _blocks!;
        var hasValue = value.HasValue;
        var v = value.GetValueOrDefault();
        for (var level = 0; level < blocks.Length; level++)
        {
            var series = ids[level];
            var block = blocks[level];
            if ((uint)series >= (uint)block.Capacity)
            {
                Grow(level, series);
            }

            block.Apply(series, hasValue, v);
        }
    }

    /// <summary>True when <see cref="Prefetch"/> can help: the finest level's open cells outgrow what the caches serve fast.</summary>
    public bool PrefetchPays => Sse.IsSupported && _blocks is not null && (long)_levels[^1].Count * _grains.Length >= PrefetchFromCells;

    /// <summary>
    /// Asks the processor to start loading the open cells an event of these series will update, so that a caller
    /// walking a span of events can overlap the cache misses of the next events with the work on this one. Only a
    /// hint: it changes nothing, and does nothing where the series is outside the block or prefetch is unsupported.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(in LevelIds ids)
    {
        if (!Sse.IsSupported || _blocks is not { } blocks)
        {
            return;
        }

        // Only the finest level is worth it: coarser levels have fewer series and stay in cache.
        var level = blocks.Length - 1;
        blocks[level].Prefetch(ids[level]);
    }

    /// <summary>How many events the finest level has kept as singles (those of series without a run in the open periods) so far.</summary>
    public long SinglesMade => _blocks is { } blocks ? blocks[^1].SinglesMade : 0;

    /// <summary>
    /// True when <see cref="PrefetchEntry"/> can help: the finest level's map from series to cells outgrows a core's
    /// second-level cache. (Below that, the extra step costs more than the map's misses it hides.) Judged by the
    /// series the level knows, which the map makes room for when the next period opens: a fresh engine's map is still
    /// small when a batch starts, and its first event's periods size it.
    /// </summary>
    public bool PrefetchEntryPays => PrefetchPays && (long)_levels[^1].Count * sizeof(uint) >= PrefetchEntriesFromBytes;

    /// <summary>
    /// For an event further ahead than the one <see cref="Prefetch"/> is called for: asks the processor to start loading
    /// where the finest level's block keeps the place of the series' cells. Only a hint.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchEntry(in LevelIds ids)
    {
        if (_blocks is { } blocks)
        {
            blocks[^1].PrefetchEntry(ids[blocks.Length - 1]);
        }
    }

    /// <summary>Closes the open periods, compacting them out of the blocks: call it after restoring cells.</summary>
    public void InvalidateOpen()
    {
        foreach (var slab in _open)
        {
            slab?.Detach();
        }

        Array.Fill(_openKey, long.MinValue);
        Array.Clear(_open);
    }

    // An event outside the open period of some grain: a newer period opens (the older one leaves the block,
    // compacted); an older period (a late event) is written in its own slab.
    // Compiled fully optimized at once, as are Roll and what a roll calls (GrainTable.Open, PeriodSlab.Record and
    // Detach, OpenBlock.Add, TakeColumn and ForgetDeadSingles): an hourly grain rolls 2,160 times a quarter, and left
    // to tiering these stayed unoptimized for as long as the host kept compiling new code.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void ApplyOutsideOpen(in LevelIds ids, in PeriodKeys keys, double? value)
    {
        var levels = _levels.Length;
        for (var slot = 0; slot < _grains.Length; slot++)
        {
            var key = keys[(int)_grains[slot]];
            if (key > _openKey[slot])
            {
                Roll(slot, key);
            }

            for (var level = 0; level < levels; level++)
            {
                var slab = key == _openKey[slot] ? _open[(slot * levels) + level]! : _tables[(slot * levels) + level].GetOrAdd(key);
                slab.Record(ids[level], value);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Roll(int slot, long key)
    {
        var levels = _levels.Length;
        for (var level = 0; level < levels; level++)
        {
            var index = (slot * levels) + level;
            _open[index]?.Detach();

            // Size the block for every series known now, once, rather than growing it step by step.
            _blocks![level].EnsureSeries(_levels[level].RoomyCapacity - 1);
            _open[index] = _tables[index].Open(key, _blocks[level], slot);
        }

        _openKey[slot] = key;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int level, int series) =>
        _blocks![level].EnsureSeries(Math.Max(series, _levels[level].RoomyCapacity - 1));

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

    public string ValueName(int position, int valueId) => _dimensions[position].ValueOf(valueId);

    public string DimensionName(int position) => _dimensions[position].Name;

    public string DistinctValueName(int valueId) => _distinctValues!.ValueOf(valueId);

    /// <summary>Bytes held by cells: the open blocks (every open period's cells) and the detached slabs.</summary>
    public long CellBytes()
    {
        var bytes = _blocks?.Sum(block => block.Bytes) ?? 0;
        foreach (var table in _tables)
        {
            foreach (var slab in table.Slabs)
            {
                bytes += slab.CellBytes;
            }
        }

        return bytes;
    }

    /// <summary>The number of (series, period) cells with events, for memory accounting.</summary>
    public long CellCount()
    {
        long cells = 0;
        foreach (var table in _tables)
        {
            foreach (var slab in table.Slabs)
            {
                var count = 0L;
                slab.ForEach(ref count, static (ref long n, int _, Cell _) => n++);
                cells += count;
            }
        }

        return cells;
    }

    private GrainTable Table(Grain grain, int level)
    {
        var slot = _grainSlot[(int)grain];
        if (slot < 0)
        {
            throw new InvalidOperationException($"The metric is not aggregated at grain {grain}.");
        }

        return _tables[(slot * _levels.Length) + level];
    }

    // Room on the stack for one event's group-by values. Set takes the caller's own local (ReadSmall is inlined), so a
    // value is stored without a write barrier.
    [InlineArray(SeriesKey.MaxDimensions)]
    private struct ValueBuffer
    {
        private string _element;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(int position, string value)
        {
            // Constant indices, which the compiler turns into stores to the local's own fields.
            switch (position)
            {
                case 0:
                    this[0] = value;
                    break;
                case 1:
                    this[1] = value;
                    break;
                case 2:
                    this[2] = value;
                    break;
                default:
                    this[3] = value;
                    break;
            }
        }

        [UnscopedRef]
        public Span<string> AsSpan(int width) => MemoryMarshal.CreateSpan(ref _element, width);
    }
}
