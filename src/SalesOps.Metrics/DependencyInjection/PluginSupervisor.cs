using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesOps.Metrics.Delivery;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>
/// Owns what the hosting layer knows about each plugin: a <see cref="SourcePuller"/> per source, a
/// <see cref="SinkPipeline"/> per sink, the publication's state, the self-metrics and the idle tracker.
/// The hosted service drives them; <see cref="SalesOpsStatus"/> and the health checks read them.
/// </summary>
internal sealed class PluginSupervisor : IDisposable
{
    private readonly SalesOpsInstruments _instruments;

    /// <summary>Builds the supervisor for the registered plugins.</summary>
    /// <param name="sources">The sources; their names must be unique, as they scope event ids and checkpoints.</param>
    /// <param name="sinks">The sinks.</param>
    /// <param name="time">The only source of time.</param>
    /// <param name="options">The hosting options.</param>
    /// <param name="jitter">The random draws for retry jitter; a shared generator when not registered.</param>
    /// <param name="meterFactory">Creates the self-metrics meter; a private meter when not registered.</param>
    /// <param name="loggerFactory">Creates the loggers; none when not registered.</param>
    /// <exception cref="InvalidOperationException">Two sources share a name.</exception>
    public PluginSupervisor(
        IEnumerable<IActivitySource> sources,
        IEnumerable<IScoreboardSink> sinks,
        TimeProvider time,
        IOptions<SalesOpsHostingOptions> options,
        RetryJitter? jitter = null,
        IMeterFactory? meterFactory = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        loggerFactory ??= NullLoggerFactory.Instance;
        var pipelines = new List<SinkPipeline>();
        _instruments = new SalesOpsInstruments(meterFactory, () => pipelines.Select(s => (s.Name, s.Pending)));

        var sourceList = sources.ToList();
        var duplicates = sourceList.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException(
                $"Sources must have unique names, as a name scopes event ids and the checkpoint; shared: {string.Join(", ", duplicates)}.");
        }

        var sourceLogger = new GuardedLogger(loggerFactory.CreateLogger<SourcePuller>());
        var sinkLogger = new GuardedLogger(loggerFactory.CreateLogger<SinkPipeline>());
        Sources = [.. sourceList.Select(s => new SourcePuller(s, s.Name, settings, time, _instruments, sourceLogger))];
        pipelines.AddRange(sinks.Select(s => new SinkPipeline(s, s.Name, settings, time, jitter ?? RetryJitter.Shared, _instruments, Idle, sinkLogger)));
        Sinks = pipelines.AsReadOnly();
        Publisher = new PublicationMonitor(settings, time, _instruments, new GuardedLogger(loggerFactory.CreateLogger<SalesOpsHostedService>()));
    }

    /// <summary>Knows when the loop and every sink worker are waiting.</summary>
    public IdleTracker Idle { get; } = new();

    /// <summary>One per source, in registration order.</summary>
    public IReadOnlyList<SourcePuller> Sources { get; }

    /// <summary>One per sink, in registration order.</summary>
    public IReadOnlyList<SinkPipeline> Sinks { get; }

    /// <summary>The publication's state.</summary>
    public PublicationMonitor Publisher { get; }

    /// <inheritdoc />
    public void Dispose() => _instruments.Dispose();
}
