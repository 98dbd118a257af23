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
}
