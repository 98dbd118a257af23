using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using NodaTime;
using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Engine;

/// <summary>What <see cref="SeenIds.TryClaim(string, Instant)"/> found.</summary>
internal enum Claim
{
    /// <summary>The id is new and is now remembered.</summary>
    Claimed,

    /// <summary>The id was already remembered: the event is a duplicate.</summary>
    Duplicate,

    /// <summary>The event is older than the window, so a replay of it could no longer be recognised.</summary>
    BeyondWindow,
}

/// <summary>
/// The event ids one source's events were claimed under, when the engine de-duplicates without a store.
/// </summary>
/// <remarks>
/// <para>Without a window every id is remembered for the engine's lifetime. With one, time is cut into spans one
/// window long, counted from the Unix epoch, and an id is filed in the span its event occurred in. Only two spans are
/// kept: the newest event's and the one before it. When the newest event moves into a later span, the older spans
/// are forgotten at once (their sets are cleared and reused, without looking at a single id), and an event in a
/// forgotten span is refused rather than applied a second time. So an id is remembered for at least one window and
/// at most two, memory is bounded by two windows of events, and a host in steady state does not allocate.</para>
/// <para>Every new id must be looked up in both spans' sets, and the other span's set is usually out of the core's
/// cache. So each set keeps a one-hash bit filter, eight bits per id: a clear bit proves the id absent without
/// touching the set, and only about one new id in nine looks further.</para>
/// <para>The sets are <see cref="IdTable"/>s, so a batch loop can ask for an id's slots (and the other span's filter
/// word) a few events ahead through <see cref="Prefetch"/>. Without a window, capacity grows at least twofold: growing
/// to fit each batch exactly would copy the whole record on nearly every batch.</para>
/// <para>Not thread-safe: the engine calls it under its lock.</para>
/// </remarks>
internal sealed class SeenIds
{
    private readonly long _windowTicks;
    private readonly IdTable? _all;
    private SpanIds _current = new();
    private SpanIds _previous = new();
    private long _span = long.MinValue;

    /// <summary>Creates an empty record.</summary>
    /// <param name="window">How long ids are remembered at least; <see langword="null"/> for ever.</param>
    public SeenIds(Duration? window)
    {
        if (window is { } length)
        {
            _windowTicks = Math.Max(1, length.BclCompatibleTicks);
        }
        else
        {
            _all = new IdTable();
        }
    }

    /// <summary>How many ids are remembered (an id filed under both spans counts twice).</summary>
    public int Count => _all?.Count ?? _current.Ids.Count + _previous.Ids.Count;

    /// <summary>How many ids fit before the record must grow (without a window; with one, in the newest span).</summary>
    public int Capacity => (_all ?? _current.Ids).Capacity;

    /// <summary>
    /// Makes room for <paramref name="more"/> further ids, growing at least twofold when it must grow. With a window
    /// it does nothing: the batch may forget as many ids as it adds, and each set grows by doubling when it must.
    /// </summary>
    /// <param name="more">How many ids the next batch may add.</param>
    public void Reserve(int more) => _all?.Reserve(more);

    /// <summary>
    /// Asks the processor to start loading what claiming <paramref name="id"/> will read, for an event a few places
    /// ahead in a batch. Only a hint: it changes nothing. With a window it asks for what a new id in the newest span
    /// reads (the other span's filter word and slot, and its own slot), without working out the event's span: an
    /// older event is rare, and for it the hint is merely wasted.
    /// </summary>
    /// <param name="id">The event id.</param>
    /// <param name="hash">The id's <see cref="QuickHash.Of"/>, kept by the caller for claiming it.</param>
    public void Prefetch(string id, ulong hash)
    {
        if (_all is not null)
        {
            _all.Prefetch(id, hash);
            return;
        }

        _previous.PrefetchFilter(hash);
        _previous.Ids.Prefetch(id, hash);
        _current.Ids.Prefetch(id, hash);
    }

    /// <summary>Remembers <paramref name="id"/> unless it already is, or its event is beyond the window.</summary>
    /// <param name="id">The event id.</param>
    /// <param name="occurredAt">When the event occurred.</param>
    /// <returns>What was found.</returns>
    public Claim TryClaim(string id, Instant occurredAt) => TryClaim(id, occurredAt, QuickHash.Of(id));

    /// <summary>Remembers <paramref name="id"/> unless it already is, or its event is beyond the window.</summary>
    /// <param name="id">The event id.</param>
    /// <param name="occurredAt">When the event occurred.</param>
    /// <param name="hash">The id's <see cref="QuickHash.Of"/>.</param>
    /// <returns>What was found.</returns>
    public Claim TryClaim(string id, Instant occurredAt, ulong hash)
    {
        if (_all is not null)
        {
            return _all.Add(id, hash) ? Claim.Claimed : Claim.Duplicate;
        }

        var span = SpanOf(occurredAt);
        if (span > _span)
        {
            Advance(span);
        }

        if (span == _span)
        {
            if (_previous.Contains(id, hash))
            {
                // A copy with a later time: file it under the newest span too, so it is remembered for longer.
                _current.Add(id, hash);
                return Claim.Duplicate;
            }

            return _current.Add(id, hash) ? Claim.Claimed : Claim.Duplicate;
        }

        if (span == _span - 1)
        {
            return _current.Contains(id, hash) || !_previous.Add(id, hash) ? Claim.Duplicate : Claim.Claimed;
        }

        return _current.Contains(id, hash) || _previous.Contains(id, hash) ? Claim.Duplicate : Claim.BeyondWindow;
    }

    /// <summary>Forgets an id just claimed whose event was not applied after all.</summary>
    /// <param name="id">The event id.</param>
    public void Release(string id)
    {
        // Its filter bit stays set: it may be another id's too, and a stale bit only costs a look-up.
        _all?.Remove(id);
        _current.Ids.Remove(id);
        _previous.Ids.Remove(id);
    }

    private long SpanOf(Instant occurredAt) =>
        Math.DivRem(occurredAt.ToUnixTimeTicks(), _windowTicks, out var rest) - (rest < 0 ? 1 : 0);

    // The newest event moved into a later span: every span before the one preceding it is forgotten.
    private void Advance(long span)
    {
        if (span == _span + 1)
        {
            (_previous, _current) = (_current, _previous);
            _current.Clear();
        }
        else
        {
            _previous.Clear();
            _current.Clear();
        }

        _span = span;
    }

    // One span's ids, with a bit filter that answers most look-ups of absent ids from a few kilobytes.
    private sealed class SpanIds
    {
        private const int BitsPerId = 8;
        private const ulong Spread = 0x9E3779B97F4A7C15UL;

        private ulong[] _bits = new ulong[16];
        private int _shift = 64 - 10;

        public IdTable Ids { get; } = new();

        public bool Contains(string id, ulong hash) => MightContain(hash) && Ids.Contains(id, hash);

        public bool Add(string id, ulong hash)
        {
            if (!Ids.Add(id, hash))
            {
                return false;
            }

            Mark(hash);
            if (Ids.Count > _bits.Length * (64 / BitsPerId))
            {
                Grow();
            }

            return true;
        }

        public void Clear()
        {
            Ids.Clear();
            Array.Clear(_bits);
        }

        public unsafe void PrefetchFilter(ulong hash)
        {
            if (Sse.IsSupported)
            {
                var bit = (hash * Spread) >> _shift;
                Sse.Prefetch0(Unsafe.AsPointer(ref _bits[bit >> 6]));
            }
        }

        private bool MightContain(ulong hash)
        {
            var bit = (hash * Spread) >> _shift;
            return (_bits[bit >> 6] & (1UL << (int)bit)) != 0;
        }

        private void Mark(ulong hash)
        {
            var bit = (hash * Spread) >> _shift;
            _bits[bit >> 6] |= 1UL << (int)bit;
        }

        // Twice the bits, marked again from the ids: amortised, and never once the span's size is steady.
        private void Grow()
        {
            _bits = new ulong[_bits.Length * 2];
            _shift--;
            foreach (var id in Ids.Items())
            {
                Mark(QuickHash.Of(id));
            }
        }
    }
}
