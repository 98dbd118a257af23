using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Engine;

/// <summary>
/// A set of event ids whose slot for an id can be asked for ahead of time: the record behind
/// <see cref="SeenIds"/>. A batch loop calls <see cref="Prefetch"/> for an event a few places ahead, so that by the time
/// the event is claimed its slot is in the core's cache.
/// </summary>
/// <remarks>
/// <para>A power-of-two table of buckets, each one cache line of eight 8-byte slots (the table starts on a line, on the
/// pinned heap), kept at most half full. A slot holds a 32-bit tag of the id's hash, whose low bits also choose the
/// bucket, and the 1-based position of the id in an array the ids are appended to; 0 is an empty slot. An id goes in
/// the first empty slot of its bucket, or of the next bucket with one. A look-up compares all eight tags of a bucket
/// at once and tests it for an empty slot in the same step, so that a claim of a new id (the usual case) reads one
/// line and takes the same branches whatever the bucket holds; only a matching tag (the same id, or one chance in
/// four billion) reads the stored string. A removed id leaves a marker that keeps the buckets after it reachable,
/// until the table is rebuilt. Growing re-places the slots from their tags, without touching an id.</para>
/// <para>The tag comes from a seeded, mixed <see cref="QuickHash"/> of the characters: a few nanoseconds for the
/// short ids sources use. That hash is not built to resist crafted ids, so a probe longer than
/// <see cref="CombinationCache.LongRun"/> slots switches the table for good to the runtime's randomised string hash,
/// as <see cref="HashSet{T}"/> does.</para>
/// <para>Not thread-safe: the engine calls it under its lock.</para>
/// </remarks>
internal sealed class IdTable
{
    private const int BucketSlots = 8;
    private const int MinimumBuckets = 2;
    private const int MaximumBuckets = 1 << 27;

    // A removed id's slot: position 0 (so never an id's), not empty (so a look-up goes on past its bucket).
    private const long Removed = long.MinValue;
    private const long TagBits = unchecked((long)0xFFFF_FFFF_0000_0000);

    private readonly ulong _seed = (ulong)Random.Shared.NextInt64() | 1;

    // The buckets, from _skip on (the first whole cache line of the array); pinned, so the lines stay where they start.
    private long[] _table;
    private int _skip;
    private int _buckets;
    private string?[] _ids = new string?[MinimumBuckets * BucketSlots / 2];

    // Ids appended so far (released ones leave a hole); the live count is Count.
    private int _appended;

    // Slots holding an id or the marker of a removed one.
    private int _used;

    /// <summary>Creates an empty table.</summary>
    public IdTable() => (_table, _skip, _buckets) = Allocate(MinimumBuckets);

    /// <summary>How many ids the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many ids fit before the table must grow.</summary>
    public int Capacity => Math.Min(Slots / 2, _ids.Length);

    /// <summary>True once the table hashes ids with the runtime's randomised hash (after a long probe).</summary>
    public bool HashesRandomised { get; private set; }

    private int Slots => _buckets * BucketSlots;

    /// <summary>Makes room for <paramref name="more"/> further ids at once.</summary>
    /// <param name="more">How many ids may be added.</param>
    /// <param name="atLeastDouble">Grow at least twofold when growing, so that growth stays amortised.</param>
    public void Reserve(int more, bool atLeastDouble = true)
    {
        var needed = (long)_appended + more;
        if (needed > _ids.Length)
        {
            var length = atLeastDouble ? Math.Max(needed, 2L * _ids.Length) : needed;
            Array.Resize(ref _ids, (int)Math.Min(Array.MaxLength, length));
        }

        // Slots for every position at most half full, so a look-up rarely reads past its first bucket.
        var buckets = BucketsFor(_ids.Length);
        if (buckets > _buckets)
        {
            Rehash(buckets);
        }
    }

    /// <summary>Asks the processor to start loading the bucket <paramref name="id"/> would be looked up in. Only a hint.</summary>
    /// <param name="id">The id.</param>
    /// <param name="hash">The id's <see cref="QuickHash.Of"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(string id, ulong hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Bucket((int)TagOf(id, hash) & (_buckets - 1))));
        }
    }

    /// <summary>True when the table holds <paramref name="id"/>.</summary>
    /// <param name="id">The id.</param>
    /// <param name="hash">The id's <see cref="QuickHash.Of"/>.</param>
    public bool Contains(string id, ulong hash) => Find(id, TagOf(id, hash)) >= 0;

    /// <summary>Adds <paramref name="id"/> unless the table holds it.</summary>
    /// <param name="id">The id.</param>
    /// <param name="hash">The id's <see cref="QuickHash.Of"/>.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> when it was already there.</returns>
    /// <exception cref="InvalidOperationException">The table is at the largest size it can have and full.</exception>
    public bool Add(string id, ulong hash)
    {
        if (!HasRoom)
        {
            Grow();
        }

        var tag = TagOf(id, hash);
        var key = (long)tag << 32;
        var mask = _buckets - 1;
        var probed = 0;
        for (var index = (int)tag & mask; ; index = (index + 1) & mask)
        {
            ref var bucket = ref Bucket(index);
            var (matches, empty) = Scan(ref bucket, key);
            if (matches != 0 && Holds(ref bucket, matches, id) >= 0)
            {
                return false;
            }

            probed += BucketSlots;
            if (empty != 0)
            {
                _ids[_appended] = id;
                Unsafe.Add(ref bucket, BitOperations.TrailingZeroCount(empty)) = key | (uint)(_appended + 1);
                _appended++;
                _used++;
                Count++;
                if (probed > CombinationCache.LongRun && !HashesRandomised)
                {
                    HashesRandomised = true;
                    Rehash(_buckets);
                }

                return true;
            }
        }
    }

    /// <summary>Removes <paramref name="id"/> if the table holds it.</summary>
    /// <returns><see langword="true"/> when it was there.</returns>
    public bool Remove(string id)
    {
        var slot = Find(id, TagOf(id, QuickHash.Of(id)));
        if (slot < 0)
        {
            return false;
        }

        ref var entry = ref Unsafe.Add(ref Bucket(0), slot);
        _ids[(int)entry - 1] = null;
        entry = Removed;
        Count--;
        return true;
    }

    /// <summary>The ids held, in the order they were added.</summary>
    public IEnumerable<string> Items()
    {
        for (var position = 0; position < _appended; position++)
        {
            if (_ids[position] is { } id)
            {
                yield return id;
            }
        }
    }

    /// <summary>Forgets every id, keeping the storage.</summary>
    public void Clear()
    {
        Array.Clear(_table);
        Array.Clear(_ids, 0, _appended);
        _appended = 0;
        _used = 0;
        Count = 0;
    }

    // The slot holding the id, counted from the first bucket's first, or -1.
    private int Find(string id, uint tag)
    {
        var key = (long)tag << 32;
        var mask = _buckets - 1;
        for (var index = (int)tag & mask; ; index = (index + 1) & mask)
        {
            ref var bucket = ref Bucket(index);
            var (matches, empty) = Scan(ref bucket, key);
            if (matches != 0 && Holds(ref bucket, matches, id) is var slot and >= 0)
            {
                return (index * BucketSlots) + slot;
            }

            if (empty != 0)
            {
                return -1;
            }
        }
    }

    // Which of a bucket's slots carry the key's tag, and which are empty, a bit per slot: two 32-byte compares each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (uint Matches, uint Empty) Scan(ref long bucket, long key)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return ScanEach(ref bucket, key);
        }

        var low = Vector256.LoadUnsafe(ref bucket);
        var high = Vector256.LoadUnsafe(ref bucket, BucketSlots / 2);
        var tags = Vector256.Create(TagBits);
        var wanted = Vector256.Create(key);
        var matches = Vector256.Equals(low & tags, wanted).ExtractMostSignificantBits()
            | (Vector256.Equals(high & tags, wanted).ExtractMostSignificantBits() << (BucketSlots / 2));
        var empty = Vector256.Equals(low, Vector256<long>.Zero).ExtractMostSignificantBits()
            | (Vector256.Equals(high, Vector256<long>.Zero).ExtractMostSignificantBits() << (BucketSlots / 2));
        return (matches, empty);
    }

    // Scan a slot at a time, where 32-byte vectors are not native.
    internal static (uint Matches, uint Empty) ScanEach(ref long bucket, long key)
    {
        uint matches = 0;
        uint empty = 0;
        for (var slot = 0; slot < BucketSlots; slot++)
        {
            var entry = Unsafe.Add(ref bucket, slot);
            matches |= (entry & TagBits) == key ? 1u << slot : 0;
            empty |= entry == 0 ? 1u << slot : 0;
        }

        return (matches, empty);
    }

    // Of the slots whose tag matched, the one holding the id itself, or -1. (A removed id's marker has position 0.)
    private int Holds(ref long bucket, uint matches, string id)
    {
        for (; matches != 0; matches &= matches - 1)
        {
            var slot = BitOperations.TrailingZeroCount(matches);
            var position = (int)Unsafe.Add(ref bucket, slot);
            if (position != 0 && string.Equals(_ids[position - 1], id, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        return -1;
    }

    private bool HasRoom => _appended < _ids.Length && (long)(_used + 1) * 2 <= Slots;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        Reserve(1);

        // At the largest table the slots may fill to seven eighths (markers of removed ids are cleared first); beyond
        // that (about 940 million ids) nothing fits.
        if ((long)(_used + 1) * 8 > 7L * Slots && _used > Count)
        {
            Rehash(_buckets);
        }

        if (_appended == _ids.Length || (long)(_used + 1) * 8 > 7L * Slots)
        {
            throw new InvalidOperationException("The record of event ids is full: use a de-duplication window or a store.");
        }
    }

    // The bucket at an index below the table's bucket count.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref long Bucket(int index) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_table), _skip + (index * BucketSlots));

    // The caller's unseeded hash, seeded and mixed; the randomised hash of the characters once probes grew long.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint TagOf(string id, ulong hash) => HashesRandomised
        ? (uint)QuickHash.Mix((uint)string.GetHashCode(id.AsSpan()) ^ _seed)
        : (uint)QuickHash.Mix(hash ^ _seed);

    private static int BucketsFor(long ids)
    {
        var buckets = Math.Max(MinimumBuckets, (long)BitOperations.RoundUpToPowerOf2((ulong)((ids * 2) + BucketSlots - 1) / BucketSlots));
        return (int)Math.Min(buckets, MaximumBuckets);
    }

    // A table of buckets on the pinned heap, and how many slots into it the first whole cache line starts.
    private static (long[] Table, int Skip, int Buckets) Allocate(int buckets)
    {
        var (table, skip) = PinnedLines.Allocate(buckets * BucketSlots);
        return (table, skip, buckets);
    }

    // Places every id again, from its tag (or, after switching hashes, from its characters), leaving out the markers
    // of removed ids.
    private void Rehash(int buckets)
    {
        var (table, skip, _) = Allocate(buckets);
        var mask = buckets - 1;
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), skip);
        if (HashesRandomised)
        {
            for (var position = 0; position < _appended; position++)
            {
                if (_ids[position] is { } id)
                {
                    Place(ref first, mask, ((long)TagOf(id, 0) << 32) | (uint)(position + 1));
                }
            }
        }
        else
        {
            ref var old = ref Bucket(0);
            for (var slot = 0; slot < Slots; slot++)
            {
                var entry = Unsafe.Add(ref old, slot);
                if ((int)entry != 0)
                {
                    Place(ref first, mask, entry);
                }
            }
        }

        (_table, _skip, _buckets) = (table, skip, buckets);
        _used = Count;
    }

    // An entry into the first empty slot from its bucket on.
    private static void Place(ref long first, int mask, long entry)
    {
        for (var index = (int)(uint)(entry >> 32) & mask; ; index = (index + 1) & mask)
        {
            ref var bucket = ref Unsafe.Add(ref first, index * BucketSlots);
            for (var slot = 0; slot < BucketSlots; slot++)
            {
                if (Unsafe.Add(ref bucket, slot) == 0)
                {
                    Unsafe.Add(ref bucket, slot) = entry;
                    return;
                }
            }
        }
    }
}
