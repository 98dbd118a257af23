using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The cells of every series of one roll-up level for one period. While the period is open the cells are a
/// dense array indexed by series id (one struct write per event, no hashing); once it closes the slab is
/// compacted to the series that had events, in series-id order, and its dense array goes back to the table
/// for the next period.
/// </summary>
internal sealed class PeriodSlab
{
    private CellData[] _cells;
    private int[]? _ids;
    private int _sparseCount;
    private HashSet<int>?[]? _distinct;

    public PeriodSlab(long key, CellData[] cells, bool distinct)
    {
        Key = key;
        _cells = cells;
        if (distinct)
        {
            _distinct = new HashSet<int>?[cells.Length];
        }
    }

    public long Key { get; }

    /// <summary>The dense cells while the period is open; <see langword="null"/> once compacted.</summary>
    public CellData[]? Dense => _ids is null ? _cells : null;

    /// <summary>Bytes held by the cells (not the object headers), for memory accounting.</summary>
    public long CellBytes =>
        ((long)_cells.Length * Unsafe.SizeOf<CellData>()) + (_ids is null ? 0 : _ids.Length * 4L) + (_distinct is null ? 0 : _distinct.Length * 8L);

    /// <summary>Counts an event without a value.</summary>
    public static void Count(ref CellData cell) => cell.Count++;

    /// <summary>Counts an event with a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref CellData cell, double value)
    {
        cell.Count++;
        cell.ValueCount++;
        cell.Sum += value;
        if (value < cell.Min)
        {
            cell.Min = value;
        }

        if (value > cell.Max)
        {
            cell.Max = value;
        }
    }

    /// <summary>The cell of a series for writing, growing or inserting as needed (the slow path of a write).</summary>
    public ref CellData CellFor(int series)
    {
        // Resolve the index first: a write may grow or insert, replacing the array.
        var index = IndexForWrite(series);
        return ref _cells[index];
    }

    public void AddDistinct(int series, int valueId)
    {
        var index = IndexForWrite(series);
        _cells[index].Count++;
        ref var set = ref _distinct![index];
        set ??= [];
        set.Add(valueId);
    }

    /// <summary>Replaces one cell's statistics, as when restoring from a store.</summary>
    public void Set(int series, in CellData data)
    {
        var index = IndexForWrite(series);
        _cells[index] = data;
    }

    /// <summary>Adds distinct values to one cell without counting events, as when restoring from a store.</summary>
    public void AddDistinctValues(int series, IEnumerable<int> valueIds)
    {
        var index = IndexForWrite(series);
        ref var set = ref _distinct![index];
        set ??= [];
        set.UnionWith(valueIds);
    }

    public Cell Get(int series)
    {
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

        return CellAt(index);
    }

    /// <summary>Calls <paramref name="visit"/> for every series with at least one event.</summary>
    public void ForEach<TState>(ref TState state, CellVisitor<TState> visit)
    {
        var length = _ids is null ? _cells.Length : _sparseCount;
        for (var i = 0; i < length; i++)
        {
            if (_cells[i].Count != 0)
            {
                visit(ref state, _ids is null ? i : _ids[i], CellAt(i));
            }
        }
    }

    /// <summary>Keeps only the series with events and returns the dense array for reuse; later writes still work, through a binary search.</summary>
    public CellData[]? Compact()
    {
        if (_ids is not null)
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
        return dense;
    }

    private Cell CellAt(int index)
    {
        ref readonly var cell = ref _cells[index];
        return new Cell(cell.Count, cell.ValueCount, cell.Sum, cell.Min, cell.Max, _distinct?[index]);
    }

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
