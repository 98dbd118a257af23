namespace SalesOps.Metrics;

/// <summary>What a store holds when it is opened: the state to resume from, never the event history.</summary>
public sealed record StoreContents
{
    /// <summary>The checkpoint of each source, by source name.</summary>
    public IReadOnlyDictionary<string, Checkpoint> Checkpoints { get; init; } = new Dictionary<string, Checkpoint>();

    /// <summary>Every series, in (metric, level, series id) order.</summary>
    public IReadOnlyList<StoredSeries> Series { get; init; } = [];

    /// <summary>Every cell, with distinct values in full.</summary>
    public IReadOnlyList<StoredCell> Cells { get; init; } = [];

    /// <summary>Every goal version.</summary>
    public IReadOnlyList<StoredGoal> Goals { get; init; } = [];

    /// <summary>Events on hold for review, oldest first, with their sources.</summary>
    public IReadOnlyList<StoredEvent> HeldEvents { get; init; } = [];

    /// <summary>The recorded definition fingerprint of each metric, by name.</summary>
    public IReadOnlyDictionary<string, string> MetricFingerprints { get; init; } = new Dictionary<string, string>();

    /// <summary>The instant of the last published scoreboard, if any.</summary>
    public NodaTime.Instant? PublishedThrough { get; init; }

    /// <summary>Nothing stored yet.</summary>
    public static StoreContents Empty { get; } = new();
}
