using SalesOps.Metrics;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Plugins;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the shipped sources and sinks in code.</summary>
public static partial class SalesOpsMetricsBuilderPluginExtensions
{
    /// <summary>Adds a sink that appends scoreboards and corrections to a JSON Lines file.</summary>
    /// <param name="builder">The SalesOps builder.</param>
    /// <param name="configure">Sets the path and the other options, validated when the sink is created at start-up.</param>
    /// <returns>The builder.</returns>
    public static SalesOpsMetricsBuilder AddJsonLinesSink(this SalesOpsMetricsBuilder builder, Action<JsonLinesSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new JsonLinesSinkOptions();
        configure(options);
        builder.Services.AddSingleton<IScoreboardSink>(_ => new JsonLinesScoreboardSink(options));
        return builder;
    }
}
