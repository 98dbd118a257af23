using System.Diagnostics.Metrics;
using SalesOps.Metrics;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Plugins;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SalesOpsMetricsBuilderPluginExtensions
{
    /// <summary>
    /// Adds a sink that publishes the latest scoreboard as observable gauges on the meter
    /// <see cref="MetricsScoreboardSink.MeterName"/>, and registers <see cref="IMeterFactory"/> if it is missing.
    /// </summary>
    /// <param name="builder">The SalesOps builder.</param>
    /// <param name="configure">Changes the options; may be <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static SalesOpsMetricsBuilder AddMetricsSink(this SalesOpsMetricsBuilder builder, Action<MetricsSinkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new MetricsSinkOptions();
        configure?.Invoke(options);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<IScoreboardSink>(sp => new MetricsScoreboardSink(sp.GetRequiredService<IMeterFactory>(), options));
        return builder;
    }
}
