namespace SalesOps.Metrics.Plugins;

/// <summary>What a <see cref="WebhookScoreboardSink"/> posts; the flags combine.</summary>
[Flags]
public enum WebhookContent
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>One post per change of a target's status, such as "BDR/alice fell behind pace".</summary>
    StatusChanges = 1,

    /// <summary>One post per scoreboard, holding the whole scoreboard.</summary>
    Scoreboards = 2,
}
