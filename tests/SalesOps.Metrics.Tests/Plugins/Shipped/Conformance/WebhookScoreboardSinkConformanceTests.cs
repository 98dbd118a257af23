using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Testing;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Conformance;

/// <summary>
/// The sink conformance kit over the webhook sink, posting status changes and every scoreboard (corrections too) to a
/// loopback HTTP server; each sink posts to its own path, and is read back from the scoreboards posted there.
/// </summary>
[TestFixture]
public sealed class WebhookScoreboardSinkConformanceTests : SinkConformanceTests
{
    private readonly Dictionary<IScoreboardSink, string> _paths = [];
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

    protected override IScoreboardSink CreateSink()
    {
        var url = $"{_server.Url}/{Guid.NewGuid():N}";
        var sink = new WebhookScoreboardSink(_services.GetRequiredService<IHttpClientFactory>(), new WebhookSinkOptions
        {
            Url = url,
            Send = WebhookContent.StatusChanges | WebhookContent.Scoreboards,
            IncludeCorrections = true,
        });
        _paths.Add(sink, new Uri(url).AbsolutePath);
        return sink;
    }

    protected override IReadOnlyList<Scoreboard>? ReadBack(IScoreboardSink sink)
    {
        var path = _paths[sink];
        return [.. _server.Requests
            .Where(r => r.Path == path)
            .Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Where(body => body.GetProperty("type").GetString() == "scoreboard")
            .Select(body => body.GetProperty("scoreboard").Deserialize<Scoreboard>(ScoreboardJsonFormat.Options)
                ?? throw new InvalidDataException("A posted scoreboard is null."))];
    }

    protected override void CleanUp() => _paths.Clear();
}
