namespace SalesOps.Metrics.Tests.Plugins.KitSelfChecks;

/// <summary>A bug planted in <see cref="FaultySource"/>, to prove the source conformance kit catches it.</summary>
public enum SourceFault
{
    /// <summary>No bug: the source conforms.</summary>
    None,

    /// <summary>The checkpoint names the event before the last one of the batch, so resuming repeats it.</summary>
    CheckpointOneShort,

    /// <summary>The checkpoint names the event after the last one of the batch, so resuming loses one.</summary>
    CheckpointOneLong,

    /// <summary>A batch holds one event more than asked.</summary>
    IgnoresMaxEvents,

    /// <summary>A read ignores its cancelled token.</summary>
    IgnoresCancellation,

    /// <summary>An empty batch at the end carries a new checkpoint.</summary>
    EmptyBatchMovesCheckpoint,

    /// <summary>A second dispose throws.</summary>
    DisposeTwiceThrows,

    /// <summary>Not a bug: the source refills one list for every batch, which the contract allows.</summary>
    ReusesItsList,
}
