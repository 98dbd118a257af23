using Microsoft.Extensions.DependencyInjection;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Testing;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Conformance;

/// <summary>
/// The sink conformance kit over the webhook sink in its default configuration, posting only status changes to a
/// loopback HTTP server. It cannot be read back: status changes are not scoreboards (the full configuration is read
/// back in <see cref="WebhookScoreboardSinkConformanceTests"/>).
/// </summary>
[TestFixture]
public sealed class WebhookStatusChangesSinkConformanceTests : SinkConformanceTests
{
    private LoopbackHttpServer _server = null!;
    private ServiceProvider _services = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new LoopbackHttpServer();
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    protected override IScoreboardSink CreateSink() =>
        new WebhookScoreboardSink(_services.GetRequiredService<IHttpClientFactory>(), new WebhookSinkOptions { Url = _server.Url });
}
