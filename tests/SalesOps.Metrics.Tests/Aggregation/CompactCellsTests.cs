using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>Closed cells in one word where they are a single value or a plain count, exactly as they were.</summary>
public sealed class CompactCellsTests
{
    [Test]
    public void Of_SingleValuesAndPlainCounts_KeepsOneWordEachAndDecodesThemExactly()
    {
        CellData[] cells =
        [
            Single(42.5),
            Single(-1e-310), // subnormal
            Single(double.MaxValue),
            Single(0),
            Counted(1),
            Counted(7),
            Counted((1L << 51) - 1),
        ];

        var compact = CompactCells.Of(cells);

        Assert.That((compact.Form, compact.Length, compact.Bytes), Is.EqualTo((CompactForm.Words, 7, 7L * 8)));
        Assert.That(Bits(compact.ToArray()), Is.EqualTo(Bits(cells)));
    }

    [Test]
    public void Of_CellsOfNeitherShape_KeepsThemWholeAndExact()
    {
        CellData[] cells =
        [
            Single(3),
            new() { Count = 3, ValueCount = 2, Sum = 7, Min = 1, Max = 6 },      // several events
            new() { Count = 1, ValueCount = 1, Sum = 0, Min = -0.0, Max = -0.0 }, // a -0: sum +0, minimum -0
            Single(double.NaN),                                                   // from a store: not a finite value
            Single(double.PositiveInfinity),
            Counted(1L << 51),                                                    // beyond a word's payload
            new() { Count = 2, ValueCount = 0, Sum = -0.0, Min = double.PositiveInfinity, Max = double.NegativeInfinity },
            Counted(4),
            .. Enumerable.Range(0, 40).Select(i => Single(i - 8.5)),
        ];

        var compact = CompactCells.Of(cells);

        // Six whole cells of 48, one in eight: 48 words and six whole cells, 48 × 8 + 6 × 40 = 624 bytes.
        Assert.That((compact.Form, compact.Bytes), Is.EqualTo((CompactForm.Words, 624L)));
        Assert.That(Bits(compact.ToArray()), Is.EqualTo(Bits(cells)));
        Assert.That(Bits([compact[3]]), Is.EqualTo(Bits([cells[3]])), "read one at a time as well");
    }

    // Words while at most one cell in eight is whole, though they would take less room up to three in five: telling
    // the shapes apart costs time where they vary.
    [TestCase(2, "Words", (16 * 8) + (2 * 40))]
    [TestCase(3, "Narrow", 16 * 32)]
    public void Of_CellsOfSeveralEvents_KeepsWordsUpToOneInEight(int whole, string formName, long bytes)
    {
        var form = Enum.Parse<CompactForm>(formName);
        var cells = Enumerable.Range(0, 16)
            .Select(i => i < whole ? new CellData { Count = 2, ValueCount = 2, Sum = i * 2, Min = i, Max = i } : Single(i))
            .ToArray();

        var compact = CompactCells.Of(cells);

        Assert.That((compact.Form, compact.Bytes), Is.EqualTo((form, bytes)));
        Assert.That(Bits(compact.ToArray()), Is.EqualTo(Bits(cells)));
    }

    [Test]
    public void Of_MostlyWholeWithACountBeyond32Bits_KeepsFullCells()
    {
        CellData[] cells =
        [
            new() { Count = 5_000_000_000, ValueCount = 2, Sum = 3, Min = 1, Max = 2 },
            new() { Count = 2, ValueCount = 2, Sum = 3, Min = 1, Max = 2 },
            new() { Count = 4, ValueCount = 0, Sum = 0, Min = 1, Max = 2 },
        ];

        var compact = CompactCells.Of(cells);

        Assert.That((compact.Form, compact.Bytes), Is.EqualTo((CompactForm.Wide, 3L * 40)));
        Assert.That(Bits(compact.ToArray()), Is.EqualTo(Bits(cells)));
    }

    [Test]
    public void Builder_RoomToSpare_KeepsEveryCellInOrder()
    {
        var random = new Random(5);
        var cells = Enumerable.Range(0, 500)
            .Select(i => (i % 7) switch
            {
                0 => new CellData { Count = 3, ValueCount = 1, Sum = i, Min = i, Max = i },
                1 => Counted(i + 1),
                _ => Single(Math.Round(random.NextDouble() * 1_000, 2)),
            })
            .ToArray();

        var builder = new CompactCells.Builder(cells.Length + 10);
        foreach (var cell in cells)
        {
            builder.Add(cell);
        }

        var built = builder.Build();

        Assert.That((built.Form, built.Length, built.Bytes), Is.EqualTo((CompactForm.Words, 500, (500L * 8) + (72 * 40))));
        Assert.That(Bits(built.ToArray()), Is.EqualTo(Bits(cells)));
        Assert.That(CompactCells.Empty.Length, Is.Zero);
    }

    [Test]
    public void Builder_ExpectingWholeCells_StoresThemAsTheyAre()
    {
        CellData[] light = [Single(1), Single(2), Counted(3)];
        var narrow = new CompactCells.Builder(4, expectedWhole: 4);
        foreach (var cell in light)
        {
            narrow.Add(cell);
        }

        CellData[] heavy =
        [
            new() { Count = 2, ValueCount = 2, Sum = 3, Min = 1, Max = 2 },
            new() { Count = 5_000_000_000, ValueCount = 0, Sum = 0, Min = double.PositiveInfinity, Max = double.NegativeInfinity },
            new() { Count = 3, ValueCount = 1, Sum = 4, Min = 4, Max = 4 },
        ];
        var wide = new CompactCells.Builder(3, expectedWhole: 3);
        foreach (var cell in heavy)
        {
            wide.Add(cell);
        }

        var (narrowBuilt, wideBuilt) = (narrow.Build(), wide.Build());

        // Expecting four whole cells of four, the builder stores whole even cells that would fit a word.
        Assert.That((narrowBuilt.Form, narrowBuilt.Bytes), Is.EqualTo((CompactForm.Narrow, 3L * 32)));
        Assert.That(Bits(narrowBuilt.ToArray()), Is.EqualTo(Bits(light)));
        Assert.That((wideBuilt.Form, wideBuilt.Bytes), Is.EqualTo((CompactForm.Wide, 3L * 40)));
        Assert.That(Bits(wideBuilt.ToArray()), Is.EqualTo(Bits(heavy)));
    }

    [Test]
    public void Builder_ExpectingWordsWrongly_TurnsToWholeCellsAtTheEnd()
    {
        var cells = Enumerable.Range(1, 12).Select(i => new CellData { Count = i + 1, ValueCount = i, Sum = i, Min = 0.5, Max = i }).ToArray();
        var builder = new CompactCells.Builder(cells.Length, expectedWhole: 1);
        foreach (var cell in cells)
        {
            builder.Add(cell);
        }

        var built = builder.Build();

        Assert.That((built.Form, built.Bytes), Is.EqualTo((CompactForm.Narrow, 12L * 32)));
        Assert.That(Bits(built.ToArray()), Is.EqualTo(Bits(cells)));
    }

    // Words expected (one whole in eight at most) and whole cells expected: each cell given as an open cell's words
    // is kept as when given whole, including those that only look like a word.
    [TestCase(0)]
    [TestCase(16)]
    public void Builder_CellsGivenAsOpenCellWords_KeepThemAsWhenGivenWhole(int expectedWhole)
    {
        CellData[] cells =
        [
            Single(12.5),
            Single(-3),
            Counted(7),
            Counted(uint.MaxValue),
            new() { Count = 1, ValueCount = 1, Sum = 0.0, Min = -0.0, Max = -0.0 },
            new() { Count = 1, ValueCount = 1, Sum = -0.0, Min = -0.0, Max = -0.0 },
            new() { Count = 1, ValueCount = 1, Sum = double.NaN, Min = double.NaN, Max = double.NaN },
            new() { Count = 1, ValueCount = 1, Sum = double.PositiveInfinity, Min = double.PositiveInfinity, Max = double.PositiveInfinity },
            new() { Count = 1, ValueCount = 1, Sum = 4, Min = 4, Max = 5 },
            new() { Count = 1, ValueCount = 1, Sum = 4, Min = 3, Max = 4 },
            new() { Count = 1, ValueCount = 0, Sum = 0, Min = double.PositiveInfinity, Max = double.NegativeInfinity },
            new() { Count = 2, ValueCount = 1, Sum = 0, Min = double.PositiveInfinity, Max = double.NegativeInfinity },
            new() { Count = 2, ValueCount = 0, Sum = 1, Min = double.PositiveInfinity, Max = double.NegativeInfinity },
            new() { Count = 3, ValueCount = 2, Sum = 9, Min = 4, Max = 5 },
            new() { Count = uint.MaxValue, ValueCount = uint.MaxValue, Sum = 1e300, Min = -1e300, Max = 1e300 },
        ];
        var given = new CompactCells.Builder(cells.Length, expectedWhole);
        var asWords = new CompactCells.Builder(cells.Length, expectedWhole);
        foreach (var cell in cells)
        {
            given.Add(cell);
            asWords.AddStats(
                cell.Count | (cell.ValueCount << 32),
                BitConverter.DoubleToInt64Bits(cell.Sum),
                BitConverter.DoubleToInt64Bits(cell.Min),
                BitConverter.DoubleToInt64Bits(cell.Max));
        }

        var (expected, built) = (given.Build(), asWords.Build());

        Assert.That((built.Form, built.Bytes), Is.EqualTo((expected.Form, expected.Bytes)));
        Assert.That(Bits(built.ToArray()), Is.EqualTo(Bits(cells)));
    }

    private static CellData Single(double value) => new() { Count = 1, ValueCount = 1, Sum = value, Min = value, Max = value };

    private static CellData Counted(long count) =>
        new() { Count = count, ValueCount = 0, Sum = 0, Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    // Bit for bit, so that -0 against +0 and NaN count as they are.
    private static (long, long, long, long, long)[] Bits(IEnumerable<CellData> cells) =>
        [.. cells.Select(c => (c.Count, c.ValueCount, BitConverter.DoubleToInt64Bits(c.Sum), BitConverter.DoubleToInt64Bits(c.Min), BitConverter.DoubleToInt64Bits(c.Max)))];
}
