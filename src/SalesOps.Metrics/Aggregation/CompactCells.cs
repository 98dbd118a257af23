using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The cells of a closed period, read-only and compact, in series order (the slab keeps the series ids beside them).
/// </summary>
/// <remarks>
/// <para>Most closed cells are one of two shapes: a single event with a value (count 1, and sum, minimum and maximum
/// all that value), which is what a series with a few events a quarter leaves in every grain; or events without a
/// value (a count and nothing else), which is what a count metric leaves. Each takes one 64-bit word: the value's own
/// bits when it is finite, or a NaN whose payload is the count. Any other cell is kept whole, apart, and its word is a
/// NaN of the other sign whose payload is where. No bit pattern is ambiguous: a finite value is never a NaN, and a
/// cell counts as a single value only when its value is finite and its sum, minimum and maximum have the very same
/// bits (so -0, infinities and NaN from a store stay exact, as whole cells).</para>
/// <para>Where more than one cell in eight is whole (a period with many events a series), the cells are kept as
/// 32-byte <see cref="ClosedCell"/>s, or as 40-byte <see cref="CellData"/> when a count does not fit in 32 bits:
/// there, telling the shapes apart as cells are closed costs more time than the room it saves is worth.</para>
/// </remarks>
internal sealed class CompactCells
{
    private const long ExponentBits = 0x7FF0_0000_0000_0000;
    private const long CountTag = 0x7FF8_0000_0000_0000;
    private const long NegativeZeroBits = unchecked((long)0x8000_0000_0000_0000);
    private const long WholeTag = unchecked((long)0xFFF8_0000_0000_0000);
    private const long Payload = 0x0007_FFFF_FFFF_FFFF;

    // A builder encodes words when at most one cell in this many is expected whole. Words would take less room up to
    // three in five, but where the shape changes from cell to cell, telling them apart costs more time than storing
    // every cell whole; at one in eight, the room saved is more than half.
    private const int WordsUpToOneWholeIn = 8;
    private const long PositiveInfinityBits = 0x7FF0_0000_0000_0000;
    private const long NegativeInfinityBits = unchecked((long)0xFFF0_0000_0000_0000);

    // An open cell's count word after one event with a value: a count of one and a value count of one.
    private const long OneEventWithValue = 1 | (1L << 32);

    private readonly long[]? _words;
    private readonly CellData[]? _whole;
    private readonly ClosedCell[]? _narrow;
    private readonly CellData[]? _wide;

    private CompactCells(long[] words, CellData[] whole)
    {
        _words = words;
        _whole = whole;
        Length = words.Length;
    }

    private CompactCells(ClosedCell[] narrow)
    {
        _narrow = narrow;
        Length = narrow.Length;
    }

    private CompactCells(CellData[] wide)
    {
        _wide = wide;
        Length = wide.Length;
    }

    /// <summary>An empty set of cells.</summary>
    public static CompactCells Empty { get; } = new([], []);

    /// <summary>The number of cells.</summary>
    public int Length { get; }

    /// <summary>The form the cells are kept in.</summary>
    public CompactForm Form => _words is not null ? CompactForm.Words : _narrow is not null ? CompactForm.Narrow : CompactForm.Wide;

    /// <summary>Bytes of the cells (not the series ids, nor the object headers).</summary>
    public long Bytes =>
        ((_words?.Length ?? 0) * (long)sizeof(long))
        + ((_whole?.Length ?? 0) * (long)Unsafe.SizeOf<CellData>())
        + ((_narrow?.Length ?? 0) * (long)Unsafe.SizeOf<ClosedCell>())
        + ((_wide?.Length ?? 0) * (long)Unsafe.SizeOf<CellData>());

    /// <summary>The statistics of the cell at <paramref name="index"/>.</summary>
    public CellData this[int index] =>
        _words is { } words ? Decode(words[index], _whole!) : _narrow is { } narrow ? narrow[index].ToCellData() : _wide![index];

    /// <summary>
    /// Compacts <paramref name="cells"/> (every one with at least one event): as words where at most one cell in eight
    /// is whole, else as 32-byte cells (40-byte ones when a count does not fit in 32 bits).
    /// </summary>
    public static CompactCells Of(ReadOnlySpan<CellData> cells)
    {
        var whole = 0;
        foreach (ref readonly var cell in cells)
        {
            whole += IsWord(cell) ? 0 : 1;
        }

        var builder = new Builder(cells.Length, whole);
        foreach (ref readonly var cell in cells)
        {
            builder.Add(cell);
        }

        return builder.Build();
    }

    /// <summary>Every cell, decoded, in order.</summary>
    public CellData[] ToArray()
    {
        var cells = new CellData[Length];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = this[i];
        }

        return cells;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CellData Decode(long word, CellData[] whole)
    {
        if ((word & ExponentBits) != ExponentBits)
        {
            var value = BitConverter.Int64BitsToDouble(word);
            return new CellData { Count = 1, ValueCount = 1, Sum = value, Min = value, Max = value };
        }

        return word < 0
            ? whole[word & Payload]
            : new CellData { Count = word & Payload, Sum = 0, Min = double.PositiveInfinity, Max = double.NegativeInfinity };
    }

    /// <summary>True when a cell takes one word: a single finite value, or a count of events without values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWord(in CellData cell) => TryWord(cell, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryWord(in CellData cell, out long word)
    {
        var sum = BitConverter.DoubleToInt64Bits(cell.Sum);
        if (cell.Count == 1
            && cell.ValueCount == 1
            && (sum & ExponentBits) != ExponentBits
            && BitConverter.DoubleToInt64Bits(cell.Min) == sum
            && BitConverter.DoubleToInt64Bits(cell.Max) == sum)
        {
            word = sum;
            return true;
        }

        if (cell.ValueCount == 0
            && (ulong)cell.Count <= Payload
            && sum == 0
            && BitConverter.DoubleToInt64Bits(cell.Min) == PositiveInfinityBits
            && BitConverter.DoubleToInt64Bits(cell.Max) == NegativeInfinityBits)
        {
            word = CountTag | cell.Count;
            return true;
        }

        word = 0;
        return false;
    }

    /// <summary>
    /// Builds the cells one at a time, in order, as closing a column reads them. The form is chosen up front from how
    /// many cells the caller expects to be whole: as words, each cell is encoded as it comes and <see cref="Build"/>
    /// turns to whole cells only if the guess was wrong and words take more room; as whole cells (many events a
    /// series), each is stored whole at once.
    /// </summary>
    public struct Builder
    {
        private readonly long[]? _words;
        private CellData[] _whole;
        private readonly ClosedCell[]? _narrow;
        private CellData[]? _wide;
        private int _count;
        private int _wholeCount;
        private bool _wholeFit;

        /// <summary>
        /// Room for at most <paramref name="capacity"/> cells, of which about <paramref name="expectedWhole"/> are
        /// expected not to fit a word: as words when at most one in eight is, else stored whole.
        /// </summary>
        /// <param name="capacity">The most cells that will be added.</param>
        /// <param name="expectedWhole">How many of them are expected to be kept whole.</param>
        /// <param name="scratch">
        /// Room for the whole cells while building, which the caller may keep for the next build (see
        /// <see cref="Scratch"/>): <see cref="Build"/> copies the whole cells out of it.
        /// </param>
        public Builder(int capacity, int expectedWhole = 0, CellData[]? scratch = null)
        {
            _wholeFit = true;
            if ((long)expectedWhole * WordsUpToOneWholeIn <= capacity)
            {
                _words = GC.AllocateUninitializedArray<long>(capacity);
                var room = Math.Min(capacity, expectedWhole + (expectedWhole / 4) + 4);
                _whole = scratch is not null && scratch.Length >= room ? scratch : GC.AllocateUninitializedArray<CellData>(room);
            }
            else
            {
                _narrow = GC.AllocateUninitializedArray<ClosedCell>(capacity);
                _whole = scratch ?? [];
            }
        }

        /// <summary>The room for whole cells, grown if the build needed more: worth keeping for the next build.</summary>
        public readonly CellData[] Scratch => _whole;

        // True when the cells added take no more room as words than whole.
        private readonly bool WordsPay => Bytes(_count, _wholeCount) <= FullBytes(_count, _wholeFit);

        private static long Bytes(int cells, int whole) => ((long)cells * sizeof(long)) + ((long)whole * Unsafe.SizeOf<CellData>());

        private static long FullBytes(int cells, bool wholeFit) => (long)cells * (wholeFit ? Unsafe.SizeOf<ClosedCell>() : Unsafe.SizeOf<CellData>());

        /// <summary>Adds the next cell, which has at least one event.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(in CellData cell)
        {
            if (_words is { } words)
            {
                words[_count++] = TryWord(cell, out var word) ? word : AddWhole(cell);
            }
            else
            {
                AddFull(cell);
            }
        }

        /// <summary>
        /// Adds the next cell given as an open cell keeps it: its count word (the count in the low 32 bits, the value
        /// count in the high 32) and the bits of its sum, minimum and maximum. The same as <see cref="Add"/> of that
        /// cell, without building it when it is a word or fits a <see cref="ClosedCell"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddStats(long countWord, long sum, long min, long max)
        {
            if (_words is { } words)
            {
                // A word: one event's finite value (sum, minimum and maximum the very same bits), or a count alone.
                if (countWord == OneEventWithValue && (sum & ExponentBits) != ExponentBits && min == sum && max == sum)
                {
                    words[_count++] = sum;
                    return;
                }

                if (countWord >>> 32 == 0 && sum == 0 && min == PositiveInfinityBits && max == NegativeInfinityBits)
                {
                    words[_count++] = CountTag | countWord;
                    return;
                }

                words[_count++] = AddWhole(CellOf(countWord, sum, min, max));
            }
            else if (_narrow is { } narrow && _wide is null)
            {
                // The counts of a count word fit a ClosedCell's.
                narrow[_count++] = ClosedCell.From(CellOf(countWord, sum, min, max));
            }
            else
            {
                AddFull(CellOf(countWord, sum, min, max));
            }
        }

        private static CellData CellOf(long countWord, long sum, long min, long max) => new()
        {
            Count = (uint)countWord,
            ValueCount = countWord >>> 32,
            Sum = BitConverter.Int64BitsToDouble(sum),
            Min = BitConverter.Int64BitsToDouble(min),
            Max = BitConverter.Int64BitsToDouble(max),
        };

        /// <summary>
        /// Adds the cell of one event (<see cref="CellData.OfOne"/>), given its value's bits: the same as
        /// <see cref="Add"/> of that cell, without building it when it is a word.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddOne(bool hasValue, long valueBits)
        {
            // One event's value v is a word unless v is not finite or is -0 (whose sum, +0, differs from its minimum).
            if (_words is { } words && (!hasValue || ((valueBits & ExponentBits) != ExponentBits && valueBits != NegativeZeroBits)))
            {
                words[_count++] = hasValue ? valueBits : CountTag | 1;
                return;
            }

            Add(CellData.OfOne(hasValue, BitConverter.Int64BitsToDouble(valueBits)));
        }

        /// <summary>The cells added: as words, in the smaller form (whole if the guess was wrong); stored whole, as they are.</summary>
        // Compiled fully optimized at once, as the record loop that closes columns is (see OpenBlock.TakeColumn).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly CompactCells Build()
        {
            if (_words is null)
            {
                return _wide is { } wide ? new CompactCells(Trim(wide, _count)) : new CompactCells(Trim(_narrow!, _count));
            }

            var words = Trim(_words, _count);
            var whole = _wholeCount == 0 ? [] : Copy(_whole, _wholeCount);
            if (WordsPay)
            {
                return new CompactCells(words, whole);
            }

            if (_wholeFit)
            {
                var narrow = GC.AllocateUninitializedArray<ClosedCell>(_count);
                for (var i = 0; i < narrow.Length; i++)
                {
                    narrow[i] = ClosedCell.From(Decode(words[i], whole));
                }

                return new CompactCells(narrow);
            }

            var cells = GC.AllocateUninitializedArray<CellData>(_count);
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Decode(words[i], whole);
            }

            return new CompactCells(cells);
        }

        // An exact copy of the first cells, unless the array is exact already (every element is written first: the
        // runtime need not zero it).
        private static T[] Trim<T>(T[] array, int length) => array.Length == length ? array : Copy(array, length);

        private static T[] Copy<T>(T[] array, int length)
        {
            var exact = GC.AllocateUninitializedArray<T>(length);
            array.AsSpan(0, length).CopyTo(exact);
            return exact;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private long AddWhole(in CellData cell)
        {
            if (_wholeCount == _whole.Length)
            {
                GrowWhole();
            }

            _wholeFit &= ClosedCell.Fits(cell);
            _whole[_wholeCount] = cell;
            return WholeTag | (long)_wholeCount++;
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private void GrowWhole()
        {
            var whole = GC.AllocateUninitializedArray<CellData>(Math.Max(4, Math.Min(_whole.Length * 2, _words!.Length)));
            _whole.AsSpan().CopyTo(whole);
            _whole = whole;
        }

        // Stored whole: narrow until a count does not fit, then wide from there on.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void AddFull(in CellData cell)
        {
            if (_wide is null && !ClosedCell.Fits(cell))
            {
                Widen();
            }

            if (_wide is { } wide)
            {
                wide[_count++] = cell;
            }
            else
            {
                _narrow![_count++] = ClosedCell.From(cell);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Widen()
        {
            var wide = GC.AllocateUninitializedArray<CellData>(_narrow!.Length);
            for (var i = 0; i < _count; i++)
            {
                wide[i] = _narrow[i].ToCellData();
            }

            _wide = wide;
        }
    }
}

/// <summary>How <see cref="CompactCells"/> keeps its cells.</summary>
internal enum CompactForm
{
    /// <summary>One word a cell for single values and plain counts, other cells whole beside them.</summary>
    Words,

    /// <summary>32-byte <see cref="ClosedCell"/>s.</summary>
    Narrow,

    /// <summary>40-byte <see cref="CellData"/>, when some count does not fit in 32 bits.</summary>
    Wide,
}
