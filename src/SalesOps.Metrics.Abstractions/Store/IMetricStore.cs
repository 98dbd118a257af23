using NodaTime;

namespace SalesOps.Metrics;

/// <summary>
/// Where checkpoints, the de-duplication record, aggregates, retained events, goal versions and published
/// scoreboards persist, so an application restarts without losing or double-counting an event.
/// </summary>
/// <remarks>
/// <para><b>Synchronous by design.</b> The engine applies a batch to its in-memory aggregates and commits it under
/// one lock, so readers never see a state the store does not hold; a lock cannot be held across an
/// <c>await</c>, so store calls are synchronous and may block on I/O.</para>
/// <para><b>Calls.</b> The engine never calls a store concurrently: every call happens under its lock. One engine
/// owns a store between <see cref="Open"/> and <see cref="IDisposable.Dispose"/>.</para>
/// <para><b>Atomicity.</b> <see cref="Commit"/> writes everything in the <see cref="StoreCommit"/> or nothing: the
/// checkpoint never passes an event whose aggregate change is not written, and an event id is recorded exactly
/// when its aggregate change is. That is what makes counting exactly-once across crashes.</para>
/// <para><b>Exceptions.</b> <see cref="Open"/> throws <see cref="StoreException"/> when the store is in use by another
/// process or unreadable. A failing <see cref="Commit"/> may throw anything; the engine then discards the batch's
/// in-memory changes by reloading from the store, and the source re-reads the batch from its last checkpoint.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> comes first; calling it again while open re-reads the stored state (the
/// engine does so to roll back after a failed commit). After <see cref="IDisposable.Dispose"/> a store may refuse
/// every call with <see cref="ObjectDisposedException"/>.</para>
/// <para><b>Values.</b> Cell statistics and goals are never NaN; min and max may be infinite (no value yet). The order
/// of <see cref="StoreContents.Cells"/> and of distinct values is not significant; series come in id order.</para>
/// <para><b>Ownership.</b> The store must not keep references to the lists it is given after a call returns.</para>
/// </remarks>
public interface IMetricStore : IDisposable
{
    /// <summary>A name for logs and health reports.</summary>
    string Name { get; }

    /// <summary>Opens the store and returns the state to resume from. Its cost depends on the number of series and periods, never on the number of events ingested.</summary>
    /// <returns>The stored state.</returns>
    StoreContents Open();

    /// <summary>The ids among <paramref name="ids"/> already recorded for <paramref name="source"/>.</summary>
    /// <param name="source">The source name.</param>
    /// <param name="ids">Candidate event ids.</param>
    /// <returns>The subset already seen.</returns>
    IReadOnlySet<string> FindSeen(string source, IReadOnlyCollection<string> ids);

    /// <summary>Writes a batch atomically.</summary>
    /// <param name="commit">The changes.</param>
    void Commit(StoreCommit commit);

    /// <summary>Retained events that occurred in <c>[from, to)</c>, optionally of the given types, in commit order.</summary>
    /// <param name="from">The earliest occurrence (inclusive).</param>
    /// <param name="to">The latest occurrence (exclusive).</param>
    /// <param name="types">Event types to keep; all when empty.</param>
    /// <returns>The events, streamed.</returns>
    IEnumerable<StoredEvent> ReadEvents(Instant from, Instant to, IReadOnlyCollection<string> types);

    /// <summary>Deletes retained events that occurred before <paramref name="before"/>; their ids stay recorded.</summary>
    /// <param name="before">The cut-off.</param>
    /// <returns>How many were deleted.</returns>
    int PurgeEvents(Instant before);

    /// <summary>Published scoreboards with <c>At</c> in <c>[from, to)</c>, oldest first.</summary>
    /// <param name="from">The earliest instant (inclusive).</param>
    /// <param name="to">The latest instant (exclusive).</param>
    /// <returns>The scoreboards.</returns>
    IReadOnlyList<StoredScoreboard> ReadScoreboards(Instant from, Instant to);
}
