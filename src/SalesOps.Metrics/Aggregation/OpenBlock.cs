using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The open-period cells of one roll-up level of a metric stream, for every grain at once. Column <c>g</c> belongs to
/// the period of grain slot <c>g</c> now open.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> A series written in some open period owns one run of <c>4 × Stride</c> 64-bit words, 32 bytes
/// per cell (as a <see cref="ClosedCell"/>: a run of four grains is two cache lines). Columns go in groups of four:
/// a group keeps its four counts side by side, then its four sums, minimums and maximums, so a vector instruction
/// updates four grains' counts (or sums, minimums, maximums) at once. Two or three columns left over (the fifth and
/// sixth of hour, day, week, month, quarter and year) make a pair laid out the same way two wide, one cache line
/// updated by four 128-bit instructions. A last column left over follows a cell at a time, count, sum, minimum and
/// maximum side by side, so that one vector instruction of four statistics updates the cell and an event stores to it
/// once, where four scalar stores per level cost an event as much as the whole group. A cell's count and value count
/// share its count word, the count in the low 32 bits and the value count in the high 32 bits, so one vector addition
/// counts an event in four grains' counts and value counts at once. An event touches one run per level instead of one
/// scattered cell per grain.</para>
/// <para><b>Counts beyond 32 bits.</b> A cell whose count reaches 2^31 carries its counts into a side table by
/// (series, column) and starts its word again from one; reading the cell adds them back. No sales process comes
/// near it in one period, but a count is never wrong: the check shares the test for an empty cell that every event
/// already makes.</para>
/// <para><b>Room only for the series written.</b> A map from series id to a 32-bit entry (4 bytes a series) finds a
/// series' cells: its run's place, or where its newest single is (see Singles). Runs are handed out on a series' first
/// write (or its eighth event), from one array on the pinned heap, which a collection never moves or copies (so a run
/// is addressed directly, at the array's address plus its place); the array doubles from two runs, up to one for every
/// series the block has room for, the runs so far copied over, so a level of a few series holds a few runs, and its
/// first run starts on a cache line. A run whose every column is emptied by the periods closing goes back to a free
/// list for the next new series. So the block holds the series written in the open periods (and at most as many again), not
/// every series the level has: with 100,000 series and a few thousand a day, a day costs those few thousand runs.
/// Where a quarter's 65,536 events touch 6.5 % of a million series, the map is most of what the block holds: with
/// addresses for entries (8 bytes a series) it was two thirds of the bytes of each (series, window) with an
/// event.</para>
/// <para><b>Singles.</b> In a block with room for many series (by default where runs for them all would take 4 MB), a
/// series' events in the open periods do not take a run: each is appended, with its series and value, to a list of
/// singles in the order events come, linked to the series' previous single while that one is still open in some
/// column, and the series' map entry says where the newest is and how many the chain holds (a tagged sequence number
/// instead of a run's place). The eighth gives the series a run, with its singles' events in every column still open
/// since (oldest first, as they came), and leaves the singles behind as gone: a run costs its cache lines and one
/// scattered read of them at each close, which a series busy enough repays, where a single costs a sequential append
/// and its share of each close's sort. A closing column's singles are the list's tail from where its period opened:
/// they are read in one pass and put in series order by a stable radix sort, so a series' own stay in the order they
/// came and make one cell, instead of costing a map entry, a run and its emptying each. With many series and few
/// events each (100,000 series and 0.65 events a series a quarter), nearly every event is a single and nearly no
/// series has a run, and a day, week, month and quarter close a few thousand singles each. Singles that every column
/// has closed past are forgotten, and the list's live tail moves down once they are at least half of it. An entry
/// counts a single's sequence in 28 bits from a base: when the next would not fit, one pass over the map counts the
/// entries from the oldest live single instead and clears those of singles forgotten. In a smaller block the runs stay
/// in a core's caches and most series soon have a second event, so every series takes a run on its first
/// event.</para>
/// <para>Each column also marks, one bit per series, the series written in a run since its period opened (a cell's
/// first write sets it), so closing a period visits those series in ascending order without sorting them and reads
/// and empties each of their cells once. A bit per 64 series says which words of a column's marks hold one, so a close
/// reads only those: with 100,000 series and a few hundred a day, a day closes in microseconds. The columns' words
/// for the same 64 series are adjacent, so a series' first event marks every grain in one cache line (one vector
/// operation for a group of four). Where the runs outgrow a core's cache,
/// closing asks for the runs of the series a few places ahead, as handing out a run given back asks for the
/// next.</para>
/// <para>Minimum and maximum follow <see cref="Math.Min(double, double)"/> and <see cref="Math.Max(double, double)"/>
/// (so -0 is below +0) in the vector and the scalar paths alike. The vector path uses the processor's own minimum and
/// maximum, which agree with them for every value an event can carry but ±0 (events are finite; a stored NaN is kept,
/// as it is propagated); an event whose value is ±0 takes the exact scalar path.</para>
/// </remarks>
internal sealed class OpenBlock
{
    private const int Fields = 4;
    private const int GroupWidth = 4;
    private const int PairWidth = 2;
    private const int Sums = 1;
    private const int Mins = 2;
    private const int Maxes = 3;

    // A count word: the count in the low 32 bits, the value count in the high 32 bits. An event adds CountOne, plus
    // ValueOne when it has a value. A word whose low 31 bits are all zero is empty or has reached CarryAt.
    private const long CountOne = 1;
    private const int ValueShift = 32;
    private const long Low31 = 0x7FFF_FFFF;
    private const uint CarryAt = 1u << 31;

    // About what an entry of the side table of carried counts takes: key, two counts, hash and link.
    private const long CarriedEntryBytes = 40;
    private const int LineBytes = PinnedLines.LineBytes;

    // How many series ahead closing a column asks for runs, and from how many bytes of runs it does.
    private const int CloseAhead = 8;
    private const long PrefetchFromBytes = 512 * 1024;

    // How many runs ahead handing out a run from the free list asks for the next.
    private const int FreeAhead = 8;
    private const long EmptyMin = 0x7FF0_0000_0000_0000; // +∞
    private const long EmptyMax = unchecked((long)0xFFF0_0000_0000_0000); // -∞

    // A map entry, 32 bits: 0 for none; a run's place, its distance from _base in 16-byte steps (even, as runs are 32
    // bytes a grain, and at least two); or a series' newest single's: its sequence counted from _entriesFrom shifted
    // left by four, how many singles the series has in its chain (one to MaxChain) shifted left by one, and this tag.
    private const uint SingleTag = 1;
    private const int PlaceShift = 4;
    private const uint FirstPlace = 2;
    private const int SingleShift = 4;
    private const int ChainShift = 1;
    private const int ChainMask = 7;

    // How many bits of an entry count a single's sequence from _entriesFrom.
    private const int SequenceBits = 32 - SingleShift;

    // A series keeps at most this many events as singles, chained newest to oldest; the next gives it a run. A single
    // costs a few nanoseconds at each close (sorted and read once more); a run costs a new run's cache lines and one
    // scattered read of them at each close, which a series' eighth event in a quarter repays.
    private const int MaxChain = ChainMask;

    // By default a block keeps singles once runs for all its series would take this much: below it, runs stay in a
    // core's caches, closing them costs little more than closing singles, and most series soon have a second event.
    private const long SinglesFromBytes = 4 * 1024 * 1024;

    // A closing column's singles are put in series order by a radix sort of at most this many bits a digit, and by
    // insertion below this many.
    private const int RadixBits = 11;
    private const int InsertionSortBelow = 32;

    // The marks of the series written in each column since its period opened, a bit per series: the word of series
    // s in column c is at (s / 64) × Stride + c, so a new series' marks in every column share a cache line.
    private ulong[] _touched;

    // Which words of the marks are not zero, a bit per word (so per 64 series), laid out as the marks are: the bit of
    // marks word w of column c is bit w % 64 of the word at (w / 64) × Stride + c. Closing a column visits only the
    // marks' words with a mark, where scanning every word (1,563 a column at 100,000 series) cost more than the few
    // hundred series of a day.
    private ulong[] _touchedWords;

    // By column: how many series its marks hold, so that closing it need not count them first. 64-bit, so that a
    // group's four counts are one vector.
    private readonly long[] _marked;
    private readonly int _run;

    // The columns in groups of four (a multiple of four); then, where two or three are left, two kept as a pair (up to
    // _paired); the one left after that is kept a cell at a time.
    private readonly int _grouped;
    private readonly int _paired;

    // By series: its entry, the place of the run holding its cells or where its newest single is, 0 for neither.
    private uint[] _entryOf;

    // Singles: a series' events in the open periods are kept as its series and value alone, appended here in the order
    // events come and chained to the series' previous single, and its entry in the map says where the newest is; the
    // eighth gives it a run. They are numbered from the block's start (a sequence), the array holding those from
    // _singlesBase on. A closing column's singles are those appended since its period opened, so it reads them in one
    // pass, and sorts them, instead of one map entry and one run each.
    private SingleEvent[] _singles = [];
    private long _singlesBase;
    private int _singlesCount;

    // The sequence a single's entry counts from, and how far past it an entry can count: once a single's would be
    // past that, the entries count from the oldest live single instead (see Rebase).
    private long _entriesFrom;
    private readonly long _entrySpan;

    // Room for sorting a closing column's singles, kept from one close to the next.
    private SingleEvent[] _sortScratch = [];
    private SingleEvent[] _sortOut = [];
    private int[] _bucketCounts = [];

    // By column: the sequence of the first single of the period open now (a single before it belongs to a period the
    // column has closed); and the least of them, before which no column sees a single.
    private readonly long[] _opened;
    private long _liveFrom;

    // From how many series of room on singles are kept.
    private readonly int _singlesFromSeries;

    // The runs: an array on the pinned heap (which a collection never moves), its first run at _runsSkip on a cache
    // line; the address a run's place counts from (two places before the first run, so no place is 0); the runs it has
    // room for; and the place of the next never handed out, with how many are left after it.
    private long[] _runs = [];
    private int _runsSkip;
    private nint _base;
    private int _room;
    private uint _next;
    private int _nextLeft;

    // The entries of runs given back, handed out again first; and the runs in use.
    private uint[] _free = [];
    private int _freeCount;
    private int _live;

    // Room for the cells of a closing column that CompactCells keeps whole, kept from one close to the next.
    private CellData[] _wholeScratch = [];

    // Counts carried out of count words that reached CarryAt, by (series × Stride + column); null until one does.
    private Dictionary<long, (long Count, long ValueCount)>? _carried;

    /// <summary>Creates a block of empty columns.</summary>
    /// <param name="stride">The number of grains (columns).</param>
    /// <param name="capacity">The number of series to make room for at first.</param>
    /// <param name="singlesFromSeries">
    /// From how many series of room on the block keeps a series' only event as a single; by default where runs for
    /// them all would take 4 MB (32,768 series of four grains).
    /// </param>
    /// <param name="sequenceBits">
    /// How many bits of a series' entry count its newest single's place, from the oldest single live when the entries
    /// were last counted again: 28 by default; fewer only to test what happens when they run out.
    /// </param>
    public OpenBlock(int stride, int capacity, int? singlesFromSeries = null, int sequenceBits = SequenceBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequenceBits, SequenceBits);
        Stride = stride;
        _run = Fields * stride;
        _entrySpan = 1L << sequenceBits;
        _singlesFromSeries = singlesFromSeries ?? (int)(SinglesFromBytes / (_run * sizeof(long)));
        _grouped = stride & ~(GroupWidth - 1);
        _paired = stride - _grouped >= PairWidth ? _grouped + PairWidth : _grouped;
        _entryOf = new uint[Math.Max(capacity, 1)];
        _touched = new ulong[Words(Capacity) * stride];
        _touchedWords = new ulong[Words(Words(Capacity)) * stride];
        _marked = new long[stride];
        _opened = new long[stride];
    }

    /// <summary>The number of grains (columns).</summary>
    public int Stride { get; }

    /// <summary>The number of series the block has room for; grows (never shrinks) when a series beyond it arrives.</summary>
    public int Capacity => _entryOf.Length;

    /// <summary>
    /// The series that own a run now: those with an event in some open period, but for a series whose events the block
    /// keeps as singles.
    /// </summary>
    public int SeriesWithRuns => _live;

    /// <summary>How many events the block has kept as singles so far (those of series without a run).</summary>
    public long SinglesMade => NextSequence;

    /// <summary>Bytes of the map from series to runs and singles.</summary>
    public long MapBytes => (long)_entryOf.Length * sizeof(uint);

    /// <summary>
    /// Bytes the block holds: its runs, the series' map and marks, the free list, the singles, the room for
    /// closing a column (listing, sorting and whole cells) and any counts carried.
    /// </summary>
    public long Bytes =>
        ((long)_runs.Length * sizeof(long))
        + MapBytes
        + ((long)(_touched.Length + _touchedWords.Length) * sizeof(ulong))
        + ((long)_free.Length * sizeof(uint))
        + ((long)(_singles.Length + _sortScratch.Length + _sortOut.Length) * Unsafe.SizeOf<SingleEvent>())
        + ((long)_bucketCounts.Length * sizeof(int))
        + ((long)_wholeScratch.Length * Unsafe.SizeOf<CellData>())
        + ((_carried?.Count ?? 0) * CarriedEntryBytes);

    /// <summary>Makes room for <paramref name="series"/>, growing by half (or more) so growth stays amortised.</summary>
    public void EnsureSeries(int series)
    {
        if (series < Capacity)
        {
            return;
        }

        var capacity = Math.Max(series + 1, Capacity + (Capacity / 2));
        Array.Resize(ref _entryOf, capacity);
        Array.Resize(ref _touched, Words(capacity) * Stride);
        Array.Resize(ref _touchedWords, Words(Words(capacity)) * Stride);
    }

    /// <summary>
    /// The hot path: one event into every column of a series' run, four columns per vector instruction where the
    /// processor has them. The series must be below <see cref="Capacity"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(int series, bool hasValue, double value)
    {
        var entryOf = _entryOf;
        if ((uint)series >= (uint)entryOf.Length)
        {
            ThrowOutside(series);
        }

        var entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entryOf), series);
        nint run;
        if (entry == 0 || IsSingle(entry))
        {
            run = First(series, entry, hasValue, value);
            if (run == 0)
            {
                return;
            }
        }
        else
        {
            run = RunAt(entry);
        }

        var increment = Increment(hasValue);
        ref var counts = ref RunRef(run);
        if (hasValue && value == 0)
        {
            ApplyExact(ref counts, 0, series, increment, hasValue, value);
            return;
        }

        if (!Avx2.IsSupported)
        {
            ApplyNarrow(ref counts, series, increment, hasValue, value);
            return;
        }

        // A group's, a pair's or a lone cell's first word is at four times its first column. The usual grain sets (day
        // to quarter, with the hour, with the hour and the year) in straight lines: the loops below cost them 1-2 ns an
        // event.
        var stride = Stride;
        if (stride is >= GroupWidth and <= GroupWidth + PairWidth)
        {
            Apply4(ref counts, series, 0, increment, hasValue, value);
            if (stride == GroupWidth + 1)
            {
                ApplyCell(ref Unsafe.Add(ref counts, GroupWidth * Fields), series, GroupWidth, increment, hasValue, value);
            }
            else if (stride == GroupWidth + PairWidth)
            {
                Apply2(ref Unsafe.Add(ref counts, GroupWidth * Fields), series, GroupWidth, increment, hasValue, value);
            }

            return;
        }

        var column = 0;
        for (; column < _grouped; column += GroupWidth)
        {
            Apply4(ref Unsafe.Add(ref counts, column * Fields), series, column, increment, hasValue, value);
        }

        if (column < _paired)
        {
            Apply2(ref Unsafe.Add(ref counts, column * Fields), series, column, increment, hasValue, value);
            column += PairWidth;
        }

        if (column < stride)
        {
            ApplyCell(ref Unsafe.Add(ref counts, column * Fields), series, column, increment, hasValue, value);
        }
    }

    /// <summary>One event into one cell (the slow path of a write), growing the block when needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int series, int column, double? value)
    {
        EnsureSeries(series);
        var hasValue = value.HasValue;
        Apply1(ref CountRef(RunFor(series), column), FieldStep(column), series, column, Increment(hasValue), hasValue, value.GetValueOrDefault());
    }

    /// <summary>True when the series has at least one event in the column.</summary>
    public bool HasEvents(int series, int column) => EntryOf(series) is var entry && entry != 0
        && (IsSingle(entry) ? LiveIn(entry, column) : CountRef(RunAt(entry), column) != 0);

    /// <summary>A cell's statistics; an empty cell for a series without a run (or beyond <see cref="Capacity"/>).</summary>
    public CellData Read(int series, int column)
    {
        var entry = EntryOf(series);
        return entry == 0 ? CellData.Empty : CellOf(entry, series, column);
    }

    /// <summary>Replaces a cell's statistics, noting the series in the column if it had no events before.</summary>
    public void Write(int series, int column, in CellData cell)
    {
        EnsureSeries(series);
        if (cell.Count == 0 && EntryOf(series) is var entry && (entry == 0 || (IsSingle(entry) && !LiveIn(entry, column))))
        {
            return;
        }

        var run = RunFor(series);
        ref var count = ref CountRef(run, column);
        if (count == 0 && cell.Count != 0)
        {
            Touch(column, series);
        }

        Store(ref count, cell, series, column);
        if (cell.Count == 0)
        {
            FreeIfEmpty(series, run);
        }
    }

    /// <summary>
    /// Takes a column's cells out, compacted: the series written in it, ascending, with their cells (see
    /// <see cref="CompactCells"/>); the column is left empty for the next period, and a series whose every column is
    /// now empty gives its run back.
    /// </summary>
    // This and the helpers the record loop calls without inlining (Prepare, NewRun) are compiled fully
    // optimized at once, as Record(span) is: left to tiering, they ran unoptimized for as long as the host kept
    // compiling new code, which made roll-over twice as slow for a while.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int[] Series, CompactCells Cells) TakeColumn(int column)
    {
        var marks = _touched;
        var summary = _touchedWords;
        var stride = Stride;
        var summaryWords = summary.Length / stride;
        var marked = (int)_marked[column];
        _marked[column] = 0;

        // The singles of the period, in series order (a series' own in the order they came), and how many series
        // they are: none of them has a run, so none is among the series marked.
        var singles = SortedSingles(column, out var singleCells);

        // The series marked first, ascending, clearing the marks: their runs were handed out in the order the series
        // were first written, so series order is not address order, and each run is a likely miss once its period is
        // older than a day. Knowing every series up front lets the pass below ask for runs a few series ahead. They
        // are listed after room for the singles, so that the pass can merge the two into the same array. (Every
        // element of the two arrays is written before it is read: the runtime need not zero a large column first.)
        var offset = singleCells;
        var ids = GC.AllocateUninitializedArray<int>(offset + marked);
        var listed = offset;
        for (var high = 0; high < summaryWords && listed < ids.Length; high++)
        {
            ref var summaryWord = ref summary[(high * stride) + column];
            var words = summaryWord;
            summaryWord = 0;
            while (words != 0)
            {
                var word = (high << 6) + BitOperations.TrailingZeroCount(words);
                words &= words - 1;
                ref var mark = ref marks[(word * stride) + column];
                var bits = mark;
                mark = 0;
                while (bits != 0)
                {
                    ids[listed++] = (word << 6) + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                }
            }
        }

        // Every mark was counted once when it was set; a count that disagreed would leave ids unwritten.
        Debug.Assert(listed == ids.Length, "The marks of a column disagree with their count.");

        // One pass in series order over the runs, the singles merged in: read each written cell into the result and
        // empty it. Ids are compacted in place (the next written is never past the next read). Runs that fit in a
        // core's own cache are there already: asking for them would only cost instructions.
        // A series with more than one single leaves a cell of more than one event.
        var expectedWhole = GuessWhole(ids.AsSpan(offset, listed - offset), column) + (singles.Length - singleCells);
        var cells = new CompactCells.Builder(listed, expectedWhole, _wholeScratch);
        var used = 0;
        var prefetch = Sse.IsSupported && (long)_live * _run * sizeof(long) >= PrefetchFromBytes;
        if (singles.IsEmpty)
        {
            for (var i = 0; i < listed; i++)
            {
                if (prefetch)
                {
                    PrefetchClosing(ids, i, listed);
                }

                TakeCell(ids[i], column, ref cells, ids, ref used);
            }
        }
        else
        {
            var next = 0;
            var nextSingle = singles[0].Series;
            for (var i = offset; i < listed; i++)
            {
                if (prefetch)
                {
                    PrefetchClosing(ids, i, listed);
                }

                var series = ids[i];
                if (nextSingle < series)
                {
                    next = AddSingles(singles, next, series, ref cells, ids, ref used);
                    nextSingle = next < singles.Length ? singles[next].Series : int.MaxValue;
                }

                TakeCell(series, column, ref cells, ids, ref used);
            }

            AddSingles(singles, next, int.MaxValue, ref cells, ids, ref used);
        }

        if (used < ids.Length)
        {
            Array.Resize(ref ids, used);
        }

        // The column's next period sees only singles from here on.
        _opened[column] = NextSequence;
        ForgetDeadSingles();
        _wholeScratch = cells.Scratch;
        return (ids, cells.Build());
    }

    // Two steps, as for events: the entry in the map of the series twice as far ahead, then the run of the one ahead.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchClosing(int[] ids, int i, int listed)
    {
        if (i + CloseAhead < listed)
        {
            if (i + (2 * CloseAhead) < listed)
            {
                PrefetchEntry(ids[i + (2 * CloseAhead)]);
            }

            PrefetchRun(EntryOf(ids[i + CloseAhead]));
        }
    }

    // Reads a closing series' cell from its run into the result, unless it has none (no run: its cells were emptied
    // by writes, and a single it has now is among the singles), empties it, and gives the run back if it is empty.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TakeCell(int series, int column, ref CompactCells.Builder cells, int[] ids, ref int used)
    {
        var entry = _entryOf[series];
        if (entry == 0 || IsSingle(entry))
        {
            return;
        }

        var run = RunAt(entry);
        ref var count = ref CountRef(run, column);
        var word = count;
        if (word != 0)
        {
            if (_carried is { Count: > 0 })
            {
                cells.Add(Load(ref count, series, column));
                Store(ref count, CellData.Empty, series, column);
            }
            else
            {
                // No counts carried: the run's words go to the result as they are, and the cell is left as a new
                // run's is.
                var step = FieldStep(column);
                ref var sum = ref Unsafe.Add(ref count, Sums * step);
                ref var min = ref Unsafe.Add(ref count, Mins * step);
                ref var max = ref Unsafe.Add(ref count, Maxes * step);
                cells.AddStats(word, sum, min, max);
                count = 0;
                sum = 0;
                min = EmptyMin;
                max = EmptyMax;
            }

            ids[used++] = series;
        }

        FreeIfEmpty(series, run);
    }

    // Adds the cells of the singles from the one given up to the first of a series at or above the one given, one a
    // series; returns where that is.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int AddSingles(ReadOnlySpan<SingleEvent> singles, int next, int below, ref CompactCells.Builder cells, int[] result, ref int used)
    {
        while (next < singles.Length && singles[next].Series is var series && series < below)
        {
            if (next + 1 == singles.Length || singles[next + 1].Series != series)
            {
                cells.AddOne(singles[next].HasValue, singles[next].Value);
                next++;
            }
            else
            {
                var cell = CellData.Empty;
                for (; next < singles.Length && singles[next].Series == series; next++)
                {
                    CellData.AddEvent(ref cell, singles[next].HasValue, BitConverter.Int64BitsToDouble(singles[next].Value));
                }

                cells.Add(cell);
            }

            result[used++] = series;
        }

        return next;
    }

    // How many of the column's cells CompactCells will keep whole, from a few spread over the series listed: enough to
    // choose its form before the pass, and the room for those cells.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int GuessWhole(ReadOnlySpan<int> ids, int column)
    {
        const int Samples = 16;
        var step = Math.Max(1, ids.Length / Samples);
        var read = 0;
        var whole = 0;
        for (var i = 0; i < ids.Length; i += step)
        {
            var series = ids[i];
            var entry = _entryOf[series];
            if (entry == 0 || IsSingle(entry))
            {
                continue;
            }

            ref var count = ref CountRef(RunAt(entry), column);
            if (count != 0)
            {
                read++;
                whole += CompactCells.IsWord(Load(ref count, series, column)) ? 0 : 1;
            }
        }

        return read == 0 ? 0 : (int)((long)whole * ids.Length / read);
    }

    /// <summary>
    /// Asks the processor to start loading the series' entry in the map of runs, for an event further ahead than the
    /// one <see cref="Prefetch"/> is called for: that call then reads the entry from cache. Only a hint.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchEntry(int series)
    {
        var entryOf = _entryOf;
        if (Sse.IsSupported && (uint)series < (uint)entryOf.Length)
        {
            // A hint needs no pinning: if the map moves, the processor merely loads a line nobody reads.
            Sse.Prefetch0(Unsafe.AsPointer(ref entryOf[series]));
        }
    }

    /// <summary>
    /// Asks the processor to start loading the run an event of <paramref name="series"/> will update. Only a hint: it
    /// changes nothing. It reads the series' entry in the map, which is then in cache for the write too; a series
    /// without a run yet has nothing more to load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int series)
    {
        if (!Sse.IsSupported || (uint)series >= (uint)_entryOf.Length)
        {
            return;
        }

        // A series' next single is appended after the others, which needs nothing but its map entry.
        PrefetchRun(_entryOf[series]);
    }

    // Asks for every cache line of a series' run, from its entry (none for 0 or a single). The runs live on the pinned
    // heap, so the address stays valid until they next grow (and a hint for an address no longer used is harmless).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void PrefetchRun(uint entry)
    {
        if (entry == 0 || IsSingle(entry) || !Sse.IsSupported)
        {
            return;
        }

        // Each line the run touches, once.
        var run = RunAt(entry);
        var last = run + (_run * sizeof(long)) - 1;
        for (var line = run & ~(nint)(LineBytes - 1); line <= last; line += LineBytes)
        {
            Sse.Prefetch0((void*)line);
        }
    }

    /// <summary>Notes the first write to a series' cell in a column; call it while the cell's count is still 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Touch(int column, int series)
    {
        // Counted only when not marked yet: a cell emptied by a write keeps its mark until the column closes.
        ref var word = ref _touched[((series >> 6) * Stride) + column];
        if (word == 0)
        {
            _touchedWords[((series >> 12) * Stride) + column] |= 1UL << (series >> 6);
        }

        var bit = 1UL << series;
        _marked[column] += (word & bit) == 0 ? 1 : 0;
        word |= bit;
    }

    // Before counting: note every column of the group whose count is still 0, and carry the counts of any that has
    // reached CarryAt.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void Prepare(ref long counts, int series, int column, int width)
    {
        // A group's four cells all empty (a series' first event in the open periods): its four marks are adjacent.
        if (width == GroupWidth && Avx2.IsSupported && Vector256.LoadUnsafe(ref counts) == Vector256<long>.Zero)
        {
            MarkGroup(series, column);
            return;
        }

        for (var i = 0; i < width; i++)
        {
            ref var word = ref Unsafe.Add(ref counts, i);
            if (word == 0)
            {
                Touch(column + i, series);
            }
            else if ((uint)word == CarryAt)
            {
                Carry(ref word, series, column + i);
            }
        }
    }

    // Touch for a group's four columns at once: their marks (and summary bits and counts) are adjacent.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkGroup(int series, int column)
    {
        ref var marks = ref _touched[((series >> 6) * Stride) + column];
        var bit = Vector256.Create(1UL << series);
        var old = Vector256.LoadUnsafe(ref marks);
        (old | bit).StoreUnsafe(ref marks);
        ref var words = ref _touchedWords[((series >> 12) * Stride) + column];
        (Vector256.LoadUnsafe(ref words) | Vector256.Create(1UL << (series >> 6))).StoreUnsafe(ref words);

        // A lane is all ones (-1) where the mark is new, and subtracting it counts one.
        ref var marked = ref _marked[column];
        (Vector256.LoadUnsafe(ref marked) - Vector256.Equals(old & bit, Vector256<ulong>.Zero).AsInt64()).StoreUnsafe(ref marked);
    }

    // Moves all of a count word but one event (without a value) into the side table, so the word counts on from 1.
    private void Carry(ref long word, int series, int column)
    {
        _carried ??= [];
        ref var carried = ref CollectionsMarshal.GetValueRefOrAddDefault(_carried, CarryKey(series, column), out _);
        carried.Count += (uint)word - CountOne;
        carried.ValueCount += word >>> ValueShift;
        word = CountOne;
    }

    private long CarryKey(int series, int column) => ((long)series * Stride) + column;

    // What an event adds to a count word: one event, and one value when it has one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Increment(bool hasValue) => CountOne | ((long)(hasValue ? 1 : 0) << ValueShift);

    // Four columns of a group: each statistic's four cells are one vector, a group's fields GroupWidth words apart.
    // The processor's minimum and maximum: the caller sends a value of ±0 to ApplyExact.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply4(ref long counts, int series, int column, long increment, bool hasValue, double value)
    {
        // Loaded again after the check rather than kept: a vector live across the (rare) call would be spilled.
        if (Vector256.EqualsAny(Vector256.LoadUnsafe(ref counts) & Vector256.Create(Low31), Vector256<long>.Zero))
        {
            Prepare(ref counts, series, column, GroupWidth);
        }

        (Vector256.LoadUnsafe(ref counts) + Vector256.Create(increment)).StoreUnsafe(ref counts);
        if (!hasValue)
        {
            return;
        }

        var v = Vector256.Create(value);
        ref var sums = ref AsDouble(ref Unsafe.Add(ref counts, Sums * GroupWidth));
        (Vector256.LoadUnsafe(ref sums) + v).StoreUnsafe(ref sums);
        ref var mins = ref AsDouble(ref Unsafe.Add(ref counts, Mins * GroupWidth));
        Vector256.MinNative(v, Vector256.LoadUnsafe(ref mins)).StoreUnsafe(ref mins);
        ref var maxes = ref AsDouble(ref Unsafe.Add(ref counts, Maxes * GroupWidth));
        Vector256.MaxNative(v, Vector256.LoadUnsafe(ref maxes)).StoreUnsafe(ref maxes);
    }

    // The two columns of a pair, as Apply4 does a group's four, in 128-bit vectors: a pair's fields are two words
    // apart, so its four statistics fill one cache line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply2(ref long counts, int series, int column, long increment, bool hasValue, double value)
    {
        if (Vector128.EqualsAny(Vector128.LoadUnsafe(ref counts) & Vector128.Create(Low31), Vector128<long>.Zero))
        {
            Prepare(ref counts, series, column, PairWidth);
        }

        Add2(ref counts, PairWidth, increment, hasValue, value);
    }

    // Two adjacent columns' counts, and their sums, minimums and maximums each a step of words further, one 128-bit
    // vector each: a pair (step 2), or either half of a group (step 4).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add2(ref long counts, int step, long increment, bool hasValue, double value)
    {
        (Vector128.LoadUnsafe(ref counts) + Vector128.Create(increment)).StoreUnsafe(ref counts);
        if (!hasValue)
        {
            return;
        }

        var v = Vector128.Create(value);
        ref var sums = ref AsDouble(ref Unsafe.Add(ref counts, Sums * step));
        (Vector128.LoadUnsafe(ref sums) + v).StoreUnsafe(ref sums);
        ref var mins = ref AsDouble(ref Unsafe.Add(ref counts, Mins * step));
        Vector128.MinNative(v, Vector128.LoadUnsafe(ref mins)).StoreUnsafe(ref mins);
        ref var maxes = ref AsDouble(ref Unsafe.Add(ref counts, Maxes * step));
        Vector128.MaxNative(v, Vector128.LoadUnsafe(ref maxes)).StoreUnsafe(ref maxes);
    }

    // A lone cell (count, sum, minimum, maximum side by side) as one vector: each lane computed its own way, blended,
    // stored once. The value is added to every lane, the count word's too; the blend keeps only the sum's.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplyCell(ref long cell, int series, int column, long increment, bool hasValue, double value)
    {
        if ((cell & Low31) == 0)
        {
            Prepare(ref cell, series, column, 1);
        }

        if (!hasValue)
        {
            cell += increment;
            return;
        }

        var words = Vector256.LoadUnsafe(ref cell);
        var stats = words.AsDouble();
        var v = Vector256.Create(value);
        var cellOut = Avx.Blend((words + Vector256.CreateScalar(increment)).AsDouble(), stats + v, 0b0010);
        cellOut = Avx.Blend(cellOut, Vector256.MinNative(v, stats), 0b0100);
        cellOut = Avx.Blend(cellOut, Vector256.MaxNative(v, stats), 0b1000);
        cellOut.AsInt64().StoreUnsafe(ref cell);
    }

    // Without 256-bit vectors (Arm64, or x64 without AVX2): a group as two 128-bit halves, a pair as one, a lone cell
    // one statistic at a time.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ApplyNarrow(ref long counts, int series, long increment, bool hasValue, double value)
    {
        var column = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; column < _grouped; column += GroupWidth)
            {
                Apply4Narrow(ref Unsafe.Add(ref counts, column * Fields), series, column, increment, hasValue, value);
            }

            if (column < _paired)
            {
                Apply2(ref Unsafe.Add(ref counts, column * Fields), series, column, increment, hasValue, value);
                column += PairWidth;
            }
        }

        ApplyExact(ref counts, column, series, increment, hasValue, value);
    }

    // Apply4 in two 128-bit halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply4Narrow(ref long counts, int series, int column, long increment, bool hasValue, double value)
    {
        var low31 = Vector128.Create(Low31);
        if (Vector128.EqualsAny(Vector128.LoadUnsafe(ref counts) & low31, Vector128<long>.Zero)
            || Vector128.EqualsAny(Vector128.LoadUnsafe(ref Unsafe.Add(ref counts, 2)) & low31, Vector128<long>.Zero))
        {
            Prepare(ref counts, series, column, GroupWidth);
        }

        Add2(ref counts, GroupWidth, increment, hasValue, value);
        Add2(ref Unsafe.Add(ref counts, PairWidth), GroupWidth, increment, hasValue, value);
    }

    // The columns from the one given, one cell at a time, with the exact minimum and maximum: every column for an
    // event whose value is ±0, the lone cells without 256-bit vectors.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ApplyExact(ref long counts, int from, int series, long increment, bool hasValue, double value)
    {
        for (var column = from; column < Stride; column++)
        {
            Apply1(ref Unsafe.Add(ref counts, CountOffset(column)), FieldStep(column), series, column, increment, hasValue, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply1(ref long count, int step, int series, int column, long increment, bool hasValue, double value)
    {
        if ((count & Low31) == 0)
        {
            Prepare(ref count, series, column, 1);
        }

        count += increment;
        if (!hasValue)
        {
            return;
        }

        AsDouble(ref Unsafe.Add(ref count, Sums * step)) += value;
        ref var min = ref AsDouble(ref Unsafe.Add(ref count, Mins * step));
        min = Math.Min(min, value);
        ref var max = ref AsDouble(ref Unsafe.Add(ref count, Maxes * step));
        max = Math.Max(max, value);
    }

    // The series' entry in the map: its run, a single, or 0 for neither (also beyond Capacity).
    private uint EntryOf(int series) => (uint)series < (uint)_entryOf.Length ? _entryOf[series] : 0;

    // The series' run, handed out now if it has none (with its single's event, if it has one); the series must be
    // below Capacity.
    private nint RunFor(int series) => _entryOf[series] is var entry && entry != 0 && !IsSingle(entry) ? RunAt(entry) : Promote(series, entry);

    // The address of a run from its entry (its place). Valid until the runs next grow: hold none across a NewRun.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint RunAt(uint entry) => _base + ((nint)entry << PlaceShift);

    private static bool IsSingle(uint entry) => (entry & SingleTag) != 0;

    private long SequenceOf(uint entry) => _entriesFrom + (entry >> SingleShift);

    private static int ChainOf(uint entry) => (int)(entry >> ChainShift) & ChainMask;

    // The entry of a single at a sequence that _entriesFrom is at most _entrySpan before.
    private uint SingleEntry(long sequence, int chain) => ((uint)(sequence - _entriesFrom) << SingleShift) | ((uint)chain << ChainShift) | SingleTag;

    // True when a single belongs to the period open in the column (the column has not closed since it was appended).
    private bool LiveIn(uint entry, int column) => SequenceOf(entry) >= _opened[column];

    private long NextSequence => _singlesBase + _singlesCount;

    // A cell's statistics from a map entry that is not 0: a run's cell, or a single's (empty in a column closed since).
    private CellData CellOf(uint entry, int series, int column) =>
        !IsSingle(entry) ? Load(ref CountRef(RunAt(entry), column), series, column)
        : LiveIn(entry, column) ? ChainCell(entry, _opened[column])
        : CellData.Empty;

    // The cell of a series' singles from a sequence on: what a run's empty cell holds after their events, in the order
    // they came.
    private CellData ChainCell(uint entry, long from)
    {
        Span<long> chain = stackalloc long[MaxChain];
        var cell = CellData.Empty;
        for (var i = Chain(entry, from, chain) - 1; i >= 0; i--)
        {
            ref readonly var single = ref _singles[chain[i] - _singlesBase];
            CellData.AddEvent(ref cell, single.HasValue, BitConverter.Int64BitsToDouble(single.Value));
        }

        return cell;
    }

    // The sequences of a series' singles from a sequence on (and not forgotten), newest first; returns how many.
    private int Chain(uint entry, long from, Span<long> chain)
    {
        from = Math.Max(from, _liveFrom);
        var count = 0;
        for (var sequence = SequenceOf(entry); sequence >= from && count < chain.Length;)
        {
            chain[count++] = sequence;
            var link = _singles[sequence - _singlesBase].Link;
            if (link == 0)
            {
                break;
            }

            sequence -= link;
        }

        return count;
    }

    // An event of a series without a run becomes a single (0 returned, the event is recorded), chained to the series'
    // singles still live; one past MaxChain gives the series a run with its singles' events in it, which the caller
    // then writes this event to.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private nint First(int series, uint entry, bool hasValue, double value)
    {
        if (Capacity < _singlesFromSeries)
        {
            return Promote(series, entry);
        }

        // An entry counts a single's sequence in SequenceBits from _entriesFrom: past that, the entries count from the
        // oldest live single, or where the live singles span too many, the series takes a run.
        if (NextSequence - _entriesFrom >= _entrySpan)
        {
            if (!Rebase())
            {
                return Promote(series, entry);
            }

            entry = _entryOf[series];
        }

        // The distance back to the series' newest single, while that one is live (0 for none).
        var link = entry != 0 && SequenceOf(entry) >= _liveFrom ? NextSequence - SequenceOf(entry) : 0;
        var chain = link == 0 ? 1 : ChainOf(entry) + 1;
        if (chain > MaxChain || link > SingleEvent.MaxLink)
        {
            return Promote(series, entry);
        }

        if (_singlesCount == _singles.Length)
        {
            Array.Resize(ref _singles, Math.Max(16, _singles.Length * 2));
        }

        var sequence = NextSequence;
        SingleEvent.Write(ref _singles[_singlesCount++], series, hasValue, BitConverter.DoubleToInt64Bits(value), link);
        _entryOf[series] = SingleEntry(sequence, chain);
        return 0;
    }

    // Counts the singles' entries from the oldest live single instead of _entriesFrom, and clears the entries of
    // singles forgotten (which read as none already): one pass over the map, at most once every _entrySpan / 2 singles.
    // False, changing nothing, where the live singles span more than half of what an entry can count.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Rebase()
    {
        var from = _liveFrom;
        if (NextSequence - from > _entrySpan / 2)
        {
            return false;
        }

        var entries = _entryOf;
        var shift = (uint)(from - _entriesFrom) << SingleShift;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (IsSingle(entry))
            {
                entries[i] = SequenceOf(entry) < from ? 0 : entry - shift;
            }
        }

        _entriesFrom = from;
        return true;
    }

    // Gives a series a run, with its singles' events (if it has any live) in every column whose period they belong to,
    // oldest first as they came; the singles are left behind as gone, for the closes to pass over.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private nint Promote(int series, uint entry)
    {
        var run = NewRun(series);
        if (entry != 0 && IsSingle(entry))
        {
            Span<long> chain = stackalloc long[MaxChain];
            for (var i = Chain(entry, _liveFrom, chain) - 1; i >= 0; i--)
            {
                ref var single = ref _singles[chain[i] - _singlesBase];
                var hasValue = single.HasValue;
                var value = BitConverter.Int64BitsToDouble(single.Value);
                single = single.Gone();
                for (var column = 0; column < Stride; column++)
                {
                    if (chain[i] >= _opened[column])
                    {
                        Apply1(ref CountRef(run, column), FieldStep(column), series, column, Increment(hasValue), hasValue, value);
                    }
                }
            }
        }

        return run;
    }

    // The singles a closing column holds (appended since its period opened, not gone to a run), in series order; a
    // span of a scratch array, valid until the next close.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<SingleEvent> SortedSingles(int column, out int cells)
    {
        // From the first not gone to a run: a period whose singles all have runs by now needs no room to sort.
        var opened = _opened[column];
        var from = (int)(opened - _singlesBase);
        while (from < _singlesCount && _singles[from].Series < 0)
        {
            from++;
        }

        cells = 0;
        var segment = _singles.AsSpan(from, _singlesCount - from);
        if (segment.IsEmpty)
        {
            return [];
        }

        if (_sortScratch.Length < segment.Length)
        {
            _sortScratch = new SingleEvent[Math.Max(segment.Length, _sortScratch.Length * 2)];
            _sortOut = new SingleEvent[_sortScratch.Length];
        }

        // Least significant digit first, each pass stable, in as few passes as the largest series id needs; the
        // pass that leaves out the singles gone to runs counts every digit's buckets at once.
        var bits = Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)Capacity - 1));
        var passes = (bits + RadixBits - 1) / RadixBits;
        var digitBits = (bits + passes - 1) / passes;
        var buckets = 1 << digitBits;
        var mask = buckets - 1;
        if (_bucketCounts.Length < passes * buckets)
        {
            _bucketCounts = new int[passes * buckets];
        }

        // A few singles are not worth counting buckets for.
        var counted = segment.Length >= InsertionSortBelow;
        var counts = _bucketCounts.AsSpan(0, counted ? passes * buckets : 0);
        counts.Clear();
        // Singles linked to an earlier one of the period share its cell: the cells are the singles less those.
        var scratch = _sortScratch;
        var live = 0;
        var linked = 0;
        var first = _singlesBase + from;
        if (counted && passes == 2)
        {
            // The usual case (up to 4 million series), without the loop over passes, so its state stays in registers.
            var low = counts[..buckets];
            var high = counts[buckets..];
            for (var at = 0; at < segment.Length; at++)
            {
                ref readonly var single = ref segment[at];
                var series = single.Series;
                if (series >= 0)
                {
                    scratch[live++] = single;
                    linked += LinkedIn(single, first + at, opened);
                    low[series & mask]++;
                    high[(series >> digitBits) & mask]++;
                }
            }
        }
        else
        {
            for (var at = 0; at < segment.Length; at++)
            {
                ref readonly var single = ref segment[at];
                var series = single.Series;
                if (series >= 0)
                {
                    scratch[live++] = single;
                    linked += LinkedIn(single, first + at, opened);
                    if (counted)
                    {
                        counts[series & mask]++;
                        for (var pass = 1; pass < passes; pass++)
                        {
                            counts[(pass * buckets) + ((series >> (pass * digitBits)) & mask)]++;
                        }
                    }
                }
            }
        }

        if (live < InsertionSortBelow)
        {
            var few = scratch.AsSpan(0, live);
            for (var i = 1; i < few.Length; i++)
            {
                var item = few[i];
                var j = i - 1;
                for (; j >= 0 && few[j].Series > item.Series; j--)
                {
                    few[j + 1] = few[j];
                }

                few[j + 1] = item;
            }

            cells = live - linked;
            return few;
        }

        var source = scratch;
        var target = _sortOut;
        for (var pass = 0; pass < passes; pass++)
        {
            var shift = pass * digitBits;
            var starts = counts.Slice(pass * buckets, buckets);
            var start = 0;
            for (var b = 0; b < starts.Length; b++)
            {
                var count = starts[b];
                starts[b] = start;
                start += count;
            }

            for (var i = 0; i < live; i++)
            {
                ref readonly var single = ref source[i];
                target[starts[(single.Series >> shift) & mask]++] = single;
            }

            (source, target) = (target, source);
        }

        cells = live - linked;
        return source.AsSpan(0, live);
    }

    // 1 when a single at the sequence given links to an earlier single of the period opened at the other, else 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LinkedIn(in SingleEvent single, long sequence, long opened) =>
        single.Link is var link && link != 0 && sequence - link >= opened ? 1 : 0;

    // Once every column has closed past the oldest singles, they are forgotten (their series' entries, no longer
    // live in any column, read as empty until the series' next event): the live ones move down when the dead are at
    // least half, so each is moved a bounded number of times.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForgetDeadSingles()
    {
        var from = _opened[0];
        for (var column = 1; column < Stride; column++)
        {
            from = Math.Min(from, _opened[column]);
        }

        _liveFrom = from;
        var dead = (int)(from - _singlesBase);
        if (dead > 0 && dead * 2 >= _singlesCount)
        {
            Array.Copy(_singles, dead, _singles, 0, _singlesCount - dead);
            _singlesCount -= dead;
            _singlesBase = from;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ref long RunRef(nint run) => ref Unsafe.AsRef<long>((void*)run);

    private ref long CountRef(nint run, int column) => ref Unsafe.Add(ref RunRef(run), CountOffset(column));

    // Where a column's count word is in a run: in a group or a pair, beside its other counts; past them, at the head of
    // its own cell.
    private int CountOffset(int column) =>
        column < _grouped ? ((column & ~(GroupWidth - 1)) * Fields) + (column & (GroupWidth - 1))
        : column < _paired ? (_grouped * Fields) + (column - _grouped)
        : column * Fields;

    // How far apart a column's statistics are: a group's four columns apart, a pair's two, a lone cell's adjacent.
    private int FieldStep(int column) => column < _grouped ? GroupWidth : column < _paired ? PairWidth : 1;

    // A series' first write: a run given back before, or the next one never handed out (more room when there is none).
    // Every run handed out is empty: new room starts empty, and a run is given back only once emptied.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private nint NewRun(int series)
    {
        uint entry;
        if (_freeCount > 0)
        {
            entry = _free[--_freeCount];

            // Runs given back are cold by the time they are handed out again (a quarter's runs go back together when
            // it closes), and they go out in a known order: ask now for the one a few new series from now will get.
            if (_freeCount >= FreeAhead)
            {
                PrefetchRun(_free[_freeCount - FreeAhead]);
            }
        }
        else
        {
            if (_nextLeft == 0)
            {
                GrowRuns();
            }

            entry = _next;
            _next += (uint)(_run * sizeof(long)) >> PlaceShift;
            _nextLeft--;
        }

        _entryOf[series] = entry;
        _live++;
        return RunAt(entry);
    }

    // Room for twice as many runs, but never more than one a series: a new pinned array, its first run on a cache
    // line (an array's data is only 8-byte aligned, and a run of four grains then spans exactly two lines, where one
    // starting mid-line would span three), the runs so far copied over and the new ones empty. Copying costs each run
    // about one more write over the block's life; doubling keeps a level of a few series in a few runs, where chunks
    // that never move cost every event a look-up of its run's chunk.
    private unsafe void GrowRuns()
    {
        // Called only for a series without a run, so the room is below one a series.
        var runs = Math.Min(Math.Max(2, _room * 2), Capacity);
        var longs = (long)runs * _run;
        const int LineLongs = LineBytes / sizeof(long);
        if (longs + LineLongs > Array.MaxLength)
        {
            runs = (int)((Array.MaxLength - LineLongs) / _run);
            longs = (long)runs * _run;
            if (runs <= _room)
            {
                throw new InvalidOperationException($"An open block of {Stride} grains has room for at most {_room} series with events in the open periods.");
            }
        }

        var (array, skip) = PinnedLines.Allocate((int)longs);
        if (_room > 0)
        {
            Array.Copy(_runs, _runsSkip, array, skip, (long)_room * _run);
        }

        for (var run = _room; run < runs; run++)
        {
            var start = skip + (run * _run);
            for (var column = 0; column < Stride; column++)
            {
                var count = start + CountOffset(column);
                var step = FieldStep(column);
                array[count + (Mins * step)] = EmptyMin;
                array[count + (Maxes * step)] = EmptyMax;
            }
        }

        _runs = array;
        _runsSkip = skip;
        _base = (nint)Unsafe.AsPointer(ref array[skip]) - ((nint)FirstPlace << PlaceShift);
        _next = (uint)(((long)_room * _run * sizeof(long)) >> PlaceShift) + FirstPlace;
        _nextLeft = runs - _room;
        _room = runs;
    }

    // Gives the series' run back when no column has an event in it any more.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FreeIfEmpty(int series, nint run)
    {
        // A group's (or a pair's) counts are its first words.
        ref var words = ref RunRef(run);
        var column = 0;
        for (; column < _grouped; column += GroupWidth)
        {
            ref var counts = ref Unsafe.Add(ref words, column * Fields);
            if ((counts | Unsafe.Add(ref counts, 1) | Unsafe.Add(ref counts, 2) | Unsafe.Add(ref counts, 3)) != 0)
            {
                return;
            }
        }

        if (column < _paired)
        {
            ref var counts = ref Unsafe.Add(ref words, column * Fields);
            if ((counts | Unsafe.Add(ref counts, 1)) != 0)
            {
                return;
            }

            column += PairWidth;
        }

        for (; column < Stride; column++)
        {
            if (Unsafe.Add(ref words, column * Fields) != 0)
            {
                return;
            }
        }

        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, Math.Max(16, _free.Length * 2));
        }

        _free[_freeCount++] = _entryOf[series];
        _entryOf[series] = 0;
        _live--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CellData Load(ref long count, int series, int column)
    {
        var word = count;
        var step = FieldStep(column);
        var cell = new CellData
        {
            Count = (uint)word,
            ValueCount = word >>> ValueShift,
            Sum = AsDouble(ref Unsafe.Add(ref count, Sums * step)),
            Min = AsDouble(ref Unsafe.Add(ref count, Mins * step)),
            Max = AsDouble(ref Unsafe.Add(ref count, Maxes * step)),
        };

        if (_carried is { Count: > 0 } carried && carried.TryGetValue(CarryKey(series, column), out var more))
        {
            cell.Count += more.Count;
            cell.ValueCount += more.ValueCount;
        }

        return cell;
    }

    // Counts that do not both fit below CarryAt go to the side table but one event, as when an event carries them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(ref long count, in CellData cell, int series, int column)
    {
        if (_carried is { Count: > 0 } carried)
        {
            carried.Remove(CarryKey(series, column));
        }

        if (cell.Count == 0)
        {
            count = 0;
        }
        else if ((ulong)cell.Count < CarryAt && (ulong)cell.ValueCount < CarryAt)
        {
            count = cell.Count | (cell.ValueCount << ValueShift);
        }
        else
        {
            _carried ??= [];
            _carried[CarryKey(series, column)] = (cell.Count - CountOne, cell.ValueCount);
            count = CountOne;
        }

        var step = FieldStep(column);
        AsDouble(ref Unsafe.Add(ref count, Sums * step)) = cell.Sum;
        AsDouble(ref Unsafe.Add(ref count, Mins * step)) = cell.Min;
        AsDouble(ref Unsafe.Add(ref count, Maxes * step)) = cell.Max;
    }

    private static ref double AsDouble(ref long word) => ref Unsafe.As<long, double>(ref word);

    private static int Words(int capacity) => (capacity + 63) >> 6;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutside(int series) =>
        throw new ArgumentOutOfRangeException(nameof(series), series, "The series is outside the block.");
}

/// <summary>
/// An event an <see cref="OpenBlock"/> keeps as a single: its series (negative once the series has a run), whether it
/// had a value, the value's bits, and how far back the series' previous single is, in two words (so that sorting moves
/// it in two stores).
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal readonly struct SingleEvent
{
    /// <summary>The farthest back a single can link to the series' previous one.</summary>
    public const long MaxLink = (1L << 31) - 1;

    private const long HasValueBit = 1L << 32;
    private const int LinkShift = 33;
    private const long SeriesBits = 0xFFFF_FFFF;

    // The series in the low 32 bits, HasValueBit above them, and the link above that.
    [FieldOffset(0)]
    private readonly long _key;

    [FieldOffset(sizeof(long))]
    private readonly long _value;

    public SingleEvent(int series, bool hasValue, long value, long link = 0)
    {
        _key = KeyOf(series, hasValue, link);
        _value = value;
    }

    private SingleEvent(long key, long value)
    {
        _key = key;
        _value = value;
    }

    /// <summary>The series; negative once the event has gone to a run.</summary>
    public int Series => (int)_key;

    /// <summary>True when the event had a value.</summary>
    public bool HasValue => (_key & HasValueBit) != 0;

    /// <summary>The value's bits (0 without one).</summary>
    public long Value => _value;

    /// <summary>How many sequences back the series' previous single is; 0 for none.</summary>
    public long Link => (long)((ulong)_key >> LinkShift);

    /// <summary>
    /// Writes an event into its place: two 8-byte stores. Built first and copied, it costs a 16-byte read of two 8-byte
    /// stores just made, which the processor cannot forward and waits for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ref SingleEvent slot, int series, bool hasValue, long value, long link = 0)
    {
        ref var words = ref Unsafe.As<SingleEvent, long>(ref slot);
        words = KeyOf(series, hasValue, link);
        Unsafe.Add(ref words, 1) = value;
    }

    private static long KeyOf(int series, bool hasValue, long link) =>
        (uint)series | (hasValue ? HasValueBit : 0) | (link << LinkShift);

    /// <summary>The same event, marked as gone to its series' run.</summary>
    public SingleEvent Gone() => new((_key & ~SeriesBits) | (uint)~Series, Value);
}
