namespace SalesOps.Metrics;

/// <summary>Everything one committed batch changes. A store writes all of it in one transaction, or none of it.</summary>
public sealed record StoreCommit
{
    /// <summary>The source the batch came from.</summary>
    public required string Source { get; init; }

    /// <summary>The ids of the events applied or held, recorded so the same ids are recognised as duplicates later.</summary>
    public required IReadOnlyList<string> EventIds { get; init; }

    /// <summary>The source's checkpoint after the batch; <see langword="null"/> to leave it unchanged.</summary>
    public Checkpoint? Checkpoint { get; init; }

    /// <summary>Series created by the batch.</summary>
    public IReadOnlyList<StoredSeries> NewSeries { get; init; } = [];

    /// <summary>The cells the batch changed, with their absolute values.</summary>
    public IReadOnlyList<StoredCell> Cells { get; init; } = [];

    /// <summary>Raw events to retain (empty when retention is off).</summary>
    public IReadOnlyList<ActivityEvent> RetainedEvents { get; init; } = [];

    /// <summary>Events put on hold for review (late beyond the allowed lateness under the hold policy).</summary>
    public IReadOnlyList<ActivityEvent> HeldEvents { get; init; } = [];

    /// <summary>True when every event held so far (before this commit's <see cref="HeldEvents"/>) was released or discarded.</summary>
    public bool ClearHeld { get; init; }

    /// <summary>Goal versions added.</summary>
    public IReadOnlyList<StoredGoal> Goals { get; init; } = [];

    /// <summary>Scoreboards published.</summary>
    public IReadOnlyList<StoredScoreboard> Scoreboards { get; init; } = [];

    /// <summary>Metrics whose stored state must be dropped before the cells of this commit are written (a recompute).</summary>
    public IReadOnlyList<string> ResetMetrics { get; init; } = [];

    /// <summary>Fingerprints of metric definitions to record, by metric name, so a changed definition is detected on the next start.</summary>
    public IReadOnlyDictionary<string, string> MetricFingerprints { get; init; } = new Dictionary<string, string>();
}
