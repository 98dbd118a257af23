namespace SalesOps.Metrics;

/// <summary>
/// A plugin that yields activity events from a CRM, a database, a file or a queue, resumable from a
/// <see cref="Checkpoint"/>.
/// </summary>
/// <remarks>
/// <para><b>Calls.</b> The engine never calls <see cref="ReadAsync"/> concurrently on one instance;
/// it awaits each read before the next. Different sources may be read at the same time.</para>
/// <para><b>Checkpoints.</b> The engine passes the checkpoint of the last batch it committed
/// (<see langword="null"/> on first start), stored verbatim, also across restarts of the application: a
/// new instance of the source must accept the checkpoints of the old one. A read must yield only events
/// after that checkpoint, in the source's order, and the returned checkpoint must name the last event of
/// the returned batch (it may also pass records after it that yield no event). A read depends only on
/// its checkpoint, never on earlier calls: the same read again yields the same events and the same
/// checkpoint while the underlying data is unchanged, and a source re-read from an older checkpoint
/// yields the same events again; the engine de-duplicates by id.</para>
/// <para><b>Batches.</b> A batch holds at most <c>maxEvents</c> events, and may hold fewer even when more
/// are available. An empty batch means "nothing new for now" and keeps the checkpoint passed in; a batch
/// with events always carries a checkpoint.</para>
/// <para><b>Exceptions.</b> A source may throw; the engine catches, logs, counts and retries the
/// same read (from the same checkpoint) later with backoff, so a failed read never advances the
/// checkpoint. Throw rather than return a batch the source cannot vouch for. A <c>maxEvents</c> under 1
/// is refused with <see cref="ArgumentOutOfRangeException"/>; a checkpoint the source cannot have produced
/// is refused with an exception, never read as the beginning. Exceptions never reach the host.</para>
/// <para><b>Cancellation.</b> When the cancellation token is cancelled the source should stop promptly by
/// throwing <see cref="OperationCanceledException"/>, never by returning a partial batch; the checkpoint
/// does not advance. A read whose token is already cancelled throws before it consumes anything, so the
/// same read with a live token afterwards yields the same events.</para>
/// <para><b>Ownership.</b> The engine reads the returned batch before the next call and keeps no
/// reference to it afterwards; the source may reuse its lists. The events themselves are immutable.</para>
/// <para><b>Disposal.</b> A source that holds resources (connections, file handles) implements
/// <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/>; whoever created it disposes it after its
/// last read, and disposing twice must be safe.</para>
/// <para><b>Conformance.</b> <c>SourceConformanceTests</c> in the <c>SalesOps.Metrics.Testing</c> package
/// checks every promise above that can be checked through this interface.</para>
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
