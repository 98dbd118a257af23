namespace SalesOps.Metrics.Plugins;

/// <summary>Whether a configured plugin is a source or a sink.</summary>
internal enum ConfiguredPluginKind
{
    Source,
    Sink,
}
