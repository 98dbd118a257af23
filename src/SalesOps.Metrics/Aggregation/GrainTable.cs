using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The periods of one grain for one roll-up level of a metric. The most recent periods stay dense
/// for cheap writes; older ones are compacted when a newer period opens.
/// </summary>
internal sealed class GrainTable
{
    // The current period and the one before it stay dense: late events mostly land there.
    private const int DensePeriods = 2;

    private readonly Dictionary<long, PeriodSlab> _slabs = [];
    private readonly List<PeriodSlab> _dense = [];
    private readonly CellLayout _layout;
    private readonly SeriesIndex _series;
    private PeriodSlab? _last;

    public GrainTable(CellLayout layout, SeriesIndex series)
    {
        _layout = layout;
        _series = series;
    }

    public int PeriodCount => _slabs.Count;

    public IEnumerable<PeriodSlab> Slabs => _slabs.Values;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PeriodSlab GetOrAdd(long key)
    {
        var last = _last;
        if (last is not null && last.Key == key)
        {
            return last;
        }

        return Lookup(key);
    }

    public PeriodSlab? Find(long key)
    {
        var last = _last;
        if (last is not null && last.Key == key)
        {
            return last;
        }

        return _slabs.GetValueOrDefault(key);
    }

    private PeriodSlab Lookup(long key)
    {
        if (!_slabs.TryGetValue(key, out var slab))
        {
            slab = new PeriodSlab(key, _layout, _series.Count + 16);
            _slabs.Add(key, slab);
            _dense.Add(slab);
            if (_dense.Count > DensePeriods)
            {
                CompactAllButNewest();
            }
        }

        _last = slab;
        return slab;
    }

    private void CompactAllButNewest()
    {
        _dense.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        var keep = _dense.Count - DensePeriods;
        for (var i = 0; i < keep; i++)
        {
            _dense[i].Compact();
        }

        _dense.RemoveRange(0, keep);
    }
}
