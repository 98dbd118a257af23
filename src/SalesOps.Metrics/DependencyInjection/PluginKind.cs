namespace SalesOps.Metrics.DependencyInjection;

/// <summary>What a <see cref="PluginStatus"/> describes.</summary>
public enum PluginKind
{
    /// <summary>An <see cref="IActivitySource"/> the hosted service pulls.</summary>
    Source,

    /// <summary>An <see cref="IScoreboardSink"/> the hosted service delivers to, through its own queue and worker.</summary>
    Sink,

    /// <summary>The engine's publication on each metric's review cadence (with a store: its commit of the scoreboards).</summary>
    Publisher,
}
