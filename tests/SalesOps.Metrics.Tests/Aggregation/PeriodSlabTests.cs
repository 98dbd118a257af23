using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>Closed periods keep their cells compact, and lose nothing whatever the form.</summary>
public sealed class PeriodSlabTests
{
    [Test]
    public void Compact_ManyEventsASeries_Keeps32ByteCellsWithEveryValue()
    {
        var slab = Slab();
        slab.Set(3, Data(count: 2, sum: 10.5, min: 4, max: 6.5));
        slab.Set(9, Data(count: 3, sum: -1, min: -2, max: 1));

        slab.Compact();

        Assert.That(slab.CellBytes, Is.EqualTo((2 * 32) + (2 * 4)));
        Assert.That(Values(slab.Get(3)), Is.EqualTo((2L, 2L, 10.5, 4.0, 6.5)));
        Assert.That(Values(slab.Get(9)), Is.EqualTo((3L, 3L, -1.0, -2.0, 1.0)));
        Assert.That(slab.Get(4).Count, Is.Zero);
    }

    [Test]
    public void Compact_SingleValues_KeepOneWordEach()
    {
        var slab = Slab();
        slab.Set(3, Data(count: 2, sum: 10.5, min: 4, max: 6.5));
        slab.Set(9, Data(count: 1, sum: -1, min: -1, max: -1));
        slab.Set(12, Data(count: 1, sum: 1e300, min: 1e300, max: 1e300));
        foreach (var series in new[] { 0, 1, 4, 5, 6 })
        {
            slab.Set(series, Data(count: 1, sum: series, min: series, max: series));
        }

        slab.Compact();

        // Eight words, the one cell of two events whole beside them (40 bytes), and eight ids.
        Assert.That(slab.CellBytes, Is.EqualTo((8 * 8) + 40 + (8 * 4)));
        Assert.That(Values(slab.Get(3)), Is.EqualTo((2L, 2L, 10.5, 4.0, 6.5)));
        Assert.That(Values(slab.Get(9)), Is.EqualTo((1L, 1L, -1.0, -1.0, -1.0)));
        Assert.That(Values(slab.Get(12)), Is.EqualTo((1L, 1L, 1e300, 1e300, 1e300)));
    }

    [Test]
    public void Compact_CountBeyond32Bits_KeepsItExactly()
    {
        var slab = Slab();
        slab.Set(3, Data(count: 5_000_000_000, sum: 1, min: 1, max: 1));
        slab.Set(9, Data(count: 1, sum: 2, min: 2, max: 2));
        foreach (var series in new[] { 0, 1, 4, 5, 6, 7 })
        {
            slab.Set(series, Data(count: 1, sum: series, min: series, max: series));
        }

        slab.Compact();

        Assert.That(slab.CellBytes, Is.EqualTo((8 * 8) + 40 + (8 * 4)));
        Assert.That(slab.Get(3).Count, Is.EqualTo(5_000_000_000));
        Assert.That(Values(slab.Get(9)), Is.EqualTo((1L, 1L, 2.0, 2.0, 2.0)));
    }

    [Test]
    public void Compact_CountsBeyond32BitsInMostCells_KeepsFullCells()
    {
        var slab = Slab();
        slab.Set(3, Data(count: 5_000_000_000, sum: 1, min: 1, max: 1));
        slab.Set(9, Data(count: 2, sum: 2, min: 1, max: 1));

        slab.Compact();

        Assert.That(slab.CellBytes, Is.EqualTo((2 * 40) + (2 * 4)));
        Assert.That(slab.Get(3).Count, Is.EqualTo(5_000_000_000));
        Assert.That(Values(slab.Get(9)), Is.EqualTo((2L, 2L, 2.0, 1.0, 1.0)));
    }

    [Test]
    public void Record_AfterCompaction_WidensAndInsertsInOrder()
    {
        var slab = Slab();
        slab.Set(3, Data(count: 2, sum: 10, min: 4, max: 6));
        slab.Set(9, Data(count: 1, sum: 1, min: 1, max: 1));
        slab.Compact();

        slab.Record(5, 7);
        slab.Record(3, 1);
        var visited = new List<(int, long)>();
        slab.ForEach(ref visited, static (ref List<(int, long)> list, int series, Cell cell) => list.Add((series, cell.Count)));

        Assert.That(visited, Is.EqualTo(new[] { (3, 3L), (5, 1L), (9, 1L) }));
        Assert.That(Values(slab.Get(3)), Is.EqualTo((3L, 3L, 11.0, 1.0, 6.0)));
    }

    private static PeriodSlab Slab()
    {
        var cells = new CellData[16];
        cells.AsSpan().Fill(CellData.Empty);
        return new PeriodSlab(key: 1, cells, distinct: false);
    }

    private static CellData Data(long count, double sum, double min, double max) =>
        new() { Count = count, ValueCount = count, Sum = sum, Min = min, Max = max };

    private static (long, long, double, double, double) Values(Cell cell) => (cell.Count, cell.ValueCount, cell.Sum, cell.Min, cell.Max);
}
