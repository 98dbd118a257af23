using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>The open block's vector path agrees with one cell at a time, for every number of grains.</summary>
public sealed class OpenBlockTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    public void Apply_EveryStride_MatchesCellByCellAdditionAndListsTheSeriesWritten(int stride)
    {
        const int Series = 150;
        var block = new OpenBlock(stride, Series);
        var expected = new CellData[Series * stride];
        expected.AsSpan().Fill(CellData.Empty);
        var random = new Random(stride);
        for (var i = 0; i < 2_000; i++)
        {
            // Only the even series get events; every fifth event has no value.
            var series = random.Next(Series / 2) * 2;
            double? value = i % 5 == 0 ? null : Math.Round((random.NextDouble() - 0.5) * 1_000, 2);
            block.Apply(series, value.HasValue, value.GetValueOrDefault());
            for (var column = 0; column < stride; column++)
            {
                ref var cell = ref expected[(series * stride) + column];
                if (value is { } v)
                {
                    PeriodSlab.Add(ref cell, v);
                }
                else
                {
                    cell.Count++;
                }
            }
        }

        for (var column = 0; column < stride; column++)
        {
            var (ids, narrow, wide) = block.TakeColumn(column);

            var written = Enumerable.Range(0, Series).Where(s => expected[(s * stride) + column].Count != 0).ToArray();
            Assert.That(ids, Is.EqualTo(written), $"column {column}");
            Assert.That(wide, Is.Null);
            for (var i = 0; i < ids.Length; i++)
            {
                var want = expected[(ids[i] * stride) + column];
                Assert.That(Values(narrow![i].ToCellData()), Is.EqualTo(Values(want)), $"series {ids[i]}, column {column}");
            }

            Assert.That(block.HasEvents(ids[0], column), Is.False, "the column is emptied for the next period");
            Assert.That(Values(block.Read(ids[0], column)), Is.EqualTo(Values(CellData.Empty)));
        }
    }

    [Test]
    public void NewAndGrownBlocks_ReadEmptyCells()
    {
        var block = new OpenBlock(stride: 4, capacity: 3);
        block.Apply(2, hasValue: true, 5);

        block.EnsureSeries(10);

        foreach (var series in new[] { 0, 1, 3, 10 })
        {
            Assert.That(block.HasEvents(series, 0), Is.False);
            Assert.That(Values(block.Read(series, 3)), Is.EqualTo((0L, 0L, 0.0, double.PositiveInfinity, double.NegativeInfinity)));
        }

        Assert.That(Values(block.Read(2, 3)), Is.EqualTo((1L, 1L, 5.0, 5.0, 5.0)));
    }

    [Test]
    public void Write_ThenAdd_KeepsTheOtherColumnsAndNotesTheSeriesOnce()
    {
        var block = new OpenBlock(stride: 6, capacity: 2);
        block.Write(5, 2, new CellData { Count = 3, ValueCount = 2, Sum = 7, Min = 1, Max = 6 });

        block.Add(5, 2, 10);
        block.Add(5, 2, null);
        block.Apply(5, hasValue: true, -4);

        Assert.That(block.Capacity, Is.GreaterThanOrEqualTo(6));
        Assert.That(Values(block.Read(5, 2)), Is.EqualTo((6L, 4L, 13.0, -4.0, 10.0)));
        Assert.That(Values(block.Read(5, 3)), Is.EqualTo((1L, 1L, -4.0, -4.0, -4.0)));
        Assert.That(block.TakeColumn(2).Series, Is.EqualTo(new[] { 5 }));
    }

    [Test]
    public void TakeColumn_AfterGrowth_ListsSeriesWrittenBeforeAndAfterInOrder()
    {
        var block = new OpenBlock(stride: 2, capacity: 10);
        block.Apply(5, hasValue: false, 0);
        block.Add(130, 1, 2);

        block.EnsureSeries(200);
        block.Apply(190, hasValue: true, 3);
        block.Apply(64, hasValue: true, 4);

        Assert.That(block.TakeColumn(0).Series, Is.EqualTo(new[] { 5, 64, 190 }));
        Assert.That(block.TakeColumn(1).Series, Is.EqualTo(new[] { 5, 64, 130, 190 }));
        Assert.That(block.TakeColumn(1).Series, Is.Empty);
    }

    [Test]
    public void TakeColumn_ACountBeyond32Bits_ReturnsEveryCellWide()
    {
        var block = new OpenBlock(stride: 1, capacity: 100);
        block.Apply(3, hasValue: true, 2);
        block.Write(70, 0, new CellData { Count = 5_000_000_000, ValueCount = 1, Sum = 9, Min = 9, Max = 9 });
        block.Apply(90, hasValue: false, 0);

        var (ids, narrow, wide) = block.TakeColumn(0);

        Assert.That(ids, Is.EqualTo(new[] { 3, 70, 90 }));
        Assert.That(narrow, Is.Null);
        Assert.That(wide!.Select(c => Values(c)), Is.EqualTo(new[]
        {
            (1L, 1L, 2.0, 2.0, 2.0),
            (5_000_000_000L, 1L, 9.0, 9.0, 9.0),
            (1L, 0L, 0.0, double.PositiveInfinity, double.NegativeInfinity),
        }));
    }

    private static (long, long, double, double, double) Values(in CellData cell) => (cell.Count, cell.ValueCount, cell.Sum, cell.Min, cell.Max);
}
