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
/// never adds a combination that landed in an overflow series, so the cache is bounded by the metric's series cap.</para>
/// <para>The hash first reads only each value's length and its first and last eight bytes, mixed with a seed drawn
/// at random per cache: a few nanoseconds for the short codes and names dimensions hold. Values crafted to share
/// those bytes could lengthen probe runs, so a run longer than <see cref="LongRun"/> switches the cache for good to
/// the runtime's randomised hash of every character, as <see cref="Dictionary{TKey, TValue}"/> does for strings.</para>
/// </remarks>
internal sealed class CombinationCache
{
    /// <summary>A probe run this long means the fast hash is colliding: rehash every value in full.</summary>
    /// <remarks>At most half full, honest values give runs of a few slots, and rarely past 30 even with a million entries.</remarks>
    public const int LongRun = 100;

    private readonly ulong _seed = (ulong)Random.Shared.NextInt64() | 1;
    private Entry[] _entries = new Entry[16];
    private int _count;

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
            hash = Mix(hash ^ QuickHashOf(value));
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
            if (entry.Values is null)
            {
                ids = default;
                return false;
            }

            if (entry.Hash == hash && SameValues(entry.Values, values))
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

        if (Insert(_entries, hash, values.ToArray(), ids) > LongRun && !HashesInFull)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong QuickHashOf(string value)
    {
        var bytes = MemoryMarshal.AsBytes(value.AsSpan());
        if (bytes.Length >= sizeof(ulong))
        {
            var first = MemoryMarshal.Read<ulong>(bytes);
            var last = MemoryMarshal.Read<ulong>(bytes[^sizeof(ulong)..]);
            return Mix(first + (ulong)bytes.Length) ^ last;
        }

        ulong small = (ulong)bytes.Length << 56;
        for (var i = 0; i < bytes.Length; i++)
        {
            small |= (ulong)bytes[i] << (i * 8);
        }

        return small;
    }

    // The SplitMix64 finaliser.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static bool SameValues(string[] stored, ReadOnlySpan<string> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!string.Equals(stored[i], values[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Returns the length of the probe run the entry joined.
    private static int Insert(Entry[] entries, int hash, string[] values, in LevelIds ids)
    {
        var mask = entries.Length - 1;
        var i = hash & mask;
        var run = 1;
        while (entries[i].Values is not null)
        {
            i = (i + 1) & mask;
            run++;
        }

        entries[i] = new Entry { Hash = hash, Values = values, Ids = ids };
        return run;
    }

    private void Rehash(int size)
    {
        var rehashed = new Entry[size];
        foreach (ref readonly var entry in _entries.AsSpan())
        {
            if (entry.Values is { } values)
            {
                Insert(rehashed, HashesInFull ? FullHashOf(values) : entry.Hash, values, entry.Ids);
            }
        }

        _entries = rehashed;
    }

    private struct Entry
    {
        public int Hash;
        public LevelIds Ids;
        public string[]? Values;
    }
}
