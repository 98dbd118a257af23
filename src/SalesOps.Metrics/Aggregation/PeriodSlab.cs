using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The cells of every series of one roll-up level for one period. While the period is open the
/// cells are dense arrays indexed by series id (one array write per statistic, no hashing); once it
/// closes the slab is compacted to the series that had events, in series-id order.
/// </summary>
internal sealed class PeriodSlab
{
    private readonly CellLayout _layout;
    private int[]? _ids;
    private int _sparseCount;
    private long[] _count;
    private double[]? _sum;
    private double[]? _min;
    private double[]? _max;
    private HashSet<int>?[]? _distinct;

    public PeriodSlab(long key, CellLayout layout, int capacity)
    {
        Key = key;
        _layout = layout;
        capacity = Math.Max(capacity, 4);
        _count = new long[capacity];
        if ((layout & CellLayout.Sum) != 0)
        {
            _sum = new double[capacity];
        }

        if ((layout & CellLayout.Min) != 0)
        {
            _min = new double[capacity];
            _min.AsSpan().Fill(double.PositiveInfinity);
        }

        if ((layout & CellLayout.Max) != 0)
        {
            _max = new double[capacity];
            _max.AsSpan().Fill(double.NegativeInfinity);
        }

        if ((layout & CellLayout.Distinct) != 0)
        {
            _distinct = new HashSet<int>?[capacity];
        }
    }

    public long Key { get; }

    public bool IsDense => _ids is null;

    /// <summary>Bytes held by the cells' arrays (not the object headers), for memory accounting.</summary>
    public long CellBytes
    {
        get
        {
            long length = _count.Length;
            long perCell = 8 + (_sum is null ? 0 : 8) + (_min is null ? 0 : 8) + (_max is null ? 0 : 8) + (_distinct is null ? 0 : 8);
            return (length * perCell) + (_ids is null ? 0 : _ids.Length * 4L);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int series, double value)
    {
        if (_ids is null && (uint)series < (uint)_count.Length)
        {
            _count[series]++;
            if (_sum is not null)
            {
                _sum[series] += value;
            }

            if (_min is not null && value < _min[series])
            {
                _min[series] = value;
            }

            if (_max is not null && value > _max[series])
            {
                _max[series] = value;
            }

            return;
        }

        AddSlow(series, value);
    }

    public void AddDistinct(int series, int valueId)
    {
        var index = IndexForWrite(series);
        _count[index]++;
        ref var set = ref _distinct![index];
        set ??= [];
        set.Add(valueId);
    }

    /// <summary>Replaces one cell's statistics, as when restoring from a store.</summary>
    public void Set(int series, long count, double sum, double min, double max)
    {
        var index = IndexForWrite(series);
        _count[index] = count;
        if (_sum is not null)
        {
            _sum[index] = sum;
        }

        if (_min is not null)
        {
            _min[index] = min;
        }

        if (_max is not null)
        {
            _max[index] = max;
        }
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
            if ((uint)series >= (uint)_count.Length)
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
        var length = _ids is null ? _count.Length : _sparseCount;
        for (var i = 0; i < length; i++)
        {
            if (_count[i] != 0)
            {
                visit(ref state, _ids is null ? i : _ids[i], CellAt(i));
            }
        }
    }

    /// <summary>Keeps only the series with events; later writes still work, through a binary search.</summary>
    public void Compact()
    {
        if (_ids is not null)
        {
            return;
        }

        var used = 0;
        for (var i = 0; i < _count.Length; i++)
        {
            if (_count[i] != 0)
            {
                used++;
            }
        }

        var ids = new int[used];
        var count = new long[used];
        var sum = _sum is null ? null : new double[used];
        var min = _min is null ? null : new double[used];
        var max = _max is null ? null : new double[used];
        var distinct = _distinct is null ? null : new HashSet<int>?[used];
        var j = 0;
        for (var i = 0; i < _count.Length; i++)
        {
            if (_count[i] == 0)
            {
                continue;
            }

            ids[j] = i;
            count[j] = _count[i];
            if (sum is not null)
            {
                sum[j] = _sum![i];
            }

            if (min is not null)
            {
                min[j] = _min![i];
            }

            if (max is not null)
            {
                max[j] = _max![i];
            }

            if (distinct is not null)
            {
                distinct[j] = _distinct![i];
            }

            j++;
        }

        _ids = ids;
        _sparseCount = used;
        _count = count;
        _sum = sum;
        _min = min;
        _max = max;
        _distinct = distinct;
    }

    private Cell CellAt(int index) => new(
        _count[index],
        _sum is null ? 0 : _sum[index],
        _min is null ? double.PositiveInfinity : _min[index],
        _max is null ? double.NegativeInfinity : _max[index],
        _distinct?[index]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSlow(int series, double value)
    {
        var index = IndexForWrite(series);
        _count[index]++;
        if (_sum is not null)
        {
            _sum[index] += value;
        }

        if (_min is not null && value < _min[index])
        {
            _min[index] = value;
        }

        if (_max is not null && value > _max[index])
        {
            _max[index] = value;
        }
    }

    private int IndexForWrite(int series)
    {
        if (_ids is null)
        {
            if ((uint)series >= (uint)_count.Length)
            {
                Resize(Math.Max(series + 1, _count.Length * 2));
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
        Array.Copy(_count, index, _count, index + 1, tail);
        if (_sum is not null)
        {
            Array.Copy(_sum, index, _sum, index + 1, tail);
        }

        if (_min is not null)
        {
            Array.Copy(_min, index, _min, index + 1, tail);
        }

        if (_max is not null)
        {
            Array.Copy(_max, index, _max, index + 1, tail);
        }

        if (_distinct is not null)
        {
            Array.Copy(_distinct, index, _distinct, index + 1, tail);
        }

        _ids[index] = series;
        _count[index] = 0;
        if (_sum is not null)
        {
            _sum[index] = 0;
        }

        if (_min is not null)
        {
            _min[index] = double.PositiveInfinity;
        }

        if (_max is not null)
        {
            _max[index] = double.NegativeInfinity;
        }

        if (_distinct is not null)
        {
            _distinct[index] = null;
        }

        _sparseCount++;
        return index;
    }

    private void Resize(int capacity)
    {
        var old = _count.Length;
        Array.Resize(ref _count, capacity);
        if (_ids is not null)
        {
            Array.Resize(ref _ids, capacity);
        }

        if (_sum is not null)
        {
            Array.Resize(ref _sum, capacity);
        }

        if (_min is not null)
        {
            Array.Resize(ref _min, capacity);
            _min.AsSpan(old).Fill(double.PositiveInfinity);
        }

        if (_max is not null)
        {
            Array.Resize(ref _max, capacity);
            _max.AsSpan(old).Fill(double.NegativeInfinity);
        }

        if (_distinct is not null)
        {
            Array.Resize(ref _distinct, capacity);
        }
    }
}

/// <summary>Visits one non-empty cell of a slab.</summary>
internal delegate void CellVisitor<TState>(ref TState state, int series, Cell cell);
