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
    /// Takes a column's cells out, compacted: the series written in it, ascending, with their cells (32-byte cells when
    /// every count fits, else 40-byte ones); the column is left empty for the next period.
    /// </summary>
    public (int[] Series, ClosedCell[]? Narrow, CellData[]? Wide) TakeColumn(int column)
    {
        var touched = _touched[column];
        var series = touched.ToArray();
        Array.Sort(series);
        var cells = Cells;

        // Keep each series once, and only those with events; note whether every count fits in 32 bits.
        var used = 0;
        var fits = true;
        for (var i = 0; i < series.Length; i++)
        {
            ref readonly var cell = ref cells[(series[i] * Stride) + column];
            if (cell.Count != 0 && (used == 0 || series[used - 1] != series[i]))
            {
                series[used++] = series[i];
                fits &= ClosedCell.Fits(cell);
            }
        }

        var ids = used == series.Length ? series : series[..used];
        var narrow = fits ? new ClosedCell[used] : null;
        var wide = fits ? null : new CellData[used];
        for (var i = 0; i < used; i++)
        {
            ref var cell = ref cells[(ids[i] * Stride) + column];
            if (narrow is not null)
            {
                narrow[i] = ClosedCell.From(cell);
            }
            else
            {
                wide![i] = cell;
            }
        }

        // Empty every cell written in this period.
        foreach (var id in touched)
        {
            cells[(id * Stride) + column] = CellData.Empty;
        }

        touched.Clear();
        return (ids, narrow, wide);
    }

    private static CellData[] NewCells(int stride, int capacity)
    {
        var cells = new CellData[checked(stride * capacity)];
        cells.AsSpan().Fill(CellData.Empty);
        return cells;
    }
}
