using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>The open block's vector path agrees with one cell at a time, for every number of grains.</summary>
public sealed class OpenBlockTests
{
    // The array of runs holds seven words more than its runs, to start the first run on a 64-byte cache line.
    private const long RunsAlignment = 56;

    // From how many series of room on a block keeps singles: from the first, for the tests of singles; or never.
    private const int Always = 0;
    private const int Never = int.MaxValue;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(9)]
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
            var (ids, cells) = block.TakeColumn(column);

            var written = Enumerable.Range(0, Series).Where(s => expected[(s * stride) + column].Count != 0).ToArray();
            Assert.That(ids, Is.EqualTo(written), $"column {column}");
            Assert.That(cells.Length, Is.EqualTo(ids.Length));
            for (var i = 0; i < ids.Length; i++)
            {
                var want = expected[(ids[i] * stride) + column];
                Assert.That(Values(cells[i]), Is.EqualTo(Values(want)), $"series {ids[i]}, column {column}");
            }

            Assert.That(block.HasEvents(ids[0], column), Is.False, "the column is emptied for the next period");
            Assert.That(Values(block.Read(ids[0], column)), Is.EqualTo(Values(CellData.Empty)));
        }
    }

    // Six grains: four columns in a group, two kept a cell at a time; nine: two groups and one lone cell.
    [TestCase(6, 1)]
    [TestCase(6, 4)]
    [TestCase(6, 5)]
    [TestCase(9, 6)]
    [TestCase(9, 8)]
    public void Apply_ZerosOfEitherSign_KeepMinusZeroBelowPlusZeroInAnyOrder(int stride, int column)
    {
        var block = new OpenBlock(stride, capacity: 4);
        double[][] orders = [[0.0, -0.0, 3.0], [-0.0, 0.0, -3.0], [2.0, 0.0, -0.0], [-2.0, -0.0, 0.0]];
        for (var series = 0; series < orders.Length; series++)
        {
            foreach (var value in orders[series])
            {
                block.Apply(series, hasValue: true, value);
            }
        }

        // Math.Min and Math.Max: -0 is below +0 whichever came first, and a value of the other sign decides.
        Assert.That(Bits([.. Enumerable.Range(0, orders.Length).Select(series => block.Read(series, column))]), Is.EqualTo(Bits(
        [
            new() { Count = 3, ValueCount = 3, Sum = 3.0, Min = -0.0, Max = 3.0 },
            new() { Count = 3, ValueCount = 3, Sum = -3.0, Min = -3.0, Max = 0.0 },
            new() { Count = 3, ValueCount = 3, Sum = 2.0, Min = -0.0, Max = 2.0 },
            new() { Count = 3, ValueCount = 3, Sum = -2.0, Min = -2.0, Max = 0.0 },
        ])));
    }

    [TestCase(4, 3)]
    [TestCase(5, 4)]
    [TestCase(6, 5)]
    [TestCase(7, 5)]
    [TestCase(7, 6)]
    public void Apply_ToACellStoredWithNaN_KeepsTheNaN(int stride, int column)
    {
        // A store can hold any double; an event leaves a NaN statistic NaN, as Math.Min and Math.Max would.
        var block = new OpenBlock(stride, capacity: 2);
        block.Write(1, column, new CellData { Count = 1, ValueCount = 1, Sum = double.NaN, Min = double.NaN, Max = double.NaN });

        block.Apply(1, hasValue: true, 5.0);

        var cell = block.Read(1, column);
        Assert.That((cell.Count, cell.ValueCount), Is.EqualTo((2L, 2L)));
        Assert.That(new[] { cell.Sum, cell.Min, cell.Max }, Has.All.NaN);
        Assert.That(Values(block.Read(1, 0)), Is.EqualTo((1L, 1L, 5.0, 5.0, 5.0)), "a column written by the event alone");
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
    public void TakeColumn_ACountBeyond32Bits_ReturnsItExactly()
    {
        var block = new OpenBlock(stride: 1, capacity: 100);
        block.Apply(3, hasValue: true, 2);
        block.Write(70, 0, new CellData { Count = 5_000_000_000, ValueCount = 1, Sum = 9, Min = 9, Max = 9 });
        block.Apply(90, hasValue: false, 0);

        var (ids, cells) = block.TakeColumn(0);

        Assert.That(ids, Is.EqualTo(new[] { 3, 70, 90 }));
        Assert.That(cells.ToArray().Select(c => Values(c)), Is.EqualTo(new[]
        {
            (1L, 1L, 2.0, 2.0, 2.0),
            (5_000_000_000L, 1L, 9.0, 9.0, 9.0),
            (1L, 0L, 0.0, double.PositiveInfinity, double.NegativeInfinity),
        }));
    }

    [Test]
    public void TakeColumn_SeriesAcrossManyWordsOfMarks_ListsEachOnceAscendingAndStartsTheNextPeriodEmpty()
    {
        // Series at the edges of a word of marks (64 series) and of a word of their summary (4,096), first written by
        // events (a new run marks four columns at once), by one cell, and by a write; some only after the block grew.
        var block = new OpenBlock(stride: 5, capacity: 5_000);
        int[] byEvents = [0, 63, 64, 4_095, 4_096, 4_999];
        foreach (var series in byEvents)
        {
            block.Apply(series, hasValue: true, series);
        }

        block.Add(127, column: 2, 1.5);
        block.EnsureSeries(9_000);
        block.Add(8_191, column: 2, null);
        block.Write(8_192, column: 2, new CellData { Count = 2, ValueCount = 1, Sum = 4, Min = 4, Max = 4 });
        block.Apply(8_999, hasValue: false, 0);

        var (ids, _) = block.TakeColumn(2);
        Assert.That(ids, Is.EqualTo(new[] { 0, 63, 64, 127, 4_095, 4_096, 4_999, 8_191, 8_192, 8_999 }));
        Assert.That(block.TakeColumn(4).Series, Is.EqualTo(new[] { 0, 63, 64, 4_095, 4_096, 4_999, 8_999 }), "the lone fifth column");

        block.Apply(4_096, hasValue: true, 1);
        Assert.That(block.TakeColumn(2).Series, Is.EqualTo(new[] { 4_096 }), "only the series written since the last close");
        Assert.That(block.TakeColumn(2).Series, Is.Empty);
    }

    [Test]
    public void Apply_ManySeriesFewWritten_HoldsRunsOnlyForTheSeriesWritten()
    {
        const int Series = 100_000;
        var block = new OpenBlock(stride: 4, capacity: Series, singlesFromSeries: Never);
        var written = Enumerable.Range(0, 100).Select(i => i * 997).ToArray();
        foreach (var series in written)
        {
            block.Apply(series, hasValue: true, series);
        }

        // Room for 128 runs of 128 bytes (doubled from two, with 56 bytes to start the first run on a cache line), a
        // 4-byte map entry and 4 bits of marks per series, and a bit per column for every 64 series saying which words
        // of marks hold one: 467 KB, where a cell for every series would take 13 MB.
        var mapAndMarks = (4L * Series) + (4L * 8 * ((Series + 63) / 64)) + (4L * 8 * ((Series + 4_095) / 4_096));
        Assert.That((block.SeriesWithRuns, block.Bytes), Is.EqualTo((100, (128L * 128) + RunsAlignment + mapAndMarks)));
        Assert.That(written.Select(s => block.Read(s, 3).Sum), Is.EqualTo(written.Select(s => (double)s)));
        Assert.That(block.HasEvents(1, 0), Is.False);

        // By default a block this large keeps each series' only event as a single (16 bytes, room for 128), no run.
        var singles = new OpenBlock(stride: 4, capacity: Series);
        foreach (var series in written)
        {
            singles.Apply(series, hasValue: true, series);
        }

        Assert.That((singles.SeriesWithRuns, singles.Bytes), Is.EqualTo((0, mapAndMarks + (128 * 16))));
        Assert.That(written.Select(s => singles.Read(s, 3).Sum), Is.EqualTo(written.Select(s => (double)s)));
    }

    [Test]
    public void Apply_AFewSeries_HoldsAFewRuns()
    {
        var block = new OpenBlock(stride: 4, capacity: 16);
        foreach (var series in new[] { 0, 7, 15 })
        {
            block.Apply(series, hasValue: true, series);
        }

        // Room for four runs of 128 bytes (doubled from two), not for all sixteen series; a 4-byte map entry a series,
        // one word of marks per column and one saying which words of marks hold one.
        Assert.That(block.Bytes, Is.EqualTo((4L * 128) + RunsAlignment + (16 * 4) + (4 * 8) + (4 * 8)));
        Assert.That(new[] { 0, 7, 15 }.Select(s => block.Read(s, 2).Max), Is.EqualTo(new[] { 0.0, 7.0, 15.0 }));
    }

    [Test]
    public void TakeColumn_LastColumnWithEvents_GivesTheRunBackEmptyForTheNextSeries()
    {
        var block = new OpenBlock(stride: 2, capacity: 10);
        block.Apply(3, hasValue: true, 7);
        block.Add(4, 1, -2);

        block.TakeColumn(0);
        Assert.That(block.SeriesWithRuns, Is.EqualTo(2), "series 3 still has an event in column 1");
        block.TakeColumn(1);
        Assert.That(block.SeriesWithRuns, Is.Zero);

        // The next series gets a run given back: every column empty, minimum and maximum included.
        block.Apply(8, hasValue: false, 0);
        block.Add(9, 0, 5);
        Assert.That(block.SeriesWithRuns, Is.EqualTo(2));
        Assert.That(Values(block.Read(8, 0)), Is.EqualTo((1L, 0L, 0.0, double.PositiveInfinity, double.NegativeInfinity)));
        Assert.That(Values(block.Read(9, 1)), Is.EqualTo(Values(CellData.Empty)));
        Assert.That(Values(block.Read(9, 0)), Is.EqualTo((1L, 1L, 5.0, 5.0, 5.0)));
        Assert.That(Values(block.Read(3, 1)), Is.EqualTo(Values(CellData.Empty)));
    }

    [Test]
    public void Write_EmptyCell_GivesTheRunBackOnlyWhenEveryColumnIsEmpty()
    {
        var block = new OpenBlock(stride: 3, capacity: 4);
        block.Write(2, 0, new CellData { Count = 2, ValueCount = 2, Sum = 3, Min = 1, Max = 2 });
        block.Write(2, 2, new CellData { Count = 1, ValueCount = 0, Sum = 0, Min = double.PositiveInfinity, Max = double.NegativeInfinity });
        block.Write(1, 1, CellData.Empty);

        block.Write(2, 0, CellData.Empty);
        Assert.That((block.SeriesWithRuns, block.HasEvents(2, 0), block.HasEvents(2, 2)), Is.EqualTo((1, false, true)));
        block.Write(2, 2, CellData.Empty);
        Assert.That(block.SeriesWithRuns, Is.Zero);
        Assert.That(block.TakeColumn(0).Series, Is.Empty);
    }

    [Test]
    public void Apply_AfterManyPeriodsOfDifferentSeries_ReusesRunsInsteadOfGrowing()
    {
        var block = new OpenBlock(stride: 1, capacity: 10_000);
        for (var period = 0; period < 50; period++)
        {
            for (var i = 0; i < 100; i++)
            {
                block.Apply((period * 100) + i, hasValue: true, i);
            }

            Assert.That(block.TakeColumn(0).Series, Has.Length.EqualTo(100));
        }

        // 100 series at a time: room for 128 runs, whichever series they were, the map (a 4-byte entry a series), the
        // marks and the three words saying which of their words hold one, a free list of 128 4-byte entries, and room
        // for four whole cells when closing (every cell here is a single value).
        Assert.That(block.Bytes, Is.EqualTo((128L * 32) + RunsAlignment + (4L * 10_000) + (8L * ((10_000 + 63) / 64)) + (8L * 3) + (4L * 128) + (4 * 40)));
    }

    // A column in a group of four, and one kept a cell at a time.
    [TestCase(4, 2)]
    [TestCase(6, 5)]
    public void Apply_ACountReaching2To31_CarriesItAndKeepsCountingExactly(int stride, int column)
    {
        // Written one below the carry point: the next event takes the word to 2^31, the one after carries it.
        const long Below = (1L << 31) - 1;
        var block = new OpenBlock(stride, capacity: 4);
        block.Write(1, column, new CellData { Count = Below, ValueCount = Below - 5, Sum = 10, Min = 1, Max = 3 });

        block.Apply(1, hasValue: true, 4);
        block.Apply(1, hasValue: false, 0);
        block.Apply(1, hasValue: true, 0.5);

        Assert.That(Values(block.Read(1, column)), Is.EqualTo((Below + 3, Below - 3, 14.5, 0.5, 4.0)));
        Assert.That(Values(block.Read(1, column - 1)), Is.EqualTo((3L, 2L, 4.5, 0.5, 4.0)), "the neighbouring grain counts on its own");
        Assert.That(block.Bytes, Is.GreaterThan(new OpenBlock(stride, capacity: 4).Bytes + 128), "the carried counts are accounted for");

        var (ids, cells) = block.TakeColumn(column);
        Assert.That(ids, Is.EqualTo(new[] { 1 }));
        Assert.That(Values(cells[0]), Is.EqualTo((Below + 3, Below - 3, 14.5, 0.5, 4.0)));

        // The carried counts leave with the cell: the next period starts from nothing.
        block.Apply(1, hasValue: true, 2);
        Assert.That(Values(block.Read(1, column)), Is.EqualTo((1L, 1L, 2.0, 2.0, 2.0)));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void Write_CountsBeyond31Bits_ReadBackExactlyAndCountOn(int stride)
    {
        var block = new OpenBlock(stride, capacity: 2);
        var column = stride - 1;
        block.Write(0, column, new CellData { Count = 6_000_000_000, ValueCount = 5_999_999_999, Sum = 1, Min = 1, Max = 1 });
        block.Write(1, column, new CellData { Count = 7, ValueCount = 3_000_000_000, Sum = 2, Min = 2, Max = 2 });

        block.Apply(0, hasValue: true, 2);
        block.Add(0, column, null);

        Assert.That(Values(block.Read(0, column)), Is.EqualTo((6_000_000_002L, 6_000_000_000L, 3.0, 1.0, 2.0)));
        Assert.That(Values(block.Read(1, column)), Is.EqualTo((7L, 3_000_000_000L, 2.0, 2.0, 2.0)));

        // Written back small, the cell drops what it had carried.
        block.Write(0, column, new CellData { Count = 2, ValueCount = 1, Sum = 5, Min = 5, Max = 5 });
        Assert.That(Values(block.Read(0, column)), Is.EqualTo((2L, 1L, 5.0, 5.0, 5.0)));
    }

    [Test]
    public void TakeColumn_PeriodsOfManyThenOfSingleEvents_KeepsEachInTheSmallerForm()
    {
        var block = new OpenBlock(stride: 1, capacity: 100);
        var forms = new List<CompactForm>();
        var sums = new List<double>();
        foreach (var events in new[] { 3, 1, 1 })
        {
            // 100 series; in the last period, every twentieth has two events.
            for (var series = 0; series < 100; series++)
            {
                var times = events + (forms.Count == 2 && series % 20 == 0 ? 1 : 0);
                for (var i = 0; i < times; i++)
                {
                    block.Apply(series, hasValue: true, 1);
                }
            }

            var (_, cells) = block.TakeColumn(0);
            forms.Add(cells.Form);
            sums.Add(cells.ToArray().Sum(c => c.Sum));
        }

        Assert.That(forms, Is.EqualTo(new[] { CompactForm.Narrow, CompactForm.Words, CompactForm.Words }));
        Assert.That(sums, Is.EqualTo(new[] { 300.0, 100.0, 105.0 }));
    }

    [Test]
    public void TakeColumn_SingleValuesAndZeros_ReturnsEveryBitAsEventsLeftIt()
    {
        var block = new OpenBlock(stride: 2, capacity: 8);
        block.Apply(0, hasValue: true, 2.5);
        block.Apply(1, hasValue: true, -0.0);
        block.Apply(2, hasValue: true, 0.0);
        block.Apply(3, hasValue: false, 0);
        block.Apply(4, hasValue: true, -0.0);
        block.Apply(4, hasValue: true, -0.0);

        var (ids, cells) = block.TakeColumn(0);

        // An event of -0 leaves a sum of +0 beside a minimum and maximum of -0, as Math.Min and Math.Max would; a cell
        // without values a sum of +0.
        Assert.That(ids, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(Bits(cells.ToArray()), Is.EqualTo(Bits(
        [
            new() { Count = 1, ValueCount = 1, Sum = 2.5, Min = 2.5, Max = 2.5 },
            new() { Count = 1, ValueCount = 1, Sum = 0.0, Min = -0.0, Max = -0.0 },
            new() { Count = 1, ValueCount = 1, Sum = 0.0, Min = 0.0, Max = 0.0 },
            new() { Count = 1, ValueCount = 0, Sum = 0.0, Min = double.PositiveInfinity, Max = double.NegativeInfinity },
            new() { Count = 2, ValueCount = 2, Sum = 0.0, Min = -0.0, Max = -0.0 },
        ])));
    }

    [Test]
    public void TakeColumn_ASingleEventCellWrittenUnlikeAnEventLeavesIt_ReturnsItExactly()
    {
        // From a store: one event with a value, yet a minimum and maximum other than the sum.
        var block = new OpenBlock(stride: 1, capacity: 8);
        block.Apply(1, hasValue: true, 4);
        block.Write(2, 0, new CellData { Count = 1, ValueCount = 1, Sum = 5, Min = 3, Max = 7 });
        block.Apply(3, hasValue: true, 6);

        var (_, cells) = block.TakeColumn(0);

        Assert.That(cells.ToArray().Select(c => Values(c)), Is.EqualTo(new[]
        {
            (1L, 1L, 4.0, 4.0, 4.0),
            (1L, 1L, 5.0, 3.0, 7.0),
            (1L, 1L, 6.0, 6.0, 6.0),
        }));
    }

    [Test]
    public void TakeColumn_ACellEmptiedByAWriteThenWrittenAgain_ListsItsSeriesOnce()
    {
        var block = new OpenBlock(stride: 2, capacity: 200);
        block.Apply(130, hasValue: true, 1);
        block.Apply(7, hasValue: true, 2);
        block.Write(130, 0, CellData.Empty);
        block.Apply(130, hasValue: true, 3);

        var (ids, cells) = block.TakeColumn(0);

        Assert.That(ids, Is.EqualTo(new[] { 7, 130 }));
        Assert.That(cells.ToArray().Select(c => c.Sum), Is.EqualTo(new[] { 2.0, 3.0 }));
        Assert.That(block.TakeColumn(1).Series, Is.EqualTo(new[] { 7, 130 }));
        Assert.That(block.TakeColumn(0).Series, Is.Empty);
    }

    [Test]
    public void Apply_ASeriesFirstEvent_KeepsItAsASingleWithoutARun()
    {
        var block = new OpenBlock(stride: 5, capacity: 10, singlesFromSeries: Always);
        block.Apply(3, hasValue: true, 2.5);
        block.Apply(4, hasValue: false, 0);
        block.Apply(5, hasValue: true, -0.0);

        Assert.That(block.SeriesWithRuns, Is.Zero);
        for (var column = 0; column < 5; column++)
        {
            Assert.That(Values(block.Read(3, column)), Is.EqualTo((1L, 1L, 2.5, 2.5, 2.5)), $"column {column}");
            Assert.That(Values(block.Read(4, column)), Is.EqualTo((1L, 0L, 0.0, double.PositiveInfinity, double.NegativeInfinity)), $"column {column}");
            Assert.That(block.HasEvents(3, column) && block.HasEvents(4, column) && block.HasEvents(5, column), Is.True);
        }

        // As a run's empty cell would be after the event: a sum of +0 beside a minimum and maximum of -0.
        Assert.That(Bits([block.Read(5, 4)]), Is.EqualTo(Bits([new() { Count = 1, ValueCount = 1, Sum = 0.0, Min = -0.0, Max = -0.0 }])));
        Assert.That(block.HasEvents(6, 0), Is.False);
    }

    [Test]
    public void Apply_ASeriesNextEvents_ChainAsSinglesWithEachInEveryColumnStillOpen()
    {
        var block = new OpenBlock(stride: 6, capacity: 10, singlesFromSeries: Always);
        block.Apply(3, hasValue: true, 2.5);
        block.Apply(3, hasValue: true, -1);
        Assert.That(block.SeriesWithRuns, Is.Zero);
        Assert.That(Enumerable.Range(0, 6).Select(c => Values(block.Read(3, c))), Is.All.EqualTo((2L, 2L, 1.5, -1.0, 2.5)));

        // Series 5's first event, then a close of column 0, then its second event: column 0 holds only the second.
        block.Apply(5, hasValue: true, 4);
        var (ids, cells) = block.TakeColumn(0);
        Assert.That(ids, Is.EqualTo(new[] { 3, 5 }));
        Assert.That(cells.ToArray().Select(c => Values(c)), Is.EqualTo(new[] { (2L, 2L, 1.5, -1.0, 2.5), (1L, 1L, 4.0, 4.0, 4.0) }));
        Assert.That((block.HasEvents(5, 0), block.HasEvents(5, 1), block.HasEvents(5, 5)), Is.EqualTo((false, true, true)));

        block.Apply(5, hasValue: false, 0);
        Assert.That(Values(block.Read(5, 0)), Is.EqualTo((1L, 0L, 0.0, double.PositiveInfinity, double.NegativeInfinity)));
        Assert.That(Values(block.Read(5, 1)), Is.EqualTo((2L, 1L, 4.0, 4.0, 4.0)));
        Assert.That(Values(block.Read(5, 5)), Is.EqualTo((2L, 1L, 4.0, 4.0, 4.0)), "a lone cell");
        (ids, cells) = block.TakeColumn(5);
        Assert.That(ids, Is.EqualTo(new[] { 3, 5 }));
        Assert.That(cells.ToArray().Select(c => Values(c)), Is.EqualTo(new[] { (2L, 2L, 1.5, -1.0, 2.5), (2L, 1L, 4.0, 4.0, 4.0) }));
        Assert.That(block.SeriesWithRuns, Is.Zero);
    }

    [Test]
    public void Apply_ASeriesEighthEvent_GivesItARunWithItsSinglesInTheColumnsTheyAreOpenIn()
    {
        // Summed in the order they came, 1 is lost beside 1e16 and the total is 0; summed newest first, it is 1.
        double[] values = [7, 1, 1e16, -1e16, -0.0, 2.5, -3, 0.25];
        var block = new OpenBlock(stride: 3, capacity: 10, singlesFromSeries: Always);
        block.Apply(3, hasValue: true, values[0]);
        block.TakeColumn(0);
        for (var i = 1; i < 7; i++)
        {
            block.Apply(3, hasValue: true, values[i]);
        }

        Assert.That(block.SeriesWithRuns, Is.Zero, "seven events are seven singles");
        Assert.That(Bits([block.Read(3, 0), block.Read(3, 1)]), Is.EqualTo(Bits([Cell(values[1..7]), Cell(values[..7])])));

        block.Apply(3, hasValue: true, values[7]);
        Assert.That(block.SeriesWithRuns, Is.EqualTo(1), "the eighth gives the series a run");
        Assert.That(Bits([block.Read(3, 0), block.Read(3, 1), block.Read(3, 2)]), Is.EqualTo(Bits([Cell(values[1..]), Cell(values), Cell(values)])));
        Assert.That(Bits(block.TakeColumn(1).Cells.ToArray()), Is.EqualTo(Bits([Cell(values)])));
        Assert.That(block.TakeColumn(0).Series, Is.EqualTo(new[] { 3 }));
        Assert.That(block.TakeColumn(2).Series, Is.EqualTo(new[] { 3 }));
        Assert.That(block.SeriesWithRuns, Is.Zero, "every column closed");
    }

    [Test]
    public void TakeColumn_ChainedSingles_GivesACellASeriesWithItsEventsInTheOrderTheyCame()
    {
        var block = new OpenBlock(stride: 1, capacity: 1_000, singlesFromSeries: Always);
        double?[] events = [1, null, -0.0, 5, 1e16, null, -0.0, -1e16];
        int[] series = [10, 20, 30, 40, 10, 20, 30, 10];
        for (var i = 0; i < events.Length; i++)
        {
            block.Apply(series[i], events[i].HasValue, events[i].GetValueOrDefault());
        }

        var (ids, cells) = block.TakeColumn(0);

        Assert.That(ids, Is.EqualTo(new[] { 10, 20, 30, 40 }));
        Assert.That(Bits(cells.ToArray()), Is.EqualTo(Bits([Cell([1, 1e16, -1e16]), Cell([null, null]), Cell([-0.0, -0.0]), Cell([5])])));
        Assert.That(cells[0].Sum, Is.Zero, "1 is lost beside 1e16 when summed in order");
        Assert.That(block.SeriesWithRuns, Is.Zero);
    }

    [Test]
    public void Read_AChainWhoseOlderSinglesAreForgotten_CountsTheLiveOnes()
    {
        var block = new OpenBlock(stride: 2, capacity: 1_000, singlesFromSeries: Always);
        block.Apply(1, hasValue: true, 5);
        block.TakeColumn(0);
        block.Apply(1, hasValue: true, 7);
        Assert.That((Values(block.Read(1, 0)), Values(block.Read(1, 1))), Is.EqualTo(((1L, 1L, 7.0, 7.0, 7.0), (2L, 2L, 12.0, 5.0, 7.0))));

        // Column 1 closes past the first single, which is forgotten (the list moves down); the second stays open in column 0.
        Assert.That(Values(block.TakeColumn(1).Cells[0]), Is.EqualTo((2L, 2L, 12.0, 5.0, 7.0)));
        Assert.That((Values(block.Read(1, 0)), block.HasEvents(1, 1)), Is.EqualTo(((1L, 1L, 7.0, 7.0, 7.0), false)));

        block.Apply(1, hasValue: true, 9);
        for (var other = 100; other < 140; other++)
        {
            block.Apply(other, hasValue: true, other);
        }

        Assert.That((Values(block.Read(1, 0)), Values(block.Read(1, 1))), Is.EqualTo(((2L, 2L, 16.0, 7.0, 9.0), (1L, 1L, 9.0, 9.0, 9.0))));
        var (ids, cells) = block.TakeColumn(0);
        Assert.That((ids[0], ids.Length, Values(cells[0])), Is.EqualTo((1, 41, (2L, 2L, 16.0, 7.0, 9.0))));
    }

    // Series with one to a dozen events in a period (a run from the eighth), columns closing at different times, and
    // each cell read and closed as the events left it, bit for bit. With entries that count a single's place in 9 bits,
    // the entries are counted again every few hundred singles; in 10 bits with four grains, the quarter-like column
    // keeps more singles live than half of that, so series take runs instead of singles for a while.
    [TestCase(4, 1, 28)]
    [TestCase(6, 2, 28)]
    [TestCase(1, 3, 28)]
    [TestCase(1, 5, 9)]
    [TestCase(4, 6, 10)]
    public void ApplyReadAndTakeColumn_SeriesOfOneToADozenEvents_MatchTheEventsInEveryColumn(int stride, int seed, int sequenceBits)
    {
        const int Capacity = 50_000;
        var block = new OpenBlock(stride, Capacity, singlesFromSeries: Always, sequenceBits);
        var expected = new Dictionary<(int Series, int Column), CellData>();
        var random = new Random(seed);
        var pool = Enumerable.Range(0, 300).Select(_ => random.Next(Capacity)).Distinct().ToArray();
        double?[] values = [1e16, -1e16, 1, 0.5, -0.0, 0.0, 3.25, null, -7, 12.5];
        for (var i = 1; i <= 6_000; i++)
        {
            // A few busy series, and many with a few events.
            var target = i % 3 == 0 ? pool[random.Next(8)] : pool[random.Next(pool.Length)];
            var value = values[random.Next(values.Length)];
            block.Apply(target, value.HasValue, value.GetValueOrDefault());
            Expect(expected, target, stride, value);
            if (i % 97 == 0)
            {
                var read = pool[random.Next(pool.Length)];
                for (var column = 0; column < stride; column++)
                {
                    var want = expected.TryGetValue((read, column), out var cell) ? cell : CellData.Empty;
                    Assert.That(Bits([block.Read(read, column)]), Is.EqualTo(Bits([want])), $"event {i}, series {read}, column {column}");
                }
            }

            // Column c closes every 150 × 3^c events, and every column at the end.
            for (var column = 0; column < stride; column++)
            {
                if (i % (150 * (int)Math.Pow(3, column)) == 0 || i == 6_000)
                {
                    AssertTakesAsExpected(block, column, expected, $"event {i}, column {column}");
                }
            }
        }

        Assert.That(block.SeriesWithRuns, Is.Zero, "every column closed");
    }

    [Test]
    public void Apply_SinglesPastWhatAnEntryCounts_CountsTheEntriesAgainOrGivesARun()
    {
        // An entry counts a single's place in 3 bits here: eight places from where the entries count.
        var block = new OpenBlock(stride: 2, capacity: 100, singlesFromSeries: Always, sequenceBits: 3);
        for (var series = 10; series < 16; series++)
        {
            block.Apply(series, hasValue: true, series);
        }

        block.TakeColumn(0);
        block.TakeColumn(1);
        block.Apply(20, hasValue: true, 2);
        block.Apply(21, hasValue: true, 3);

        // The ninth single: the entries count from the oldest live one (the seventh) again, and those of the six
        // forgotten read as none, where counted from the seventh they would be live.
        block.Apply(10, hasValue: true, 4);
        Assert.That(
            (Values(block.Read(20, 1)), Values(block.Read(21, 0)), Values(block.Read(10, 0)), block.HasEvents(13, 0), block.SeriesWithRuns),
            Is.EqualTo(((1L, 1L, 2.0, 2.0, 2.0), (1L, 1L, 3.0, 3.0, 3.0), (1L, 1L, 4.0, 4.0, 4.0), false, 0)));

        // With no period closed, the live singles soon span more than half of what an entry counts: the next event's
        // series takes a run, with its single's event and this one, and the other singles stay as they are.
        for (var series = 30; series < 35; series++)
        {
            block.Apply(series, hasValue: true, series);
        }

        block.Apply(20, hasValue: true, 6);
        Assert.That(
            (block.SeriesWithRuns, Values(block.Read(34, 0)), Values(block.Read(20, 0)), Values(block.Read(10, 1))),
            Is.EqualTo((1, (1L, 1L, 34.0, 34.0, 34.0), (2L, 2L, 8.0, 2.0, 6.0), (1L, 1L, 4.0, 4.0, 4.0))));
        Assert.That(block.TakeColumn(0).Series, Is.EqualTo(new[] { 10, 20, 21, 30, 31, 32, 33, 34 }));
    }

    [Test]
    public void Apply_MoreSeriesThanTheRunsHaveRoomFor_GrowsTheRunsKeepingTheirCells()
    {
        var block = new OpenBlock(stride: 4, capacity: 10, singlesFromSeries: Never);
        for (var round = 1; round <= 2; round++)
        {
            for (var series = 0; series < 10; series++)
            {
                block.Apply(series, hasValue: true, series * round);
            }
        }

        // Room doubled from two runs to eight, then to ten (one a series), the runs so far copied over each time; the
        // map and the marks as before.
        Assert.That(Enumerable.Range(0, 10).Select(s => Values(block.Read(s, 3))), Is.EqualTo(Enumerable.Range(0, 10).Select(s => (2L, 2L, 3.0 * s, (double)s, 2.0 * s))));
        Assert.That((block.SeriesWithRuns, block.Bytes), Is.EqualTo((10, (10L * 128) + RunsAlignment + (10 * 4) + (4 * 8) + (4 * 8))));
    }

    // The largest series id needs 10, 17, 14, 22 and 23 bits: one, two, two, two and three passes of sorting the
    // singles. The runs: a pair (two grains); a group and a lone cell (five); a group, a pair and a lone cell (seven);
    // a group (four); a lone cell (one).
    [TestCase(1_000, 2)]
    [TestCase(100_000, 5)]
    [TestCase(10_000, 7)]
    [TestCase(3_000_000, 4)]
    [TestCase(4_200_000, 1)]
    public void TakeColumn_SinglesAndRunsOfManySeries_ReturnsThemInSeriesOrderWithTheirCells(int capacity, int stride)
    {
        var block = new OpenBlock(stride, capacity, singlesFromSeries: Always);
        var expected = new Dictionary<(int Series, int Column), CellData>();
        var random = new Random(capacity);
        var series = Enumerable.Range(0, 600).Select(_ => random.Next(capacity)).Distinct().ToArray();
        for (var round = 0; round < 2; round++)
        {
            // Some series get one event, some two or three, some none, in each round; column 0 closes between rounds.
            for (var i = 0; i < 900; i++)
            {
                var target = series[random.Next(series.Length / (round + 1))];
                double? value = i % 7 == 0 ? null : Math.Round((random.NextDouble() - 0.5) * 100, 2);
                block.Apply(target, value.HasValue, value.GetValueOrDefault());
                Expect(expected, target, stride, value);
            }

            var closing = round == 0 ? new[] { 0 } : Enumerable.Range(0, stride).ToArray();
            foreach (var column in closing)
            {
                AssertTakesAsExpected(block, column, expected, $"round {round}, column {column}");
            }
        }

        Assert.That(block.SeriesWithRuns, Is.Zero, "every column closed");
    }

    [Test]
    public void TakeColumn_EveryColumnClosedPastASingle_ForgetsItAndKeepsNoMoreRoomPeriodAfterPeriod()
    {
        var block = new OpenBlock(stride: 2, capacity: 1_000, singlesFromSeries: Always);
        block.Apply(1, hasValue: true, 5);
        Assert.That(block.TakeColumn(0).Series, Is.EqualTo(new[] { 1 }));
        Assert.That((block.HasEvents(1, 0), block.HasEvents(1, 1)), Is.EqualTo((false, true)));
        Assert.That(block.TakeColumn(1).Series, Is.EqualTo(new[] { 1 }));
        Assert.That(Values(block.Read(1, 1)), Is.EqualTo(Values(CellData.Empty)));

        // A series whose single every column has closed past starts again from a single.
        block.Apply(1, hasValue: true, 7);
        Assert.That((block.SeriesWithRuns, Values(block.Read(1, 0))), Is.EqualTo((0, (1L, 1L, 7.0, 7.0, 7.0))));
        block.TakeColumn(0);
        block.TakeColumn(1);

        long? bytes = null;
        for (var period = 0; period < 50; period++)
        {
            for (var i = 0; i < 100; i++)
            {
                block.Apply(((period * 100) + i) % 1_000, hasValue: true, i);
            }

            Assert.That(block.TakeColumn(0).Series, Has.Length.EqualTo(100));
            Assert.That(block.TakeColumn(1).Series, Has.Length.EqualTo(100));
            bytes ??= block.Bytes;
        }

        Assert.That((block.SeriesWithRuns, block.Bytes), Is.EqualTo((0, bytes)));
    }

    [Test]
    public void WriteAndAdd_ToASeriesWithASingle_KeepItsEventInTheOtherColumns()
    {
        var block = new OpenBlock(stride: 3, capacity: 8, singlesFromSeries: Always);
        block.Apply(2, hasValue: true, 4);
        block.Write(2, 1, CellData.Empty);
        Assert.That(Enumerable.Range(0, 3).Select(c => block.Read(2, c).Count), Is.EqualTo(new[] { 1L, 0L, 1L }));
        Assert.That(block.SeriesWithRuns, Is.EqualTo(1));

        block.Apply(6, hasValue: true, 1);
        block.Add(6, 2, 3);
        Assert.That(Values(block.Read(6, 2)), Is.EqualTo((2L, 2L, 4.0, 1.0, 3.0)));
        Assert.That(Values(block.Read(6, 0)), Is.EqualTo((1L, 1L, 1.0, 1.0, 1.0)));

        // Emptying a column where a single is no longer open leaves the single alone.
        block.Apply(7, hasValue: true, 9);
        block.TakeColumn(0);
        block.Write(7, 0, CellData.Empty);
        Assert.That((block.SeriesWithRuns, block.Read(7, 2).Sum), Is.EqualTo((2, 9.0)));
        Assert.That(block.TakeColumn(2).Series, Is.EqualTo(new[] { 2, 6, 7 }));
    }

    [Test]
    public void Write_ToASeriesWithChainedSingles_GivesItARunWithThemAllInTheOtherColumns()
    {
        var block = new OpenBlock(stride: 3, capacity: 8, singlesFromSeries: Always);
        block.Apply(2, hasValue: true, 1);
        block.Apply(2, hasValue: false, 0);
        block.Apply(2, hasValue: true, 3);
        block.Write(2, 1, CellData.Empty);

        Assert.That(block.SeriesWithRuns, Is.EqualTo(1));
        Assert.That(Enumerable.Range(0, 3).Select(c => Values(block.Read(2, c))), Is.EqualTo(new[]
        {
            (3L, 2L, 4.0, 1.0, 3.0),
            Values(CellData.Empty),
            (3L, 2L, 4.0, 1.0, 3.0),
        }));
        Assert.That(block.TakeColumn(2).Series, Is.EqualTo(new[] { 2 }));
    }

    // Bit for bit, so that -0 against +0 counts.
    private static (long, long, long, long, long)[] Bits(IEnumerable<CellData> cells) =>
        [.. cells.Select(c => (c.Count, c.ValueCount, BitConverter.DoubleToInt64Bits(c.Sum), BitConverter.DoubleToInt64Bits(c.Min), BitConverter.DoubleToInt64Bits(c.Max)))];

    private static (long, long, double, double, double) Values(in CellData cell) => (cell.Count, cell.ValueCount, cell.Sum, cell.Min, cell.Max);

    // A cell after the events given, in order, from the one given (an empty one by default).
    private static CellData Cell(IEnumerable<double?> events, CellData? from = null)
    {
        var cell = from ?? CellData.Empty;
        foreach (var value in events)
        {
            if (value is { } v)
            {
                PeriodSlab.Add(ref cell, v);
            }
            else
            {
                cell.Count++;
            }
        }

        return cell;
    }

    private static CellData Cell(double[] values) => Cell(values.Select(v => (double?)v));

    // Counts an event in the expected cell of a series in every column.
    private static void Expect(Dictionary<(int Series, int Column), CellData> expected, int series, int stride, double? value)
    {
        for (var column = 0; column < stride; column++)
        {
            ref var cell = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(expected, (series, column), out var existed);
            cell = Cell([value], existed ? cell : CellData.Empty);
        }
    }

    // Takes a column out of the block, checks its series and cells bit for bit against those expected, and forgets them.
    private static void AssertTakesAsExpected(OpenBlock block, int column, Dictionary<(int Series, int Column), CellData> expected, string context)
    {
        var (ids, cells) = block.TakeColumn(column);
        var want = expected.Where(e => e.Key.Column == column).OrderBy(e => e.Key.Series).ToArray();
        Assert.That(ids, Is.EqualTo(want.Select(e => e.Key.Series)), context);
        Assert.That(Bits(cells.ToArray()), Is.EqualTo(Bits(want.Select(e => e.Value))), context);
        foreach (var (key, _) in want)
        {
            expected.Remove(key);
        }
    }
}
