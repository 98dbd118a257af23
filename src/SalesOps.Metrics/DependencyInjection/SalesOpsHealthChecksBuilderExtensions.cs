using Microsoft.Extensions.Diagnostics.HealthChecks;
using SalesOps.Metrics.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds SalesOps.Metrics health checks to a health-check builder.</summary>
public static class SalesOpsHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds one health check per source, per sink and for the publisher, named <c>{name}:source:{source}</c>,
    /// <c>{name}:sink:{sink}</c> and <c>{name}:publisher</c>, each reporting its plugin from <see cref="SalesOpsStatus"/>
    /// with its counts and last error as data.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="name">The prefix of the checks' names. Default <c>salesops</c>.</param>
    /// <param name="tags">Tags added to every check, beside <c>salesops</c> and the plugin kind.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// Healthy: the last call succeeded. Degraded: retrying after a failure, or a sink's circuit is half-open.
    /// Unhealthy: a sink's circuit is open, its queue is full (dropping), or a call outlived its timeout.
    /// Requires <c>AddSalesOpsMetrics</c>; the plugins are listed when the health-check service is first built.
    /// Calling it again with the same name adds nothing.
    /// </remarks>
    public static IHealthChecksBuilder AddSalesOpsHealthChecks(this IHealthChecksBuilder builder, string name = "salesops", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string[] extraTags = [.. tags ?? []];
        builder.Services.AddOptions<HealthCheckServiceOptions>().Configure<SalesOpsStatus>((options, status) =>
        {
            foreach (var plugin in status.Plugins)
            {
                var kind = plugin.Kind.ToString().ToLowerInvariant();
                var entry = plugin.Kind == PluginKind.Publisher ? $"{name}:{kind}" : $"{name}:{kind}:{plugin.Name}";
                if (options.Registrations.Any(r => string.Equals(r.Name, entry, StringComparison.Ordinal)))
                {
                    continue;
                }

                var (pluginKind, pluginName) = (plugin.Kind, plugin.Name);
                options.Registrations.Add(new HealthCheckRegistration(
                    entry,
                    _ => new PluginHealthCheck(status, pluginKind, pluginName),
                    failureStatus: null,
                    tags: [.. extraTags, "salesops", kind]));
            }
        });
        return builder;
    }
}
