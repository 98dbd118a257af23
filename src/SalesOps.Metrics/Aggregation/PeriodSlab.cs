using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The cells of every series of one roll-up level for one period, in one of three forms:
/// <list type="bullet">
/// <item>attached: the period open at its grain keeps its cells in a column of the level's <see cref="OpenBlock"/>,
/// beside the same series' cells of the other grains;</item>
/// <item>dense: its own array indexed by series id (distinct-count streams, and periods created by a late event);</item>
/// <item>compacted: only the series that had events, in series-id order, found by binary search; with their cells
/// read-only in <see cref="CompactCells"/> (one word a cell for most; a later write widens them back).</item>
/// </list>
/// A period leaves its block compacted when the next period of its grain opens.
/// </summary>
internal sealed class PeriodSlab
{
    private CellData[] _cells;
    private CompactCells? _compact;
    private int[]? _ids;
    private int _sparseCount;
    private HashSet<int>?[]? _distinct;
    private OpenBlock? _block;
    private int _column;

    public PeriodSlab(long key, CellData[] cells, bool distinct)
    {
        Key = key;
        _cells = cells;
        if (distinct)
        {
            _distinct = new HashSet<int>?[cells.Length];
        }
    }

    /// <summary>Creates the slab of a period that opens in a block column.</summary>
    public PeriodSlab(long key, OpenBlock block, int column)
    {
        Key = key;
        _cells = [];
        _block = block;
        _column = column;
    }

    public long Key { get; }

    /// <summary>True while the slab's cells live in an <see cref="OpenBlock"/> column.</summary>
    public bool IsAttached => _block is not null;

    /// <summary>
    /// Bytes held by the cells (not the object headers), for memory accounting; 0 for an attached slab, whose cells are
    /// counted with its block's.
    /// </summary>
    public long CellBytes => _block is not null
        ? 0
        : ((long)_cells.Length * Unsafe.SizeOf<CellData>())
            + (_compact?.Bytes ?? 0)
            + (_ids is null ? 0 : _ids.Length * 4L)
            + (_distinct is null ? 0 : _distinct.Length * 8L);

    /// <summary>Counts an event with a value; minimum and maximum as <see cref="Math.Min(double, double)"/> and <see cref="Math.Max(double, double)"/>, like <see cref="OpenBlock"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref CellData cell, double value)
    {
        cell.Count++;
        cell.ValueCount++;
        cell.Sum += value;
        cell.Min = Math.Min(cell.Min, value);
        cell.Max = Math.Max(cell.Max, value);
    }

    /// <summary>Counts an event (with its value, when it has one) in a series' cell: the slow path of a write, growing or inserting as needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Record(int series, double? value)
    {
        if (_block is { } block)
        {
            block.Add(series, _column, value);
            return;
        }

        // Resolve the index first: a write may grow or insert, replacing the array.
        Widen();
        var index = IndexForWrite(series);
        CellData.AddEvent(ref _cells[index], value.HasValue, value.GetValueOrDefault());
    }

    /// <summary>
    /// Moves the slab's cells into an empty block column, where the period stays while it is open at its grain.
    /// Not for distinct-count slabs.
    /// </summary>
    /// <returns>The slab's own dense array, free for reuse; <see langword="null"/> when it was compacted.</returns>
    public CellData[]? Attach(OpenBlock block, int column)
    {
        if (_distinct is not null || _block is not null)
        {
            throw new InvalidOperationException("Only a detached slab without distinct values can be attached.");
        }

        Widen();
        var length = _ids is null ? _cells.Length : _sparseCount;
        for (var i = 0; i < length; i++)
        {
            if (_cells[i].Count != 0)
            {
                block.Write(_ids is null ? i : _ids[i], column, _cells[i]);
            }
        }

        var dense = _ids is null ? _cells : null;
        _block = block;
        _column = column;
        _cells = [];
        _ids = null;
        _sparseCount = 0;
        return dense;
    }

    /// <summary>Takes the slab's cells out of its block column, compacted, and empties the column for the next period.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detach()
    {
        if (_block is not { } block)
        {
            return;
        }

        var (ids, cells) = block.TakeColumn(_column);
        _block = null;
        _ids = ids;
        _compact = cells;
        _cells = [];
        _sparseCount = ids.Length;
    }

    public void AddDistinct(int series, int valueId)
    {
        Widen();
        var index = IndexForWrite(series);
        _cells[index].Count++;
        ref var set = ref _distinct![index];
        set ??= [];
        set.Add(valueId);
    }

    /// <summary>Replaces one cell's statistics, as when restoring from a store.</summary>
    public void Set(int series, in CellData data)
    {
        if (_block is { } block)
        {
            block.Write(series, _column, data);
            return;
        }

        Widen();
        var index = IndexForWrite(series);
        _cells[index] = data;
    }

    /// <summary>Adds distinct values to one cell without counting events, as when restoring from a store.</summary>
    public void AddDistinctValues(int series, IEnumerable<int> valueIds)
    {
        Widen();
        var index = IndexForWrite(series);
        ref var set = ref _distinct![index];
        set ??= [];
        set.UnionWith(valueIds);
    }

    public Cell Get(int series)
    {
        if (_block is { } block)
        {
            return block.HasEvents(series, _column) ? CellAt(block.Read(series, _column), null) : Cell.Empty;
        }

        int index;
        if (_ids is null)
        {
            if ((uint)series >= (uint)_cells.Length)
            {
                return Cell.Empty;
            }

            index = series;
        }
        else
        {
            index = Array.BinarySearch(_ids, 0, _sparseCount, series);
            if (index < 0)
            {
                return Cell.Empty;
            }
        }

        return _compact is null ? CellAt(index) : CellAt(_compact[index], null);
    }

    /// <summary>Calls <paramref name="visit"/> for every series with at least one event.</summary>
    public void ForEach<TState>(ref TState state, CellVisitor<TState> visit)
    {
        if (_block is { } block)
        {
            for (var series = 0; series < block.Capacity; series++)
            {
                if (block.HasEvents(series, _column))
                {
                    visit(ref state, series, CellAt(block.Read(series, _column), null));
                }
            }

            return;
        }

        if (_compact is { } compact)
        {
            for (var i = 0; i < _sparseCount; i++)
            {
                visit(ref state, _ids![i], CellAt(compact[i], null));
            }

            return;
        }

        var length = _ids is null ? _cells.Length : _sparseCount;
        for (var i = 0; i < length; i++)
        {
            if (_cells[i].Count != 0)
            {
                visit(ref state, _ids is null ? i : _ids[i], CellAt(i));
            }
        }
    }

    /// <summary>
    /// Keeps only the series with events and returns the dense array for reuse; later writes still work, through a
    /// binary search. An attached slab is left as it is: it is compacted when it leaves its block.
    /// </summary>
    public CellData[]? Compact()
    {
        if (_ids is not null || _block is not null)
        {
            return null;
        }

        var used = 0;
        foreach (ref readonly var cell in _cells.AsSpan())
        {
            if (cell.Count != 0)
            {
                used++;
            }
        }

        var ids = new int[used];
        var cells = new CellData[used];
        var distinct = _distinct is null ? null : new HashSet<int>?[used];
        var j = 0;
        for (var i = 0; i < _cells.Length; i++)
        {
            if (_cells[i].Count == 0)
            {
                continue;
            }

            ids[j] = i;
            cells[j] = _cells[i];
            if (distinct is not null)
            {
                distinct[j] = _distinct![i];
            }

            j++;
        }

        var dense = _cells;
        _ids = ids;
        _sparseCount = used;
        _cells = cells;
        _distinct = distinct;
        Pack();
        return dense;
    }

    // A compacted slab without distinct values keeps its cells read-only and compact.
    private void Pack()
    {
        if (_distinct is not null || _ids is null || _compact is not null)
        {
            return;
        }

        _compact = CompactCells.Of(_cells.AsSpan(0, _sparseCount));
        _cells = [];
        if (_ids.Length != _sparseCount)
        {
            Array.Resize(ref _ids, _sparseCount);
        }
    }

    // Before any write: back to 40-byte cells, which a write can grow and insert into.
    private void Widen()
    {
        if (_compact is not { } compact)
        {
            return;
        }

        _cells = compact.ToArray();
        _compact = null;
    }

    private static Cell CellAt(in CellData cell, HashSet<int>? distinct) =>
        new(cell.Count, cell.ValueCount, cell.Sum, cell.Min, cell.Max, distinct);

    private Cell CellAt(int index) => CellAt(_cells[index], _distinct?[index]);

    private int IndexForWrite(int series)
    {
        if (_ids is null)
        {
            if ((uint)series >= (uint)_cells.Length)
            {
                Resize(Math.Max(series + 1, _cells.Length + (_cells.Length / 2)));
            }

            return series;
        }

        var index = Array.BinarySearch(_ids, 0, _sparseCount, series);
        if (index >= 0)
        {
            return index;
        }

        // A late event for a series that had none in this closed period: insert, keeping ids sorted.
        index = ~index;
        if (_sparseCount == _ids.Length)
        {
            Resize(Math.Max(4, _ids.Length * 2));
        }

        var tail = _sparseCount - index;
        Array.Copy(_ids, index, _ids, index + 1, tail);
        Array.Copy(_cells, index, _cells, index + 1, tail);
        if (_distinct is not null)
        {
            Array.Copy(_distinct, index, _distinct, index + 1, tail);
            _distinct[index] = null;
        }

        _ids[index] = series;
        _cells[index] = CellData.Empty;
        _sparseCount++;
        return index;
    }

    private void Resize(int capacity)
    {
        var old = _cells.Length;
        Array.Resize(ref _cells, capacity);
        _cells.AsSpan(old).Fill(CellData.Empty);
        if (_ids is not null)
        {
            Array.Resize(ref _ids, capacity);
        }

        if (_distinct is not null)
        {
            Array.Resize(ref _distinct, capacity);
        }
    }
}

/// <summary>Visits one non-empty cell of a slab.</summary>
internal delegate void CellVisitor<TState>(ref TState state, int series, Cell cell);
