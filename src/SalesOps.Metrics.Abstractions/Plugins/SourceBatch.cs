namespace SalesOps.Metrics;

/// <summary>A batch of events read from a source, with the checkpoint that follows its last event.</summary>
/// <param name="Events">The events, in the order the source yields them; at most the <c>maxEvents</c> asked for. May be empty.</param>
/// <param name="Checkpoint">
/// The position after the last record consumed; pass it to the next read. Never <see langword="null"/>
/// when the batch holds events. An empty batch keeps the checkpoint passed in, unless the source consumed
/// records that yield no event (rows it skipped and reported); the engine then commits that checkpoint alone.
/// </param>
public sealed record SourceBatch(IReadOnlyList<ActivityEvent> Events, Checkpoint? Checkpoint)
{
    /// <summary>True when the batch holds no event: the source has nothing new for now.</summary>
    public bool IsEmpty => Events.Count == 0;

    /// <summary>An empty batch that keeps the given checkpoint.</summary>
    /// <param name="checkpoint">The checkpoint to keep.</param>
    /// <returns>The empty batch.</returns>
    public static SourceBatch Empty(Checkpoint? checkpoint) => new([], checkpoint);
}
