using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The series ids at every roll-up level of each combination of dimension values seen, keyed by the value strings
/// themselves: once a combination is known, one hash of the event's values and one probe resolve all its levels,
/// with no interning and no per-level look-up.
/// </summary>
/// <remarks>
/// <para>Open addressing with linear probing over a power-of-two table kept at most a quarter full below 65,536 slots
/// and at most half full from there. The caller
/// never adds a combination that landed in an overflow series, so the cache is bounded by the metric's series cap.</para>
/// <para>A slot is one cache line, and starts on one: the combination's hash, where its values are, the series id of
/// each level below the total (whose only series is 0), and the values themselves (each one's length, then its
/// characters) when they fit in the rest of the line: 24 characters with two dimensions, enough for the codes and
/// names dimensions usually hold. A hit on such a combination reads one line, which matters because the stream of
/// events a host ingests keeps pushing the table out of the core's cache. Longer values are copied into one
/// character arena the cache owns (length, then characters, per value) and the slot says where.</para>
/// <para>The hash folds each value eight bytes at a time with a multiply and a shift, multiplies each value's hash by
/// a constant of its position, combines the products with a seed drawn at random per cache and folds the result once:
/// a few nanoseconds for the short codes and names dimensions hold, the values side by side rather than one after
/// another, on the chain the slot's address waits for. It is not built to resist
/// crafted values, so a probe run longer than <see cref="LongRun"/> switches the cache for good to the runtime's
/// randomised hash, as <see cref="Dictionary{TKey, TValue}"/> does for strings.</para>
/// <para>Memory: 64 bytes a slot, 256 to 512 bytes a combination up to 8,192 of them and 128 to 256 beyond, plus the
/// arena for long values.</para>
/// </remarks>
internal sealed class CombinationCache
{
    /// <summary>A probe run this long means the fast hash is colliding: rehash every value in full.</summary>
    /// <remarks>At most half full, honest values give runs of a few slots, and rarely past 30 even with a million entries.</remarks>
    public const int LongRun = 100;

    // A slot, as ints: the hash, where the values are, then the ids of levels 1 to width; the values held in the slot
    // follow as characters.
    private const int SlotBytes = 64;
    private const int SlotLongs = SlotBytes / sizeof(long);
    private const int SlotInts = SlotBytes / sizeof(int);
    private const int SlotChars = SlotBytes / sizeof(char);
    private const int HeaderInts = 2;

    // Where the values are: 0 for an empty slot, InSlot for the slot itself, otherwise one past their offset in the arena.
    private const int Empty = 0;
    private const int InSlot = -1;

    private const int InitialSlots = 16;

    // Below this many slots (4 MB) the table is kept at most a quarter full, from it on at most half: a look-up then
    // finds its combination in the first line it reads more often (1.2 lines against 1.5 on average), for at most
    // 1 MB more.
    private const int SparseBelowSlots = 1 << 16;

    // Odd 64-bit constants, one per value position.
    private static ReadOnlySpan<ulong> Multipliers => [0xC2B2AE3D27D4EB4FUL, 0x165667B19E3779F9UL, 0xD6E8FEB86659FD93UL, 0xFF51AFD7ED558CCDUL];

    private readonly ulong _seed = (ulong)Random.Shared.NextInt64() | 1;
    private readonly int _width;

    // Where the values start in a slot, and how many characters (lengths included) fit from there.
    private readonly int _valuesAt;
    private readonly int _valueChars;

    // Which of a slot's ints from its second on (where, then levels 1 to 3) are ids of levels 0 to 3: read as one vector,
    // so that the ids leave the slot as one store the caller's reads can take from, not as four.
    private readonly Vector128<int> _idLanes;

    // The slots, from _skip on (the first whole cache line of the array); pinned, so the line stays where it starts.
    private long[] _lines;
    private int _skip;
    private int _slots;
    private int _count;
    private char[] _arena = new char[256];
    private int _arenaLength;

    /// <summary>Creates a cache for combinations of <paramref name="width"/> values.</summary>
    public CombinationCache(int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, LevelIds.Length - 1);
        _width = width;
        _valuesAt = (HeaderInts + width) * (sizeof(int) / sizeof(char));
        _valueChars = SlotChars - _valuesAt;
        _idLanes = Vector128.Create(0, -1, width >= 2 ? -1 : 0, width >= 3 ? -1 : 0);
        (_lines, _skip) = Allocate(InitialSlots);
        _slots = InitialSlots;
    }

    public int Count => _count;

    /// <summary>How many slots the table has.</summary>
    public int Slots => _slots;

    /// <summary>True once the cache hashes every character (after a long probe run).</summary>
    public bool HashesInFull { get; private set; }

    /// <summary>How many combinations have their values in the arena rather than in their slot.</summary>
    public int InArena { get; private set; }

    /// <summary>The hash of one combination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int HashOf(ReadOnlySpan<string> values)
    {
        if (HashesInFull)
        {
            return FullHashOf(values);
        }

        // Each value's hash times a multiplier of its own (order matters), the products combined and folded once: the
        // values are hashed and multiplied side by side, so the slot's address waits on one value's hash, a multiply
        // and a fold, not on a chain through every value.
        var hash = _seed;
        for (var i = 0; i < values.Length; i++)
        {
            hash ^= QuickHash.Of(values[i]) * Multipliers[i];
        }

        return (int)QuickHash.Fold(hash);
    }

    public bool TryGet(ReadOnlySpan<string> values, int hash, out LevelIds ids)
    {
        Debug.Assert(values.Length == _width, "A combination has one value per dimension.");
        var mask = _slots - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = Slot(_lines, _skip, i);
            var where = slot[1];
            if (where == Empty)
            {
                ids = default;
                return false;
            }

            if (slot[0] == hash && (where == InSlot ? SameInSlot(slot, values) : SameInArena(where - 1, values)))
            {
                ids = default;
                Unsafe.As<LevelIds, Vector128<int>>(ref ids) = Vector128.Create<int>(slot[1..]) & _idLanes;
                if (_width == LevelIds.Length - 1)
                {
                    ids[LevelIds.Length - 1] = slot[HeaderInts + LevelIds.Length - 2];
                }

                return true;
            }
        }
    }

    /// <summary>Adds a combination not in the cache, with the hash <see cref="HashOf"/> gave it.</summary>
    /// <param name="values">The combination's values, one per dimension.</param>
    /// <param name="hash">Its hash.</param>
    /// <param name="ids">Its series at each level; the total level's is always 0 and is not kept.</param>
    public void Add(ReadOnlySpan<string> values, int hash, in LevelIds ids)
    {
        Debug.Assert(values.Length == _width && ids[0] == 0, "One value per dimension, and the total's only series.");
        if ((_count + 1) * (_slots < SparseBelowSlots ? 4 : 2) > _slots)
        {
            Rehash(_slots * 2);
        }

        var (index, run) = FreeSlot(_lines, _skip, _slots, hash);
        var slot = Slot(_lines, _skip, index);
        slot[0] = hash;
        for (var level = 1; level <= _width; level++)
        {
            slot[HeaderInts + level - 1] = ids[level];
        }

        slot[1] = Store(values, MemoryMarshal.Cast<int, char>(slot));
        _count++;
        if (run > LongRun && !HashesInFull)
        {
            HashesInFull = true;
            Rehash(_slots);
        }
    }

    // One slot of a table, as ints. Only called with an index below the table's slot count, whose line lies inside
    // the array (it has a line more than its slots, for the skip to the first whole line).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<int> Slot(long[] lines, int skip, int index)
    {
        Debug.Assert(skip + ((index + 1) * SlotLongs) <= lines.Length, "The slot lies inside the table.");
        ref var line = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lines), skip + (index * SlotLongs));
        return MemoryMarshal.CreateSpan(ref Unsafe.As<long, int>(ref line), SlotInts);
    }

    // A table of slots on the pinned heap, and how many longs into it the first whole cache line starts.
    private static (long[] Lines, int Skip) Allocate(int slots) => PinnedLines.Allocate(slots * SlotLongs);

    private static int FullHashOf(ReadOnlySpan<string> values)
    {
        var hash = 0;
        foreach (var value in values)
        {
            hash = (hash * -1521134295) + string.GetHashCode(value.AsSpan());
        }

        return hash;
    }

    private bool SameInSlot(Span<int> slot, ReadOnlySpan<string> values)
    {
        ReadOnlySpan<char> chars = MemoryMarshal.Cast<int, char>(slot);
        var offset = _valuesAt;
        foreach (var value in values)
        {
            if (chars[offset] != value.Length || !chars.Slice(offset + 1, value.Length).SequenceEqual(value))
            {
                return false;
            }

            offset += 1 + value.Length;
        }

        return true;
    }

    private bool SameInArena(int offset, ReadOnlySpan<string> values)
    {
        var arena = _arena;
        foreach (var value in values)
        {
            var length = arena[offset] | (arena[offset + 1] << 16);
            if (length != value.Length || !arena.AsSpan(offset + 2, length).SequenceEqual(value))
            {
                return false;
            }

            offset += 2 + length;
        }

        return true;
    }

    // Copies the values into the slot when they fit, otherwise into the arena; returns where they are.
    private int Store(ReadOnlySpan<string> values, Span<char> slot)
    {
        var needed = 0L;
        foreach (var value in values)
        {
            needed += 1 + value.Length;
        }

        if (needed <= _valueChars)
        {
            var offset = _valuesAt;
            foreach (var value in values)
            {
                slot[offset] = (char)value.Length;
                value.CopyTo(slot[(offset + 1)..]);
                offset += 1 + value.Length;
            }

            return InSlot;
        }

        needed += values.Length;
        if (_arenaLength + needed > _arena.Length)
        {
            Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max(_arena.Length * 2L, _arenaLength + needed)));
        }

        var start = _arenaLength;
        foreach (var value in values)
        {
            _arena[_arenaLength] = (char)(value.Length & 0xFFFF);
            _arena[_arenaLength + 1] = (char)(value.Length >> 16);
            value.CopyTo(_arena.AsSpan(_arenaLength + 2));
            _arenaLength += 2 + value.Length;
        }

        InArena++;
        return start + 1;
    }

    // The values of a slot, for re-hashing them in full.
    private string[] ValuesOf(Span<int> slot)
    {
        var values = new string[_width];
        if (slot[1] == InSlot)
        {
            ReadOnlySpan<char> chars = MemoryMarshal.Cast<int, char>(slot);
            var offset = _valuesAt;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = new string(chars.Slice(offset + 1, chars[offset]));
                offset += 1 + chars[offset];
            }

            return values;
        }

        var at = slot[1] - 1;
        for (var i = 0; i < values.Length; i++)
        {
            var length = _arena[at] | (_arena[at + 1] << 16);
            values[i] = new string(_arena, at + 2, length);
            at += 2 + length;
        }

        return values;
    }

    // The first empty slot from the hash's, and the length of the probe run it ends.
    private static (int Index, int Run) FreeSlot(long[] lines, int skip, int slots, int hash)
    {
        var mask = slots - 1;
        var index = hash & mask;
        var run = 1;
        while (Slot(lines, skip, index)[1] != Empty)
        {
            index = (index + 1) & mask;
            run++;
        }

        return (index, run);
    }

    private void Rehash(int slots)
    {
        var (lines, skip) = Allocate(slots);
        for (var i = 0; i < _slots; i++)
        {
            var slot = Slot(_lines, _skip, i);
            if (slot[1] == Empty)
            {
                continue;
            }

            var hash = HashesInFull ? FullHashOf(ValuesOf(slot)) : slot[0];
            var target = Slot(lines, skip, FreeSlot(lines, skip, slots, hash).Index);
            slot.CopyTo(target);
            target[0] = hash;
        }

        (_lines, _skip, _slots) = (lines, skip, slots);
    }
}
