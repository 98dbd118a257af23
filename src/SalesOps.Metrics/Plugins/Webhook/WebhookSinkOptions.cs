namespace SalesOps.Metrics.Plugins;

/// <summary>Where and what a <see cref="WebhookScoreboardSink"/> posts.</summary>
public sealed class WebhookSinkOptions
{
    /// <summary>The default name of the <see cref="HttpClient"/> the sink asks the <see cref="IHttpClientFactory"/> for.</summary>
    public const string DefaultClientName = "SalesOps.Metrics.Webhook";

    /// <summary>The sink name, unique among sinks. Default <c>webhook</c>.</summary>
    public string Name { get; set; } = "webhook";

    /// <summary>The absolute http or https address to post to. Required.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>
    /// The name of the <see cref="HttpClient"/> to use, so the host configures its headers, authentication, timeout and
    /// resilience with <c>services.AddHttpClient(name)</c>. Default <see cref="DefaultClientName"/>.
    /// </summary>
    public string ClientName { get; set; } = DefaultClientName;

    /// <summary>What to post. Default <see cref="WebhookContent.StatusChanges"/>.</summary>
    public WebhookContent Send { get; set; } = WebhookContent.StatusChanges;

    /// <summary>Whether corrections are posted too when <see cref="WebhookContent.Scoreboards"/> is sent. Default <see langword="false"/>.</summary>
    public bool IncludeCorrections { get; set; }
}
