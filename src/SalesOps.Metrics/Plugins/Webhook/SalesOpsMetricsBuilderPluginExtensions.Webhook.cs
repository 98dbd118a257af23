using SalesOps.Metrics;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Plugins;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SalesOpsMetricsBuilderPluginExtensions
{
    /// <summary>
    /// Adds a sink that posts status changes (and optionally scoreboards) to a webhook, through the named client
    /// <see cref="WebhookSinkOptions.ClientName"/>, which it registers; configure it further with
    /// <c>services.AddHttpClient(name)</c> (headers, timeout, resilience).
    /// </summary>
    /// <param name="builder">The SalesOps builder.</param>
    /// <param name="configure">Sets the address and the other options, validated when the sink is created at start-up.</param>
    /// <returns>The builder.</returns>
    public static SalesOpsMetricsBuilder AddWebhookSink(this SalesOpsMetricsBuilder builder, Action<WebhookSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new WebhookSinkOptions();
        configure(options);
        builder.Services.AddHttpClient(options.ClientName);
        builder.Services.AddSingleton<IScoreboardSink>(sp => new WebhookScoreboardSink(sp.GetRequiredService<IHttpClientFactory>(), options));
        return builder;
    }
}
