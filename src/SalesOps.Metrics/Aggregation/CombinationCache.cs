using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The series ids at every roll-up level of each combination of dimension values seen, keyed by the value strings
/// themselves: once a combination is known, one hash of the event's values and one probe resolve all its levels,
/// with no interning and no per-level look-up.
/// </summary>
/// <remarks>
/// <para>Open addressing with linear probing over a power-of-two table kept at most half full. The caller
/// never adds a combination that landed in an overflow series, so the cache is bounded by the metric's series cap.
/// The values are copied into one character arena (length, then characters, per value), so a probe compares
/// against memory the cache owns and keeps together, not against strings scattered over the heap by the events
/// that first carried them.</para>
/// <para>The hash folds each value eight bytes at a time with a multiply and a shift, mixed with a seed drawn at
/// random per cache: a few nanoseconds for the short codes and names dimensions hold. It is not built to resist
/// crafted values, so a probe run longer than <see cref="LongRun"/> switches the cache for good to the runtime's
/// randomised hash, as <see cref="Dictionary{TKey, TValue}"/> does for strings.</para>
/// </remarks>
internal sealed class CombinationCache
{
    /// <summary>A probe run this long means the fast hash is colliding: rehash every value in full.</summary>
    /// <remarks>At most half full, honest values give runs of a few slots, and rarely past 30 even with a million entries.</remarks>
    public const int LongRun = 100;

    private readonly ulong _seed = (ulong)Random.Shared.NextInt64() | 1;
    private Entry[] _entries = new Entry[16];
    private int _count;
    private readonly int _width;
    private char[] _arena = new char[256];
    private int _arenaLength;

    /// <summary>Creates a cache for combinations of <paramref name="width"/> values.</summary>
    public CombinationCache(int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        _width = width;
    }

    public int Count => _count;

    /// <summary>True once the cache hashes every character (after a long probe run).</summary>
    public bool HashesInFull { get; private set; }

    /// <summary>The hash of one combination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int HashOf(ReadOnlySpan<string> values)
    {
        if (HashesInFull)
        {
            return FullHashOf(values);
        }

        var hash = _seed;
        foreach (var value in values)
        {
            hash = QuickHash.Mix(hash ^ QuickHash.Of(value));
        }

        return (int)(hash ^ (hash >> 32));
    }

    public bool TryGet(ReadOnlySpan<string> values, int hash, out LevelIds ids)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var entry = ref entries[i];
            if (entry.Start == 0)
            {
                ids = default;
                return false;
            }

            if (entry.Hash == hash && SameValues(entry.Start - 1, values))
            {
                ids = entry.Ids;
                return true;
            }
        }
    }

    /// <summary>Adds a combination not in the cache, with the hash <see cref="HashOf"/> gave it.</summary>
    public void Add(ReadOnlySpan<string> values, int hash, in LevelIds ids)
    {
        if ((_count + 1) * 2 > _entries.Length)
        {
            Rehash(_entries.Length * 2);
        }

        if (Insert(_entries, hash, Store(values) + 1, ids) > LongRun && !HashesInFull)
        {
            HashesInFull = true;
            Rehash(_entries.Length);
        }

        _count++;
    }

    private static int FullHashOf(ReadOnlySpan<string> values)
    {
        var hash = 0;
        foreach (var value in values)
        {
            hash = (hash * -1521134295) + string.GetHashCode(value.AsSpan());
        }

        return hash;
    }

    private bool SameValues(int offset, ReadOnlySpan<string> values)
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

    // Copies the values into the arena; returns where they start.
    private int Store(ReadOnlySpan<string> values)
    {
        var needed = 0L;
        foreach (var value in values)
        {
            needed += 2 + value.Length;
        }

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

        return start;
    }

    // The values stored at an arena offset, for re-hashing them in full.
    private string[] ValuesAt(int offset, int count)
    {
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            var length = _arena[offset] | (_arena[offset + 1] << 16);
            values[i] = new string(_arena, offset + 2, length);
            offset += 2 + length;
        }

        return values;
    }

    // Returns the length of the probe run the entry joined.
    private static int Insert(Entry[] entries, int hash, int start, in LevelIds ids)
    {
        var mask = entries.Length - 1;
        var i = hash & mask;
        var run = 1;
        while (entries[i].Start != 0)
        {
            i = (i + 1) & mask;
            run++;
        }

        entries[i] = new Entry { Hash = hash, Start = start, Ids = ids };
        return run;
    }

    private void Rehash(int size)
    {
        var rehashed = new Entry[size];
        foreach (ref readonly var entry in _entries.AsSpan())
        {
            if (entry.Start != 0)
            {
                var hash = HashesInFull ? FullHashOf(ValuesAt(entry.Start - 1, _width)) : entry.Hash;
                Insert(rehashed, hash, entry.Start, entry.Ids);
            }
        }

        _entries = rehashed;
    }

    private struct Entry
    {
        public int Hash;

        // One past the combination's offset in the arena; 0 marks an empty slot.
        public int Start;
        public LevelIds Ids;
    }
}
