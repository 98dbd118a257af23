using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The open-period cells of one roll-up level of a metric stream, for every grain at once: a series' cells of all
/// grains sit side by side (<c>series * Stride + column</c>), so an event touches one run of adjacent cells per level
/// instead of one scattered cell per grain. Column <c>g</c> belongs to the period of grain slot <c>g</c> now open.
/// </summary>
/// <remarks>
/// Each column also lists the series written since its period opened (a cell's first write adds it), so closing a
/// period costs the series it had, not the block's capacity: with 100,000 series and a few hundred a day, a day
/// closes in microseconds.
/// </remarks>
internal sealed class OpenBlock
{
    private readonly List<int>[] _touched;

    public OpenBlock(int stride, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        Stride = stride;
        Cells = NewCells(stride, Math.Max(capacity, 1));
        _touched = [.. Enumerable.Range(0, stride).Select(_ => new List<int>())];
    }

    /// <summary>The number of grains, the distance between two series' runs.</summary>
    public int Stride { get; }

    /// <summary>The cells; replaced (never shrunk) when a series beyond <see cref="Capacity"/> arrives.</summary>
    public CellData[] Cells { get; private set; }

    /// <summary>The number of series the cells have room for.</summary>
    public int Capacity => Cells.Length / Stride;

    /// <summary>Makes room for <paramref name="series"/>, growing by half (or more) so growth stays amortised.</summary>
    public void EnsureSeries(int series)
    {
        if (series < Capacity)
        {
            return;
        }

        var capacity = Math.Max(series + 1, Capacity + (Capacity / 2));
        var cells = NewCells(Stride, capacity);
        Cells.AsSpan().CopyTo(cells);
        Cells = cells;
    }

    /// <summary>Notes the first write to a series' cell in a column; call it while the cell's count is still 0.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Touch(int column, int series) => _touched[column].Add(series);

    /// <summary>
    /// Takes a column's cells out, compacted: the series written in it, ascending, with their cells; the column is
    /// left empty for the next period.
    /// </summary>
    public (int[] Series, CellData[] Cells) TakeColumn(int column)
    {
        var touched = _touched[column];
        var series = touched.ToArray();
        Array.Sort(series);
        var used = 0;
        var cells = Cells;
        var taken = new CellData[series.Length];
        for (var i = 0; i < series.Length; i++)
        {
            ref var cell = ref cells[(series[i] * Stride) + column];
            if (cell.Count != 0 && (used == 0 || series[used - 1] != series[i]))
            {
                series[used] = series[i];
                taken[used] = cell;
                used++;
            }

            cell = CellData.Empty;
        }

        touched.Clear();
        return used == series.Length ? (series, taken) : (series[..used], taken[..used]);
    }

    private static CellData[] NewCells(int stride, int capacity)
    {
        var cells = new CellData[checked(stride * capacity)];
        cells.AsSpan().Fill(CellData.Empty);
        return cells;
    }
}
