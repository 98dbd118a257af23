using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The statistics of one (series, period), kept together so an update touches one cache line: every event is
/// counted, and events with a value also feed the value count, sum, min and max (so count, sum, min, max and
/// average metrics over the same events share one cell).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CellData
{
    public static readonly CellData Empty = new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    public long Count;
    public long ValueCount;
    public double Sum;
    public double Min;
    public double Max;

    /// <summary>
    /// The cell of one event, as an empty cell becomes when the event is counted (so a value of -0 sums to +0, as
    /// 0 + -0 is, and has -0 as its minimum and maximum).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CellData OfOne(bool hasValue, double value)
    {
        var cell = Empty;
        AddEvent(ref cell, hasValue, value);
        return cell;
    }

    /// <summary>Counts one event in a cell, with its value when it has one (see <see cref="PeriodSlab.Add"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddEvent(ref CellData cell, bool hasValue, double value)
    {
        if (hasValue)
        {
            PeriodSlab.Add(ref cell, value);
        }
        else
        {
            cell.Count++;
        }
    }
}

/// <summary>
/// The statistics of one (series, period) in a closed period whose counts fit in 32 bits (practically all): the same
/// values as <see cref="CellData"/> in 32 bytes instead of 40, for the history that accumulates period after period.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ClosedCell
{
    public uint Count;
    public uint ValueCount;
    public double Sum;
    public double Min;
    public double Max;

    /// <summary>True when the cell's counts fit in a <see cref="ClosedCell"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(in CellData cell) => (ulong)cell.Count <= uint.MaxValue && (ulong)cell.ValueCount <= uint.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ClosedCell From(in CellData cell) => new()
    {
        Count = (uint)cell.Count,
        ValueCount = (uint)cell.ValueCount,
        Sum = cell.Sum,
        Min = cell.Min,
        Max = cell.Max,
    };

    public readonly CellData ToCellData() => new()
    {
        Count = Count,
        ValueCount = ValueCount,
        Sum = Sum,
        Min = Min,
        Max = Max,
    };
}
