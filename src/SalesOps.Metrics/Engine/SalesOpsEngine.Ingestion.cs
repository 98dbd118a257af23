using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodaTime;
using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Engine;

namespace SalesOps.Metrics;

public sealed partial class SalesOpsEngine
{
    /// <summary>The source name used for events pushed without one.</summary>
    public const string PushSource = "push";

    // How many events ahead Record(span) prefetches open cells: enough to cover a memory access at ~40 ns an event.
    private const int PrefetchDistance = 8;

    // How many events Record(span) records between two looks at whether loading ahead still pays.
    private const int PrefetchReview = 1024;

    private readonly IngestionCounters _total = new();
    private readonly Dictionary<string, SeenIds> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Checkpoint> _checkpoints = new(StringComparer.Ordinal);
    private readonly List<(string Source, ActivityEvent Event)> _held = [];
    private readonly HashSet<(MetricAggregator Metric, Grain Grain, long Key)> _dirty = [];
    private Instant? _publishedThrough;

    /// <summary>Everything ingested so far, counted.</summary>
    public IngestionReport Report
    {
        get
        {
            lock (_gate)
            {
                return _total.ToReport();
            }
        }
    }

    /// <summary>The events held for review under <see cref="LateEventPolicy.Hold"/>, oldest first.</summary>
    public IReadOnlyList<ActivityEvent> HeldEvents
    {
        get
        {
            lock (_gate)
            {
                return [.. _held.Select(h => h.Event)];
            }
        }
    }

    /// <summary>Applies one event.</summary>
    /// <param name="activity">The event.</param>
    /// <param name="source">The source that produced it; event ids are unique within a source.</param>
    /// <returns>What happened to it.</returns>
    public IngestionReport Ingest(ActivityEvent activity, string source = PushSource) => Ingest([activity], source);

    /// <summary>Applies a batch of events, in order, under one lock.</summary>
    /// <param name="batch">The events.</param>
    /// <param name="source">The source that produced them; event ids are unique within a source.</param>
    /// <returns>What happened to this batch. Never throws for bad events: they are rejected and counted.</returns>
    public IngestionReport Ingest(IEnumerable<ActivityEvent> batch, string source = PushSource) => Ingest(batch, source, checkpoint: null);

    /// <summary>
    /// Applies a batch of events from a source and records the source's checkpoint after it, atomically: with a
    /// store, the aggregate changes, the event ids and the checkpoint are written in one transaction.
    /// </summary>
    /// <param name="batch">The events.</param>
    /// <param name="source">The source that produced them; event ids are unique within a source.</param>
    /// <param name="checkpoint">The source's position after the batch; <see langword="null"/> leaves it unchanged.</param>
    /// <returns>What happened to this batch. Never throws for bad events: they are rejected and counted.</returns>
    /// <exception cref="StoreException">The store could not commit; the batch is undone and can be ingested again.</exception>
    public IngestionReport Ingest(IEnumerable<ActivityEvent> batch, string source, Checkpoint? checkpoint)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ReadOnlySpan<ActivityEvent> events = batch switch
        {
            ActivityEvent[] array => array,
            List<ActivityEvent> list => CollectionsMarshal.AsSpan(list),
            _ => [.. batch],
        };
        var counters = new IngestionCounters();
        lock (_gate)
        {
            var latest = _clock.GetCurrentInstant() + Definition.Ingestion.MaxFutureSkew;
            var changes = _store is null ? null : new ChangeSet(_aggregators);
            var dedup = Dedup(source, events, changes);
            var prefetch = EventPrefetch.Supported && events.Length > 2 * EventPrefetch.Distance;
            var hashIds = prefetch && dedup.KeepsRecord;

            // The hashes of the ids whose slots were asked for, by position modulo the distance, to claim them with.
            Span<ulong> idHashes = stackalloc ulong[EventPrefetch.Distance];
            for (var i = 0; i < events.Length; i++)
            {
                // A large batch is out of the core's cache: start loading the events a few places ahead.
                var ahead = prefetch && i + (2 * EventPrefetch.Distance) < events.Length;
                if (ahead)
                {
                    EventPrefetch.FarAhead(events[i + (2 * EventPrefetch.Distance)]);
                    EventPrefetch.Ahead(events[i + EventPrefetch.Distance]);
                    var nearAt = i + EventPrefetch.NearDistance;
                    if (hashIds && events[nearAt]?.Id is { } id)
                    {
                        ref var hash = ref idHashes[nearAt & (EventPrefetch.Distance - 1)];
                        hash = QuickHash.Of(id);
                        dedup.Prefetch(id, hash);
                    }
                }

                // An event's id was hashed ahead when the loop was looking ahead at NearDistance before it. (An event
                // whose id was null then is rejected before its id is claimed, so a stale hash is never used.)
                var hashedAhead = hashIds && i >= EventPrefetch.NearDistance
                    && i - EventPrefetch.NearDistance + (2 * EventPrefetch.Distance) < events.Length;
                var idHash = hashedAhead ? idHashes[i & (EventPrefetch.Distance - 1)] : (ulong?)null;
                IngestOne(events[i], source, dedup, latest, counters, changes, idHash);
            }

            if (changes is not null)
            {
                Commit(changes.ToCommit(source, checkpoint));
            }

            if (checkpoint is { } position)
            {
                _checkpoints[source] = position;
            }

            _total.Add(counters);
        }

        return counters.ToReport();
    }

    /// <summary>The checkpoint recorded for a source after its last committed batch.</summary>
    /// <param name="source">The source name.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when none was recorded.</returns>
    public Checkpoint? CheckpointOf(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_gate)
        {
            return _checkpoints.TryGetValue(source, out var checkpoint) ? checkpoint : null;
        }
    }

    /// <summary>Resolves a series of a metric once, for <see cref="Record(SeriesHandle, Instant, double?)"/>.</summary>
    /// <remarks>
    /// Count, sum, min, max and average metrics over the same events (event types, filters and group-by) share their
    /// aggregates, and their handles for the same dimension values are equal: record each event once, through any
    /// one of them, and every metric on those events sees it.
    /// </remarks>
    /// <param name="metric">A count, sum, min, max or average metric.</param>
    /// <param name="dimensions">The series' dimension values; missing group-by dimensions become <c>(none)</c>.</param>
    /// <returns>The handle.</returns>
    public SeriesHandle Resolve(string metric, IReadOnlyDictionary<string, string> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var runtime = MetricOf(metric);
        if (runtime.Aggregator is not { } aggregator || aggregator.IsDistinct)
        {
            throw new ArgumentException($"Metric '{metric}' is a {runtime.Definition.Aggregation} and cannot be recorded through a handle.", nameof(metric));
        }

        lock (_gate)
        {
            return new SeriesHandle(aggregator.Index, aggregator.Resolve(dimensions));
        }
    }

    /// <summary>Records one pre-resolved event. No de-duplication: the caller guarantees each event is recorded once.</summary>
    /// <param name="series">The series.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="value">Its value, or <see langword="null"/> for an event without one (counted, but not summed).</param>
    /// <returns><see langword="true"/> when applied; <see langword="false"/> when rejected and counted.</returns>
    public bool Record(SeriesHandle series, Instant occurredAt, double? value = null)
    {
        ReadOnlySpan<ResolvedEvent> one = [new ResolvedEvent(series, occurredAt, value)];
        return Record(one) == 1;
    }

    /// <summary>
    /// Records pre-resolved events under one lock, without allocating: the fastest path into the aggregates.
    /// No de-duplication: the caller guarantees each event is recorded once.
    /// </summary>
    /// <param name="events">The events; the engine does not keep the span.</param>
    /// <returns>How many were applied; the rest were rejected and counted in <see cref="Report"/>.</returns>
    // Compiled fully optimized at once: one call is often a whole batch, which would otherwise run its first dozens
    // of calls in unoptimized (on-stack-replaced) code. Its callees on the hot path are inlined or optimized alike.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Record(ReadOnlySpan<ResolvedEvent> events)
    {
        var applied = 0;
        lock (_gate)
        {
            var changes = _store is null ? null : new ChangeSet(_aggregators);
            var now = _clock.GetCurrentInstant();
            var latest = now + Definition.Ingestion.MaxFutureSkew;
            _total.Received += events.Length;

            // With many series the open cells do not fit in cache: start loading those of an event a few places
            // ahead, so its misses overlap with the work on this one.
            var prefetchPays = false;
            var entriesPay = false;
            foreach (var aggregator in _aggregators)
            {
                prefetchPays |= aggregator.PrefetchPays;
                entriesPay |= aggregator.PrefetchEntryPays;
            }

            // In windows of events: where most events of a window were kept as singles (many series, few events
            // each), they have no run to load ahead, and finding out where a series' cells are costs more than
            // loading them saves, so the next window does not ask. The series' entries in the map are still asked
            // for: every event reads its own, a run or not.
            var prefetch = prefetchPays;
            var singlesMade = prefetchPays ? SinglesMade() : 0;
            for (var window = 0; window < events.Length; window += PrefetchReview)
            {
                if (prefetchPays && window > 0)
                {
                    var made = SinglesMade();
                    prefetch = (made - singlesMade) * 2 < PrefetchReview;
                    singlesMade = made;
                }

                var end = Math.Min(events.Length, window + PrefetchReview);
                for (var i = window; i < end; i++)
                {
                    if (entriesPay && i + (2 * PrefetchDistance) < events.Length)
                    {
                        // Two steps: where the series' cells are, twice as far ahead; then the cells themselves.
                        var further = events[i + (2 * PrefetchDistance)].Series;
                        if ((uint)(further.Metric - 1) < (uint)_aggregators.Length)
                        {
                            _aggregators[further.Metric - 1].PrefetchEntry(further.Levels);
                        }
                    }

                    if (prefetch && i + PrefetchDistance < events.Length)
                    {
                        var ahead = events[i + PrefetchDistance].Series;
                        if ((uint)(ahead.Metric - 1) < (uint)_aggregators.Length)
                        {
                            _aggregators[ahead.Metric - 1].Prefetch(ahead.Levels);
                        }
                    }

                    ref readonly var item = ref events[i];
                    var handle = item.Series;
                    if ((uint)(handle.Metric - 1) >= (uint)_aggregators.Length)
                    {
                        throw new ArgumentException("The series handle was not issued by this engine.", nameof(events));
                    }

                    var reason = Check(item.OccurredAt, item.Value ?? 0, latest);
                    if (reason is { } rejected)
                    {
                        _total.Reject(rejected);
                        continue;
                    }

                    if (_publishedThrough is { } published && item.OccurredAt < published)
                    {
                        // Late pre-resolved events take the same policy as plain ones, through the slow path.
                        if (!AdmitLate(item.OccurredAt, _total))
                        {
                            continue;
                        }
                    }

                    var aggregator = _aggregators[handle.Metric - 1];
                    var keys = _periodKeys.For(item.OccurredAt);
                    aggregator.Apply(handle.Levels, keys, item.Value);
                    changes?.Record(aggregator, handle.Levels, keys, distinctValue: null);
                    if (_publishedThrough is { } through && item.OccurredAt < through)
                    {
                        MarkDirty(aggregator, keys);
                    }

                    applied++;
                }
            }

            if (changes is not null)
            {
                Commit(changes.ToCommit(PushSource, checkpoint: null));
            }

            _total.Applied += applied;
        }

        return applied;
    }

    // How many first events of a series the aggregators' finest levels have kept as singles so far.
    private long SinglesMade()
    {
        var made = 0L;
        foreach (var aggregator in _aggregators)
        {
            made += aggregator.SinglesMade;
        }

        return made;
    }

    /// <summary>Applies the held events to their windows; they count as applied from now on.</summary>
    /// <returns>What happened to them.</returns>
    public IngestionReport ReleaseHeld()
    {
        var counters = new IngestionCounters();
        lock (_gate)
        {
            var changes = _store is null ? null : new ChangeSet(_aggregators) { ClearHeld = true };
            foreach (var (_, activity) in _held)
            {
                Apply(activity, counters, changes);
                if (changes is not null && Definition.Ingestion.EventRetention is not null)
                {
                    changes.Retained.Add(activity);
                }

                if (_publishedThrough is { } through && activity.OccurredAt < through)
                {
                    MarkDirty(activity);
                }

                counters.Applied++;
                counters.Held--;
            }

            if (changes is not null)
            {
                Commit(changes.ToCommit(PushSource, checkpoint: null));
            }

            _held.Clear();
            _total.Add(counters);
        }

        return counters.ToReport();
    }

    /// <summary>Discards the held events; they count as rejected as too late from now on.</summary>
    /// <returns>How many were discarded.</returns>
    public int DiscardHeld()
    {
        lock (_gate)
        {
            if (_store is not null)
            {
                Commit(new StoreCommit { Source = PushSource, EventIds = [], ClearHeld = true });
            }

            var count = _held.Count;
            for (var i = 0; i < count; i++)
            {
                _total.Reject(RejectionReason.TooLate);
            }

            _total.Held -= count;
            _held.Clear();
            return count;
        }
    }

    // latest: the newest instant an event may carry (now plus the allowed clock skew), computed once per batch.
    // idHash: the id's QuickHash.Of when the batch loop computed it already.
    private void IngestOne(ActivityEvent? activity, string source, DedupScope seen, Instant latest, IngestionCounters counters, ChangeSet? changes, ulong? idHash)
    {
        counters.Received++;
        var reason = activity is null ? RejectionReason.MissingId : Validate(activity, latest);
        if (reason is { } rejected)
        {
            counters.Reject(rejected);
            return;
        }

        // One hash: claim the id now, and give it back if the event turns out to be rejected as too late.
        switch (seen.TryClaim(activity!.Id, activity.OccurredAt, idHash))
        {
            case Claim.Duplicate:
                counters.Duplicates++;
                return;
            case Claim.BeyondWindow:
                counters.Reject(RejectionReason.BeyondDeduplicationWindow);
                return;
        }

        var late = _publishedThrough is { } published && activity.OccurredAt < published;
        if (late)
        {
            if (IsBeyondLateness(activity.OccurredAt))
            {
                switch (Definition.Ingestion.LatePolicy)
                {
                    case LateEventPolicy.Reject:
                        counters.Late++;
                        counters.Reject(RejectionReason.TooLate);
                        seen.Release(activity.Id);
                        return;
                    case LateEventPolicy.Hold:
                        counters.Late++;
                        counters.Held++;
                        _held.Add((source, activity));
                        changes?.Held.Add(activity);
                        return;
                    default:
                        counters.LateBeyondLateness++;
                        break;
                }
            }

            counters.Late++;
        }

        Apply(activity, counters, changes);
        if (changes is not null && Definition.Ingestion.EventRetention is not null)
        {
            changes.Retained.Add(activity);
        }

        if (late)
        {
            MarkDirty(activity);
        }

        counters.Applied++;
    }

    private void Apply(ActivityEvent activity, IngestionCounters counters, ChangeSet? changes)
    {
        if (CandidatesOf(activity.Type) is not { } candidates)
        {
            counters.Unmatched++;
            return;
        }

        var keys = _periodKeys.For(activity.OccurredAt);
        var matched = false;
        foreach (var aggregator in candidates)
        {
            if (aggregator.Matches(activity))
            {
                var ids = aggregator.Apply(activity, keys);
                changes?.Record(aggregator, ids, keys, aggregator.DistinctValueOf(activity));
                matched = true;
            }
        }

        if (!matched)
        {
            counters.Unmatched++;
        }
    }

    private MetricAggregator[]? CandidatesOf(string type)
    {
        if (SameShortOrdinal(type, _lastType))
        {
            return _lastCandidates;
        }

        var candidates = _byEventType.GetValueOrDefault(type);
        _lastType = type;
        _lastCandidates = candidates;
        return candidates;
    }

    // Ordinal equality, without a call for strings of 4 to 8 characters (what event types usually are): their first
    // and last eight bytes. Each event's type is a fresh instance when a source parses it, so the references differ.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameShortOrdinal(string a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (b is null || a.Length != b.Length)
        {
            return false;
        }

        var bytes = a.Length * sizeof(char);
        if (bytes is < sizeof(ulong) or > 2 * sizeof(ulong))
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }

        ref var x = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(a.AsSpan()));
        ref var y = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(b.AsSpan()));
        var last = bytes - sizeof(ulong);
        return Unsafe.ReadUnaligned<ulong>(ref x) == Unsafe.ReadUnaligned<ulong>(ref y)
            && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref x, last)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref y, last));
    }

    private bool IsBeyondLateness(Instant occurredAt) =>
        _publishedThrough is { } published && published - occurredAt > Definition.Ingestion.AllowedLateness;

    // The pre-resolved path has no event to hold; beyond the lateness it either applies (and flags) or rejects.
    private bool AdmitLate(Instant occurredAt, IngestionCounters counters)
    {
        counters.Late++;
        if (!IsBeyondLateness(occurredAt))
        {
            return true;
        }

        if (Definition.Ingestion.LatePolicy == LateEventPolicy.ApplyAndFlag)
        {
            counters.LateBeyondLateness++;
            return true;
        }

        counters.Reject(RejectionReason.TooLate);
        return false;
    }

    private RejectionReason? Validate(ActivityEvent activity, Instant latest)
    {
        if (string.IsNullOrWhiteSpace(activity.Id))
        {
            return RejectionReason.MissingId;
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return RejectionReason.MissingType;
        }

        if (activity.Dimensions is null)
        {
            return RejectionReason.InvalidDimensions;
        }

        return Check(activity.OccurredAt, activity.Value ?? 0, latest);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static RejectionReason? Check(Instant occurredAt, double value, Instant latest)
    {
        if (occurredAt == default)
        {
            return RejectionReason.MissingTime;
        }

        if (!double.IsFinite(value))
        {
            return RejectionReason.InvalidValue;
        }

        return occurredAt > latest ? RejectionReason.InFuture : null;
    }

    private void MarkDirty(ActivityEvent activity)
    {
        if (CandidatesOf(activity.Type) is not { } candidates)
        {
            return;
        }

        var keys = PeriodKeys.For(Calendar.GetDay(activity.OccurredAt), activity.OccurredAt);
        foreach (var aggregator in candidates)
        {
            if (aggregator.Matches(activity))
            {
                MarkDirty(aggregator, keys);
            }
        }
    }

    private void MarkDirty(MetricAggregator aggregator, in PeriodKeys keys)
    {
        foreach (var grain in Definition.Scoreboard.Grains)
        {
            _dirty.Add((aggregator, grain, keys[(int)grain]));
        }

        foreach (var target in _targetOrder)
        {
            if (target.Metric.DependsOn(aggregator))
            {
                _dirty.Add((aggregator, target.Definition.Grain, keys[(int)target.Definition.Grain]));
            }
        }
    }

    // Without a store the engine remembers ids itself; with one, the store is asked once per batch.
    private DedupScope Dedup(string source, ReadOnlySpan<ActivityEvent> events, ChangeSet? changes)
    {
        if (_store is null || changes is null)
        {
            if (!_seen.TryGetValue(source, out var seen))
            {
                seen = new SeenIds(Definition.Ingestion.DeduplicationWindow);
                _seen.Add(source, seen);
            }

            // Grow once for the whole batch rather than as its ids arrive.
            seen.Reserve(events.Length);
            return new DedupScope(seen, null, null, null);
        }

        var ids = new HashSet<string>(events.Length, StringComparer.Ordinal);
        foreach (var activity in events)
        {
            if (activity is { Id: { Length: > 0 } id })
            {
                ids.Add(id);
            }
        }

        var stored = ids.Count == 0 ? new HashSet<string>() : _store.FindSeen(source, ids);
        return new DedupScope(null, new HashSet<string>(events.Length, StringComparer.Ordinal), stored, changes.EventIds);
    }

    // Either the engine's own record of a source (no store), or this batch's ids checked against the store's record.
    private sealed class DedupScope(SeenIds? remembered, HashSet<string>? batch, IReadOnlySet<string>? stored, List<string>? recorded)
    {
        /// <summary>Records the id as seen, unless it already was (a duplicate) or can no longer be told from a replay.</summary>
        public Claim TryClaim(string id, Instant occurredAt, ulong? hash)
        {
            if (remembered is not null)
            {
                return remembered.TryClaim(id, occurredAt, hash ?? QuickHash.Of(id));
            }

            if ((stored?.Contains(id) ?? false) || !batch!.Add(id))
            {
                return Claim.Duplicate;
            }

            recorded?.Add(id);
            return Claim.Claimed;
        }

        /// <summary>True when ids are claimed in the engine's own record (no store), which can be prefetched.</summary>
        public bool KeepsRecord => remembered is not null;

        /// <summary>Asks for what claiming an id of an event a few places ahead will read. Only a hint.</summary>
        public void Prefetch(string id, ulong hash) => remembered?.Prefetch(id, hash);

        /// <summary>Forgets a claimed id whose event was not applied after all.</summary>
        public void Release(string id)
        {
            remembered?.Release(id);
            batch?.Remove(id);
            recorded?.Remove(id);
        }
    }
}
