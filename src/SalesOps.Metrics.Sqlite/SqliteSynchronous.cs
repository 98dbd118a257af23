namespace SalesOps.Metrics.Sqlite;

/// <summary>How hard SQLite works to put each commit on disk before <see cref="IMetricStore.Commit"/> returns.</summary>
/// <remarks>
/// The store always runs in write-ahead-log (WAL) mode. In both settings a crash of the process never loses a
/// returned commit and never corrupts the file; the settings differ only when the whole machine loses power or
/// the operating system crashes.
/// </remarks>
public enum SqliteSynchronous
{
    /// <summary>
    /// <c>PRAGMA synchronous=FULL</c>: the log is flushed to disk at every commit, so a commit that returned survives a
    /// power loss. The default, and the setting that makes counting exactly-once across machine crashes.
    /// </summary>
    Full = 0,

    /// <summary>
    /// <c>PRAGMA synchronous=NORMAL</c>: the log is flushed only at checkpoints, so commits are faster but a power loss
    /// may roll back the last commits. The file stays consistent: the source re-reads the lost batches from the
    /// checkpoint that survived, and their events are counted once.
    /// </summary>
    Normal = 1,
}
