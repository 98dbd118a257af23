using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Engine;

/// <summary>
/// A set of event ids whose slot for an id can be asked for ahead of time: the record behind
/// <see cref="SeenIds"/>. A batch loop calls <see cref="Prefetch"/> for an event a few places ahead, so that by the time
/// the event is claimed its slot is in the core's cache.
/// </summary>
/// <remarks>
/// <para>Open addressing with linear probing over a power-of-two table of 8-byte slots kept at most half full. A slot
/// holds a 32-bit tag of the id's hash (which also places it) and the 1-based position of the id in an array the ids
/// are appended to; 0 is an empty slot. A look-up of a new id reads one slot (rarely two) and compares tags; only a
/// matching tag (the same id, or one chance in four billion) reads the stored string. Growing re-places the slots
/// from their tags, without touching an id.</para>
/// <para>The tag comes from a seeded, mixed <see cref="QuickHash"/> of the characters: a few nanoseconds for the
/// short ids sources use. That hash is not built to resist crafted ids, so a probe run longer than
/// <see cref="CombinationCache.LongRun"/> switches the table for good to the runtime's randomised string hash, as
/// <see cref="HashSet{T}"/> does.</para>
/// <para>Not thread-safe: the engine calls it under its lock.</para>
/// </remarks>
internal sealed class IdTable
{
    private const int MinimumSlots = 16;
    private const int MaximumSlots = 1 << 30;

    private readonly ulong _seed = (ulong)Random.Shared.NextInt64() | 1;
    private long[] _slots = new long[MinimumSlots];
    private string?[] _ids = new string?[MinimumSlots / 2];

    // Ids appended so far (released ones leave a hole); the live count is Count.
    private int _appended;

    /// <summary>How many ids the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many ids fit before the table must grow.</summary>
    public int Capacity => Math.Min(_slots.Length / 2, _ids.Length);

    /// <summary>True once the table hashes ids with the runtime's randomised hash (after a long probe run).</summary>
    public bool HashesRandomised { get; private set; }

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

        // Slots for every position at most half full, so a look-up rarely reads past its first slot.
        var slots = SlotsFor(_ids.Length);
        if (slots > _slots.Length)
        {
            Rehash(slots);
        }
    }

    /// <summary>Asks the processor to start loading the slot <paramref name="id"/> would be looked up in. Only a hint.</summary>
    /// <param name="id">The id.</param>
    /// <param name="hash">The id's <see cref="QuickHash.Of"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(string id, ulong hash)
    {
        if (Sse.IsSupported)
        {
            var slots = _slots;
            var slot = (int)TagOf(id, hash) & (slots.Length - 1);
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), slot)));
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
        var slots = _slots;
        var mask = slots.Length - 1;
        var slot = (int)tag & mask;
        var run = 1;
        for (var entry = slots[slot]; entry != 0; entry = slots[slot])
        {
            if ((uint)(entry >> 32) == tag && string.Equals(_ids[(int)entry - 1], id, StringComparison.Ordinal))
            {
                return false;
            }

            slot = (slot + 1) & mask;
            run++;
        }

        _ids[_appended] = id;
        slots[slot] = ((long)tag << 32) | (uint)(_appended + 1);
        _appended++;
        Count++;
        if (run > CombinationCache.LongRun && !HashesRandomised)
        {
            HashesRandomised = true;
            Rehash(_slots.Length);
        }

        return true;
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

        _ids[(int)_slots[slot] - 1] = null;
        _slots[slot] = 0;
        Count--;

        // Backward-shift deletion: pull later members of the run into the gap so no probe stops short of them.
        var mask = _slots.Length - 1;
        var gap = slot;
        for (var next = (gap + 1) & mask; _slots[next] != 0; next = (next + 1) & mask)
        {
            var home = (int)(uint)(_slots[next] >> 32) & mask;
            if (((next - home) & mask) >= ((next - gap) & mask))
            {
                _slots[gap] = _slots[next];
                _slots[next] = 0;
                gap = next;
            }
        }

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
        Array.Clear(_slots);
        Array.Clear(_ids, 0, _appended);
        _appended = 0;
        Count = 0;
    }

    // The slot holding the id, or -1.
    private int Find(string id, uint tag)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var slot = (int)tag & mask; ; slot = (slot + 1) & mask)
        {
            var entry = slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if ((uint)(entry >> 32) == tag && string.Equals(_ids[(int)entry - 1], id, StringComparison.Ordinal))
            {
                return slot;
            }
        }
    }

    private bool HasRoom => _appended < _ids.Length && (long)(Count + 1) * 2 <= _slots.Length;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        Reserve(1);

        // At the largest table the slots may fill to seven eighths; beyond that (half a billion ids) nothing fits.
        if (_appended == _ids.Length || (long)(Count + 1) * 8 > 7L * _slots.Length)
        {
            throw new InvalidOperationException("The record of event ids is full: use a de-duplication window or a store.");
        }
    }

    // The caller's unseeded hash, seeded and mixed; the randomised hash of the characters once runs grew long.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint TagOf(string id, ulong hash) => HashesRandomised
        ? (uint)QuickHash.Mix((uint)string.GetHashCode(id.AsSpan()) ^ _seed)
        : (uint)QuickHash.Mix(hash ^ _seed);

    private static int SlotsFor(long ids)
    {
        var slots = Math.Max(MinimumSlots, (long)BitOperations.RoundUpToPowerOf2((ulong)(ids * 2)));
        return (int)Math.Min(slots, MaximumSlots);
    }

    // Places every id again, from its tag (or, after switching hashes, from its characters).
    private void Rehash(int size)
    {
        var slots = new long[size];
        var mask = size - 1;
        if (HashesRandomised)
        {
            for (var position = 0; position < _appended; position++)
            {
                if (_ids[position] is { } id)
                {
                    Place(slots, mask, ((long)TagOf(id, 0) << 32) | (uint)(position + 1));
                }
            }
        }
        else
        {
            foreach (var entry in _slots)
            {
                if (entry != 0)
                {
                    Place(slots, mask, entry);
                }
            }
        }

        _slots = slots;
    }

    private static void Place(long[] slots, int mask, long entry)
    {
        var slot = (int)(uint)(entry >> 32) & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = entry;
    }
}
