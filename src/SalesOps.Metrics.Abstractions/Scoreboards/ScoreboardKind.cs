namespace SalesOps.Metrics;

/// <summary>Whether a scoreboard is a regular publication or a correction of windows already published.</summary>
public enum ScoreboardKind
{
    /// <summary>The values and evaluations at the scoreboard's instant.</summary>
    Regular,

    /// <summary>New values for windows already published, changed by late events.</summary>
    Correction,
}
