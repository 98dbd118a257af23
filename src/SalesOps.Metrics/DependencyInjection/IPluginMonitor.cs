namespace SalesOps.Metrics.DependencyInjection;

/// <summary>Something whose state <see cref="SalesOpsStatus"/> reports.</summary>
internal interface IPluginMonitor
{
    /// <summary>The name it is reported under.</summary>
    string Name { get; }

    /// <summary>Takes a consistent snapshot.</summary>
    /// <returns>The snapshot.</returns>
    PluginStatus Snapshot();
}
