using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The periods of one grain for one roll-up level of a metric stream. The most recent periods stay dense for
/// cheap writes; older ones are compacted when a newer period opens, and their dense arrays are reused.
/// </summary>
internal sealed class GrainTable
{
    // The current period and the one before it stay dense: late events mostly land there.
    private const int DensePeriods = 2;

    private readonly Dictionary<long, PeriodSlab> _slabs = [];
    private readonly List<PeriodSlab> _dense = [];
    private readonly Stack<CellData[]> _spare = new();
    private readonly bool _distinct;
    private readonly SeriesIndex _series;

    public GrainTable(bool distinct, SeriesIndex series)
    {
        _distinct = distinct;
        _series = series;
    }

    public int PeriodCount => _slabs.Count;

    public IEnumerable<PeriodSlab> Slabs => _slabs.Values;

    public PeriodSlab GetOrAdd(long key)
    {
        if (_slabs.TryGetValue(key, out var slab))
        {
            return slab;
        }

        slab = new PeriodSlab(key, NewCells(), _distinct);
        _slabs.Add(key, slab);
        _dense.Add(slab);
        if (_dense.Count > DensePeriods)
        {
            CompactAllButNewest();
        }

        return slab;
    }

    public PeriodSlab? Find(long key) => _slabs.GetValueOrDefault(key);

    /// <summary>The slab of the period now open at this grain, living in <paramref name="column"/> of the level's block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PeriodSlab Open(long key, OpenBlock block, int column)
    {
        if (_slabs.TryGetValue(key, out var slab))
        {
            _dense.Remove(slab);
            if (!slab.IsAttached && slab.Attach(block, column) is { } dense)
            {
                _spare.Push(dense);
            }

            return slab;
        }

        slab = new PeriodSlab(key, block, column);
        _slabs.Add(key, slab);
        return slab;
    }

    private CellData[] NewCells()
    {
        var capacity = _series.RoomyCapacity;
        while (_spare.TryPop(out var spare))
        {
            if (spare.Length >= capacity)
            {
                spare.AsSpan().Fill(CellData.Empty);
                return spare;
            }
        }

        var cells = new CellData[capacity];
        cells.AsSpan().Fill(CellData.Empty);
        return cells;
    }

    private void CompactAllButNewest()
    {
        _dense.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        var keep = _dense.Count - DensePeriods;
        for (var i = 0; i < keep; i++)
        {
            if (_dense[i].Compact() is { } dense)
            {
                _spare.Push(dense);
            }
        }

        _dense.RemoveRange(0, keep);
    }
}
