using NodaTime;

namespace SalesOps.Metrics.Engine;

/// <summary>What <see cref="SeenIds.TryClaim"/> found.</summary>
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
/// <para>Without a window, capacity grows geometrically: growing to fit each batch exactly would, past the largest
/// prime the runtime tabulates (about 7.2 million), resize the whole set on nearly every batch.</para>
/// <para>Not thread-safe: the engine calls it under its lock.</para>
/// </remarks>
internal sealed class SeenIds
{
    private readonly long _windowTicks;
    private HashSet<string> _current = new(StringComparer.Ordinal);
    private HashSet<string> _previous = new(StringComparer.Ordinal);
    private long _span = long.MinValue;

    /// <summary>Creates an empty record.</summary>
    /// <param name="window">How long ids are remembered at least; <see langword="null"/> for ever.</param>
    public SeenIds(Duration? window) => _windowTicks = window is { } span ? Math.Max(1, span.BclCompatibleTicks) : 0;

    /// <summary>How many ids are remembered.</summary>
    public int Count => _current.Count + _previous.Count;

    /// <summary>How many ids fit in the newest span's set before it must grow.</summary>
    public int Capacity => _current.EnsureCapacity(0);

    /// <summary>
    /// Makes room for <paramref name="more"/> further ids, growing at least twofold when it must grow. With a window
    /// it does nothing: the batch may forget as many ids as it adds, and each set grows by doubling when it must.
    /// </summary>
    /// <param name="more">How many ids the next batch may add.</param>
    public void Reserve(int more)
    {
        if (_windowTicks != 0)
        {
            return;
        }

        var needed = (long)_current.Count + more;
        var capacity = Capacity;
        if (needed > capacity)
        {
            _current.EnsureCapacity((int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * capacity)));
        }
    }

    /// <summary>Remembers <paramref name="id"/> unless it already is, or its event is beyond the window.</summary>
    /// <param name="id">The event id.</param>
    /// <param name="occurredAt">When the event occurred.</param>
    /// <returns>What was found.</returns>
    public Claim TryClaim(string id, Instant occurredAt)
    {
        if (_windowTicks == 0)
        {
            return _current.Add(id) ? Claim.Claimed : Claim.Duplicate;
        }

        var span = SpanOf(occurredAt);
        if (span > _span)
        {
            Advance(span);
        }

        if (span == _span)
        {
            if (_previous.Contains(id))
            {
                // A copy with a later time: file it under the newest span too, so it is remembered for longer.
                _current.Add(id);
                return Claim.Duplicate;
            }

            return _current.Add(id) ? Claim.Claimed : Claim.Duplicate;
        }

        if (span == _span - 1)
        {
            return _current.Contains(id) || !_previous.Add(id) ? Claim.Duplicate : Claim.Claimed;
        }

        return _current.Contains(id) || _previous.Contains(id) ? Claim.Duplicate : Claim.BeyondWindow;
    }

    /// <summary>Forgets an id just claimed whose event was not applied after all.</summary>
    /// <param name="id">The event id.</param>
    public void Release(string id)
    {
        _current.Remove(id);
        _previous.Remove(id);
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
}
