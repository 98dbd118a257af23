namespace SalesOps.Metrics.Tests.Plugins.KitSelfChecks;

/// <summary>A bug planted in <see cref="FaultySink"/>, to prove the sink conformance kit catches it.</summary>
public enum SinkFault
{
    /// <summary>No bug: the sink conforms.</summary>
    None,

    /// <summary>Every delivery is appended, so a re-delivered scoreboard is held twice.</summary>
    AppendsRedeliveries,

    /// <summary>Scoreboards are keyed by instant only, so the regular scoreboard overwrites the correction before it.</summary>
    KeysByInstantOnly,

    /// <summary>A write ignores its cancelled token.</summary>
    IgnoresCancellation,

    /// <summary>A write with a cancelled token writes, then throws.</summary>
    WritesBeforeCheckingCancellation,

    /// <summary>The sink clears the breakdown dimensions it was given (a dictionary behind a read-only interface).</summary>
    MutatesTheBatch,

    /// <summary>Values are stored rounded to whole numbers.</summary>
    RoundsValues,

    /// <summary>A second dispose throws.</summary>
    DisposeTwiceThrows,
}
