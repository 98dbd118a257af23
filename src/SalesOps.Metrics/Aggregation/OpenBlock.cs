using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The open-period cells of one roll-up level of a metric stream, for every grain at once. Column <c>g</c> belongs to
/// the period of grain slot <c>g</c> now open.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> A series owns one run of <c>5 × Stride</c> 64-bit words: the counts of its columns side by
/// side, then the value counts, the sums, the minimums and the maximums (the same 40 bytes per cell as
/// <see cref="CellData"/>). An event touches one run per level instead of one scattered cell per grain, and because
/// each statistic's columns are adjacent, a vector instruction updates four grains' counts (or sums, minimums,
/// maximums) at once.</para>
/// <para>Each column also marks, one bit per series, the series written since its period opened (a cell's first write
/// sets it), so closing a period visits the series it had in ascending order without sorting them, reads and
/// empties each of their cells once, and otherwise costs one 64-bit word per 64 series of capacity: with 100,000
/// series and a few hundred a day, a day closes in microseconds.</para>
/// <para>Minimum and maximum follow <see cref="Math.Min(double, double)"/> and <see cref="Math.Max(double, double)"/>
/// (so -0 is below +0) in the vector and the scalar paths alike.</para>
/// </remarks>
internal sealed class OpenBlock
{
    private const int Fields = 5;
    private const int ValueCounts = 1;
    private const int Sums = 2;
    private const int Mins = 3;
    private const int Maxes = 4;
    private static readonly long EmptyMin = BitConverter.DoubleToInt64Bits(double.PositiveInfinity);
    private static readonly long EmptyMax = BitConverter.DoubleToInt64Bits(double.NegativeInfinity);

    private readonly ulong[][] _touched;
    private readonly int _run;
    private long[] _data;

    public OpenBlock(int stride, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        Stride = stride;
        _run = Fields * stride;
        Capacity = Math.Max(capacity, 1);
        _data = NewData(_run, Capacity);
        _touched = [.. Enumerable.Range(0, stride).Select(_ => new ulong[Words(Capacity)])];
    }

    /// <summary>The number of grains (columns).</summary>
    public int Stride { get; }

    /// <summary>The number of series the block has room for; grows (never shrinks) when a series beyond it arrives.</summary>
    public int Capacity { get; private set; }

    /// <summary>Makes room for <paramref name="series"/>, growing by half (or more) so growth stays amortised.</summary>
    public void EnsureSeries(int series)
    {
        if (series < Capacity)
        {
            return;
        }

        var capacity = Math.Max(series + 1, Capacity + (Capacity / 2));
        var data = NewData(_run, capacity);
        _data.AsSpan().CopyTo(data);
        _data = data;
        Capacity = capacity;
        for (var column = 0; column < _touched.Length; column++)
        {
            Array.Resize(ref _touched[column], Words(capacity));
        }
    }

    /// <summary>
    /// The hot path: one event into every column of a series' run, four columns per vector instruction where the
    /// processor has them. The series must be below <see cref="Capacity"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(int series, bool hasValue, double value)
    {
        if ((uint)series >= (uint)Capacity)
        {
            ThrowOutside(series);
        }

        var stride = Stride;
        ref var counts = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), (nint)series * _run);
        var column = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; column + 4 <= stride; column += 4)
            {
                Apply4(ref Unsafe.Add(ref counts, column), stride, series, column, hasValue, value);
            }
        }

        for (; column + 2 <= stride; column += 2)
        {
            Apply2(ref Unsafe.Add(ref counts, column), stride, series, column, hasValue, value);
        }

        if (column < stride)
        {
            Apply1(ref Unsafe.Add(ref counts, column), stride, series, column, hasValue, value);
        }
    }

    /// <summary>One event into one cell (the slow path of a write), growing the block when needed.</summary>
    public void Add(int series, int column, double? value)
    {
        EnsureSeries(series);
        Apply1(ref CountRef(series, column), Stride, series, column, value.HasValue, value.GetValueOrDefault());
    }

    /// <summary>True when the series has at least one event in the column.</summary>
    public bool HasEvents(int series, int column) => (uint)series < (uint)Capacity && CountRef(series, column) != 0;

    /// <summary>A cell's statistics; an empty cell for a series beyond <see cref="Capacity"/>.</summary>
    public CellData Read(int series, int column)
    {
        if ((uint)series >= (uint)Capacity)
        {
            return CellData.Empty;
        }

        ref var count = ref CountRef(series, column);
        return new CellData
        {
            Count = count,
            ValueCount = Unsafe.Add(ref count, ValueCounts * Stride),
            Sum = AsDouble(ref Unsafe.Add(ref count, Sums * Stride)),
            Min = AsDouble(ref Unsafe.Add(ref count, Mins * Stride)),
            Max = AsDouble(ref Unsafe.Add(ref count, Maxes * Stride)),
        };
    }

    /// <summary>Replaces a cell's statistics, noting the series in the column if it had no events before.</summary>
    public void Write(int series, int column, in CellData cell)
    {
        EnsureSeries(series);
        ref var count = ref CountRef(series, column);
        if (count == 0 && cell.Count != 0)
        {
            Touch(column, series);
        }

        Store(ref count, cell);
    }

    /// <summary>
    /// Takes a column's cells out, compacted: the series written in it, ascending, with their cells (32-byte cells when
    /// every count fits, else 40-byte ones); the column is left empty for the next period.
    /// </summary>
    public (int[] Series, ClosedCell[]? Narrow, CellData[]? Wide) TakeColumn(int column)
    {
        var marks = _touched[column];
        var marked = 0;
        foreach (var word in marks)
        {
            marked += BitOperations.PopCount(word);
        }

        // One pass in series order: read each written cell into the result and empty it. Cells start out narrow;
        // the first whose counts do not fit turns the result wide.
        var ids = new int[marked];
        var narrow = new ClosedCell[marked];
        CellData[]? wide = null;
        var used = 0;
        for (var word = 0; word < marks.Length; word++)
        {
            var bits = marks[word];
            if (bits == 0)
            {
                continue;
            }

            marks[word] = 0;
            do
            {
                var series = (word << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                ref var count = ref CountRef(series, column);
                if (count == 0)
                {
                    continue;
                }

                var cell = Read(series, column);
                if (wide is null && !ClosedCell.Fits(cell))
                {
                    wide = new CellData[marked];
                    for (var i = 0; i < used; i++)
                    {
                        wide[i] = narrow[i].ToCellData();
                    }
                }

                if (wide is null)
                {
                    narrow[used] = ClosedCell.From(cell);
                }
                else
                {
                    wide[used] = cell;
                }

                ids[used++] = series;
                Store(ref count, CellData.Empty);
            }
            while (bits != 0);
        }

        if (used < marked)
        {
            Array.Resize(ref ids, used);
            Array.Resize(ref narrow, used);
            if (wide is not null)
            {
                Array.Resize(ref wide, used);
            }
        }

        return wide is null ? (ids, narrow, null) : (ids, null, wide);
    }

    /// <summary>The first word of a series' run, for prefetching; the run is <see cref="RunBytes"/> long.</summary>
    public ref long RunStart(int series) => ref _data[series * _run];

    /// <summary>The bytes of one series' run.</summary>
    public int RunBytes => _run * sizeof(long);

    /// <summary>Notes the first write to a series' cell in a column; call it while the cell's count is still 0.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Touch(int column, int series) => _touched[column][series >> 6] |= 1UL << series;

    // Before counting: note every column of the group whose count is still 0.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TouchEmpty(ref long counts, int series, int column, int width)
    {
        for (var i = 0; i < width; i++)
        {
            if (Unsafe.Add(ref counts, i) == 0)
            {
                Touch(column + i, series);
            }
        }
    }

    // Apply4 and Apply2 are the same steps at two vector widths: the runtime has no public interface over
    // Vector256 and Vector128 that a generic method could use without losing the intrinsics.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply4(ref long counts, int stride, int series, int column, bool hasValue, double value)
    {
        // Loaded again after the check rather than kept: a vector live across the (rare) call would be spilled.
        if (Vector256.EqualsAny(Vector256.LoadUnsafe(ref counts), Vector256<long>.Zero))
        {
            TouchEmpty(ref counts, series, column, 4);
        }

        (Vector256.LoadUnsafe(ref counts) + Vector256<long>.One).StoreUnsafe(ref counts);
        if (!hasValue)
        {
            return;
        }

        var v = Vector256.Create(value);
        ref var valueCounts = ref Unsafe.Add(ref counts, ValueCounts * stride);
        (Vector256.LoadUnsafe(ref valueCounts) + Vector256<long>.One).StoreUnsafe(ref valueCounts);
        ref var sums = ref AsDouble(ref Unsafe.Add(ref counts, Sums * stride));
        (Vector256.LoadUnsafe(ref sums) + v).StoreUnsafe(ref sums);
        ref var mins = ref AsDouble(ref Unsafe.Add(ref counts, Mins * stride));
        Vector256.Min(Vector256.LoadUnsafe(ref mins), v).StoreUnsafe(ref mins);
        ref var maxes = ref AsDouble(ref Unsafe.Add(ref counts, Maxes * stride));
        Vector256.Max(Vector256.LoadUnsafe(ref maxes), v).StoreUnsafe(ref maxes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply2(ref long counts, int stride, int series, int column, bool hasValue, double value)
    {
        // Loaded again after the check rather than kept: a vector live across the (rare) call would be spilled.
        if (Vector128.EqualsAny(Vector128.LoadUnsafe(ref counts), Vector128<long>.Zero))
        {
            TouchEmpty(ref counts, series, column, 2);
        }

        (Vector128.LoadUnsafe(ref counts) + Vector128<long>.One).StoreUnsafe(ref counts);
        if (!hasValue)
        {
            return;
        }

        var v = Vector128.Create(value);
        ref var valueCounts = ref Unsafe.Add(ref counts, ValueCounts * stride);
        (Vector128.LoadUnsafe(ref valueCounts) + Vector128<long>.One).StoreUnsafe(ref valueCounts);
        ref var sums = ref AsDouble(ref Unsafe.Add(ref counts, Sums * stride));
        (Vector128.LoadUnsafe(ref sums) + v).StoreUnsafe(ref sums);
        ref var mins = ref AsDouble(ref Unsafe.Add(ref counts, Mins * stride));
        Vector128.Min(Vector128.LoadUnsafe(ref mins), v).StoreUnsafe(ref mins);
        ref var maxes = ref AsDouble(ref Unsafe.Add(ref counts, Maxes * stride));
        Vector128.Max(Vector128.LoadUnsafe(ref maxes), v).StoreUnsafe(ref maxes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply1(ref long count, int stride, int series, int column, bool hasValue, double value)
    {
        if (count == 0)
        {
            Touch(column, series);
        }

        count++;
        if (!hasValue)
        {
            return;
        }

        Unsafe.Add(ref count, ValueCounts * stride)++;
        AsDouble(ref Unsafe.Add(ref count, Sums * stride)) += value;
        ref var min = ref AsDouble(ref Unsafe.Add(ref count, Mins * stride));
        min = Math.Min(min, value);
        ref var max = ref AsDouble(ref Unsafe.Add(ref count, Maxes * stride));
        max = Math.Max(max, value);
    }

    private ref long CountRef(int series, int column) => ref _data[(series * _run) + column];

    private void Store(ref long count, in CellData cell)
    {
        count = cell.Count;
        Unsafe.Add(ref count, ValueCounts * Stride) = cell.ValueCount;
        AsDouble(ref Unsafe.Add(ref count, Sums * Stride)) = cell.Sum;
        AsDouble(ref Unsafe.Add(ref count, Mins * Stride)) = cell.Min;
        AsDouble(ref Unsafe.Add(ref count, Maxes * Stride)) = cell.Max;
    }

    private static ref double AsDouble(ref long word) => ref Unsafe.As<long, double>(ref word);

    private static int Words(int capacity) => (capacity + 63) >> 6;

    private static long[] NewData(int run, int capacity)
    {
        var data = new long[checked(run * capacity)];
        var stride = run / Fields;
        for (var start = 0; start < data.Length; start += run)
        {
            data.AsSpan(start + (Mins * stride), stride).Fill(EmptyMin);
            data.AsSpan(start + (Maxes * stride), stride).Fill(EmptyMax);
        }

        return data;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutside(int series) =>
        throw new ArgumentOutOfRangeException(nameof(series), series, "The series is outside the block.");
}
