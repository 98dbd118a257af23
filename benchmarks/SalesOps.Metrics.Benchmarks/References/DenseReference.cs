using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.References;

/// <summary>
/// The near-physical bound: what a careful developer would hand-write for one fixed shape over pre-resolved
/// integer keys. Per grain the open period is one dense <see cref="StatCell"/> array per roll-up level indexed by
/// series id; when a newer period opens, the closed one is compacted to the series that had events and the dense
/// array is cleared and reused. Events older than the open period go to a small late store, so nothing is lost.
/// </summary>
internal sealed class DenseReference
{
    private readonly PeriodTable _periods;
    private readonly Grain[] _grains;
    private readonly int _levels;
    private readonly long[] _openKey;
    private readonly StatCell[][] _open;
    private readonly List<ClosedPeriod> _closed = [];
    private readonly Dictionary<(int Slot, int Level, int Series, long Key), StatCell> _late = [];

    public DenseReference(Workload workload, Shape shape, PeriodTable periods)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(shape);
        _periods = periods;
        _grains = [.. shape.Grains];
        _levels = shape.Levels;
        _openKey = new long[_grains.Length];
        Array.Fill(_openKey, long.MinValue);
        _open = new StatCell[_grains.Length * _levels][];
        for (var slot = 0; slot < _grains.Length; slot++)
        {
            for (var level = 0; level < _levels; level++)
            {
                var cells = new StatCell[Shape.SeriesCount(workload, level)];
                cells.AsSpan().Fill(StatCell.Empty);
                _open[(slot * _levels) + level] = cells;
            }
        }
    }

    /// <summary>Bytes held by the cells: dense open arrays plus compacted closed periods (4-byte id + 32-byte cell).</summary>
    public long CellBytes
    {
        get
        {
            long bytes = _open.Sum(static a => (long)a.Length * 32);
            foreach (var closed in _closed)
            {
                bytes += closed.Ids.Length * 36L;
            }

            return bytes + (_late.Count * 36L);
        }
    }

    /// <summary>The (series, window) cells that hold at least one event.</summary>
    public long LiveCells
    {
        get
        {
            long cells = _closed.Sum(static c => (long)c.Ids.Length) + _late.Count;
            foreach (var open in _open)
            {
                foreach (ref readonly var cell in open.AsSpan())
                {
                    if (cell.Count != 0)
                    {
                        cells++;
                    }
                }
            }

            return cells;
        }
    }

    public void Record(ReadOnlySpan<RawEvent> events)
    {
        var grains = _grains;
        var levels = _levels;
        foreach (ref readonly var e in events)
        {
            for (var slot = 0; slot < grains.Length; slot++)
            {
                var key = _periods.KeyOf(e.Seconds, grains[slot]);
                if (key != _openKey[slot])
                {
                    if (key < _openKey[slot])
                    {
                        RecordLate(e, slot, key);
                        continue;
                    }

                    Roll(slot, key);
                }

                var row = slot * levels;
                _open[row][0].Add(e.Value);
                _open[row + 1][e.Team].Add(e.Value);
                if (levels > 2)
                {
                    _open[row + 2][e.Rep].Add(e.Value);
                }
            }
        }
    }

    /// <summary>The cell of one series in one period, for checking that every implementation agrees.</summary>
    public StatCell Get(Grain grain, int level, int series, long key)
    {
        var slot = Array.IndexOf(_grains, grain);
        var result = StatCell.Empty;
        if (_openKey[slot] == key)
        {
            result.Merge(_open[(slot * _levels) + level][series]);
        }

        foreach (var closed in _closed)
        {
            if (closed.Slot == slot && closed.Level == level && closed.Key == key)
            {
                var index = Array.BinarySearch(closed.Ids, series);
                if (index >= 0)
                {
                    result.Merge(closed.Cells[index]);
                }
            }
        }

        if (_late.TryGetValue((slot, level, series, key), out var late))
        {
            result.Merge(late);
        }

        return result;
    }

    private void Roll(int slot, long key)
    {
        var previous = _openKey[slot];
        _openKey[slot] = key;
        for (var level = 0; level < _levels; level++)
        {
            var open = _open[(slot * _levels) + level];
            if (previous != long.MinValue)
            {
                _closed.Add(ClosedPeriod.Compact(slot, level, previous, open));
            }

            open.AsSpan().Fill(StatCell.Empty);
        }
    }

    private void RecordLate(in RawEvent e, int slot, long key)
    {
        for (var level = 0; level < _levels; level++)
        {
            var id = (slot, level, Shape.SeriesAt(e, level), key);
            ref var cell = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_late, id, out var exists);
            if (!exists)
            {
                cell = StatCell.Empty;
            }

            cell.Add(e.Value);
        }
    }

    private sealed record ClosedPeriod(int Slot, int Level, long Key, int[] Ids, StatCell[] Cells)
    {
        public static ClosedPeriod Compact(int slot, int level, long key, StatCell[] open)
        {
            var used = 0;
            foreach (ref readonly var cell in open.AsSpan())
            {
                if (cell.Count != 0)
                {
                    used++;
                }
            }

            var ids = new int[used];
            var cells = new StatCell[used];
            var j = 0;
            for (var i = 0; i < open.Length; i++)
            {
                if (open[i].Count != 0)
                {
                    ids[j] = i;
                    cells[j++] = open[i];
                }
            }

            return new ClosedPeriod(slot, level, key, ids, cells);
        }
    }
}
