using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>Configures SalesOps.Metrics in a service collection: definitions, sources and sinks.</summary>
public sealed class SalesOpsMetricsBuilder
{
    internal SalesOpsMetricsBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection plugins are registered in.</summary>
    public IServiceCollection Services { get; }

    // Definition steps are replayed onto a builder seeded with the configuration section, if any,
    // so code adds to what configuration defines instead of replacing its calendar and options.
    private readonly List<Action<SalesOpsBuilder>> _definitionSteps = [];

    internal SalesOpsBuilder BuildDefinitions(SalesOpsBuilder seed)
    {
        foreach (var step in _definitionSteps)
        {
            step(seed);
        }

        return seed;
    }

    /// <summary>Adds a whole definition: its metrics and targets are appended, its calendar and options replace the current ones.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddDefinition(SalesOpsDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _definitionSteps.Add(d => d.AddDefinition(definition));
        return this;
    }

    /// <summary>Sets the calendar.</summary>
    /// <param name="configure">Configures the calendar.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder UseCalendar(Action<CalendarBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _definitionSteps.Add(d => d.UseCalendar(configure));
        return this;
    }

    /// <summary>Adds a metric.</summary>
    /// <param name="name">The unique metric name.</param>
    /// <param name="configure">Configures the metric.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddMetric(string name, Action<MetricBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _definitionSteps.Add(d => d.AddMetric(name, configure));
        return this;
    }

    /// <summary>Adds a target.</summary>
    /// <param name="name">The unique target name.</param>
    /// <param name="configure">Configures the target.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddTarget(string name, Action<TargetBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _definitionSteps.Add(d => d.AddTarget(name, configure));
        return this;
    }

    /// <summary>Changes the ingestion options.</summary>
    /// <param name="configure">Returns the new options from the current ones.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder ConfigureIngestion(Func<IngestionOptions, IngestionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _definitionSteps.Add(d => d.ConfigureIngestion(configure));
        return this;
    }

    /// <summary>Changes what scoreboards show.</summary>
    /// <param name="configure">Returns the new options from the current ones.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder ConfigureScoreboard(Func<ScoreboardOptions, ScoreboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _definitionSteps.Add(d => d.ConfigureScoreboard(configure));
        return this;
    }

    /// <summary>Changes how sources are pulled and sinks written.</summary>
    /// <param name="configure">Configures the options.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder ConfigureHosting(Action<SalesOpsHostingOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Keeps the engine's state in a store created by the container (a singleton it disposes).</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder UseStore<TStore>()
        where TStore : class, IMetricStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IMetricStore, TStore>());
        return this;
    }

    /// <summary>Keeps the engine's state in a store created by <paramref name="factory"/> (a singleton the container disposes).</summary>
    /// <param name="factory">Creates the store.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder UseStore(Func<IServiceProvider, IMetricStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Adds a source type, created by the container as a singleton. Adding the same type twice has no effect.</summary>
    /// <typeparam name="TSource">The source type.</typeparam>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddSource<TSource>()
        where TSource : class, IActivitySource
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivitySource, TSource>());
        return this;
    }

    /// <summary>Adds a source instance.</summary>
    /// <param name="source">The source.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddSource(IActivitySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Services.AddSingleton<IActivitySource>(source);
        return this;
    }

    /// <summary>Adds a sink type, created by the container as a singleton. Adding the same type twice has no effect.</summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddSink<TSink>()
        where TSink : class, IScoreboardSink
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IScoreboardSink, TSink>());
        return this;
    }

    /// <summary>Adds a sink instance.</summary>
    /// <param name="sink">The sink.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddSink(IScoreboardSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Services.AddSingleton<IScoreboardSink>(sink);
        return this;
    }
}
