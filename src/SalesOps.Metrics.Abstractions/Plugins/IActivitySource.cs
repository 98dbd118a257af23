namespace SalesOps.Metrics;

/// <summary>
/// A plugin that yields activity events from a CRM, a database, a file or a queue, resumable from a
/// <see cref="Checkpoint"/>.
/// </summary>
/// <remarks>
/// <para><b>Calls.</b> The engine never calls <see cref="ReadAsync"/> concurrently on one instance;
/// it awaits each read before the next.</para>
/// <para><b>Checkpoints.</b> The engine passes the checkpoint of the last batch it committed
/// (<see langword="null"/> on first start). A read must yield only events after that checkpoint,
/// and the returned checkpoint must name the last event of the returned batch. A source that is
/// re-read from an older checkpoint yields the same events again; the engine de-duplicates by id.</para>
/// <para><b>Exceptions.</b> A source may throw; the engine catches, logs, counts and retries the
/// same read later with backoff. Exceptions never reach the host.</para>
/// <para><b>Cancellation.</b> When the cancellation token is cancelled the source
/// should stop promptly by throwing <see cref="OperationCanceledException"/>; the checkpoint does
/// not advance.</para>
/// <para><b>Ownership.</b> The engine reads the returned batch before the next call and keeps no
/// reference to it afterwards; the source may reuse its lists.</para>
/// </remarks>
public interface IActivitySource
{
    /// <summary>A stable name, unique among sources: it scopes event ids and checkpoints.</summary>
    string Name { get; }

    /// <summary>Reads the next events after <paramref name="after"/>.</summary>
    /// <param name="after">The checkpoint of the last committed batch, or <see langword="null"/> to start from the beginning.</param>
    /// <param name="maxEvents">The most events to return (at least 1).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The batch; empty when nothing new is available now.</returns>
    ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken);
}
