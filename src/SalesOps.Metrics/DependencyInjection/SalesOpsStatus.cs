namespace SalesOps.Metrics.DependencyInjection;

/// <summary>
/// A live, read-only view of every source, every sink and the publisher: their state, failures, deliveries,
/// drops and queues. Resolve it from the container; health checks and dashboards read it.
/// </summary>
/// <remarks>
/// Every member takes a fresh snapshot; reading never blocks ingestion or delivery for longer than copying a
/// few counters. Plugins are listed in registration order.
/// </remarks>
public sealed class SalesOpsStatus
{
    private readonly PluginSupervisor _supervisor;

    internal SalesOpsStatus(PluginSupervisor supervisor)
    {
        _supervisor = supervisor;
    }

    /// <summary>Every source, then every sink, then the publisher.</summary>
    public IReadOnlyList<PluginStatus> Plugins => [.. Sources, .. Sinks, Publisher];

    /// <summary>Every source, in registration order.</summary>
    public IReadOnlyList<PluginStatus> Sources => [.. _supervisor.Sources.Select(s => s.Snapshot())];

    /// <summary>Every sink, in registration order.</summary>
    public IReadOnlyList<PluginStatus> Sinks => [.. _supervisor.Sinks.Select(s => s.Snapshot())];

    /// <summary>The engine's publication on each metric's review cadence.</summary>
    public PluginStatus Publisher => _supervisor.Publisher.Snapshot();

    /// <summary>One plugin's status.</summary>
    /// <param name="kind">Source, sink or publisher.</param>
    /// <param name="name">Its name (<c>"publisher"</c> for the publisher).</param>
    /// <returns>The status, or <see langword="null"/> when there is no such plugin.</returns>
    public PluginStatus? Find(PluginKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        IEnumerable<IPluginMonitor> candidates = kind switch
        {
            PluginKind.Source => _supervisor.Sources,
            PluginKind.Sink => _supervisor.Sinks,
            PluginKind.Publisher => [_supervisor.Publisher],
            _ => [],
        };
        return candidates.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Snapshot();
    }
}
