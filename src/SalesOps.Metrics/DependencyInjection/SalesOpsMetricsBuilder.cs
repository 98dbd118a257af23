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

    /// <summary>The definitions being built.</summary>
    public SalesOpsBuilder Definitions { get; } = new();

    /// <summary>Sets the calendar.</summary>
    /// <param name="configure">Configures the calendar.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder UseCalendar(Action<CalendarBuilder> configure)
    {
        Definitions.UseCalendar(configure);
        return this;
    }

    /// <summary>Adds a metric.</summary>
    /// <param name="name">The unique metric name.</param>
    /// <param name="configure">Configures the metric.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddMetric(string name, Action<MetricBuilder> configure)
    {
        Definitions.AddMetric(name, configure);
        return this;
    }

    /// <summary>Adds a target.</summary>
    /// <param name="name">The unique target name.</param>
    /// <param name="configure">Configures the target.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder AddTarget(string name, Action<TargetBuilder> configure)
    {
        Definitions.AddTarget(name, configure);
        return this;
    }

    /// <summary>Changes the ingestion options.</summary>
    /// <param name="configure">Returns the new options from the current ones.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder ConfigureIngestion(Func<IngestionOptions, IngestionOptions> configure)
    {
        Definitions.ConfigureIngestion(configure);
        return this;
    }

    /// <summary>Changes what scoreboards show.</summary>
    /// <param name="configure">Returns the new options from the current ones.</param>
    /// <returns>This builder.</returns>
    public SalesOpsMetricsBuilder ConfigureScoreboard(Func<ScoreboardOptions, ScoreboardOptions> configure)
    {
        Definitions.ConfigureScoreboard(configure);
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
