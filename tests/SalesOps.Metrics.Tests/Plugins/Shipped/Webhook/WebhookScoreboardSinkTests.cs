using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Webhook;

/// <summary>The webhook sink posting real requests to an HTTP listener on loopback.</summary>
public sealed class WebhookScoreboardSinkTests
{
    private LoopbackHttpServer _server = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public void SetUp()
    {
        _server = new LoopbackHttpServer();
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private WebhookScoreboardSink Sink(WebhookContent send = WebhookContent.StatusChanges, bool includeCorrections = false) =>
        new(_services.GetRequiredService<IHttpClientFactory>(), new WebhookSinkOptions { Url = _server.Url, Send = send, IncludeCorrections = includeCorrections });

    private static Scoreboard Board(int hour, params (string Member, TargetStatus Status)[] members) => ScoreboardSamples.Create(
        Instant.FromUtc(2026, 3, 10, hour, 0),
        targets: [.. members.Select(m => ScoreboardSamples.Target("bdr-opportunities", m.Member, 3, m.Status, Instant.FromUtc(2026, 3, 10, hour, 0)))]);

    private List<JsonElement> Bodies() => [.. _server.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())];

    [Test]
    public async Task WriteAsync_MemberFallsBehind_PostsTheChange()
    {
        var sink = Sink();

        await sink.WriteAsync([Board(14, ("alice", TargetStatus.OnTrack), ("bob", TargetStatus.OnTrack))], CancellationToken.None);
        await sink.WriteAsync([Board(15, ("alice", TargetStatus.Behind), ("bob", TargetStatus.OnTrack))], CancellationToken.None);

        var request = _server.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Path, Is.EqualTo("/hooks/sales"));
        Assert.That(request.Headers["Content-Type"], Does.StartWith("application/json"));
        var body = Bodies().Single();
        Assert.That(body.EnumerateObject().First().Name, Is.EqualTo("type"), "the type comes first");
        Assert.That(body.GetProperty("type").GetString(), Is.EqualTo("statusChange"));
        Assert.That(body.GetProperty("text").GetString(), Is.EqualTo("BDR/alice fell behind pace"));
        Assert.That(body.GetProperty("target").GetString(), Is.EqualTo("bdr-opportunities"));
        Assert.That(body.GetProperty("member").GetString(), Is.EqualTo("alice"));
        Assert.That(body.GetProperty("previous").GetString(), Is.EqualTo("OnTrack"));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Behind"));
        Assert.That(body.GetProperty("period").GetString(), Is.EqualTo("2026-03"));
        Assert.That(body.GetProperty("at").GetString(), Is.EqualTo("2026-03-10T15:00:00Z"));
        Assert.That(body.GetProperty("scope").GetProperty("team").GetString(), Is.EqualTo("BDR"));
        Assert.That(body.GetProperty("pace").GetDouble(), Is.EqualTo(0.3));
    }

    [Test]
    public async Task WriteAsync_SeveralChangesInOneBatch_EachPostedInOrder()
    {
        var sink = Sink();

        await sink.WriteAsync(
            [
                Board(13, ("alice", TargetStatus.Behind), ("bob", TargetStatus.OnTrack)),
                Board(14, ("alice", TargetStatus.OnTrack), ("bob", TargetStatus.AtRisk)),
                Board(15, ("alice", TargetStatus.Achieved), ("bob", TargetStatus.AtRisk)),
            ],
            CancellationToken.None);

        Assert.That(Bodies().Select(b => b.GetProperty("text").GetString()), Is.EqualTo(new[]
        {
            "BDR/alice is back on track",
            "BDR/bob is at risk",
            "BDR/alice achieved the goal",
        }));
    }

    [Test]
    public async Task WriteAsync_FirstSightAndUnchanged_NothingPosted()
    {
        var sink = Sink();

        await sink.WriteAsync([Board(13, ("alice", TargetStatus.Behind))], CancellationToken.None);
        await sink.WriteAsync([Board(14, ("alice", TargetStatus.Behind))], CancellationToken.None);

        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public async Task WriteAsync_ServerFailsThenRecovers_RetryPostsEachChangeOnce()
    {
        var sink = Sink();
        await sink.WriteAsync([Board(13, ("alice", TargetStatus.OnTrack), ("bob", TargetStatus.OnTrack))], CancellationToken.None);
        var batch = new[] { Board(14, ("alice", TargetStatus.Behind), ("bob", TargetStatus.Behind)) };
        _server.Answer(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);

        Assert.ThrowsAsync<HttpRequestException>(async () => await sink.WriteAsync(batch, CancellationToken.None));
        await sink.WriteAsync(batch, CancellationToken.None);

        Assert.That(Bodies().Select(b => b.GetProperty("text").GetString()), Is.EqualTo(new[]
        {
            "BDR/alice fell behind pace",
            "BDR/bob fell behind pace",
            "BDR/bob fell behind pace",
        }), "alice's change was delivered before the failure and is not posted again; bob's is retried");
    }

    [Test]
    public async Task WriteAsync_Scoreboards_PostedWholeAsJson()
    {
        var sink = Sink(WebhookContent.Scoreboards);

        await sink.WriteAsync([ScoreboardSamples.Create(kind: ScoreboardKind.Correction), ScoreboardSamples.Create()], CancellationToken.None);
        await sink.WriteAsync([ScoreboardSamples.Create()], CancellationToken.None);

        var body = Bodies().Single();
        Assert.That(body.GetProperty("type").GetString(), Is.EqualTo("scoreboard"));
        var scoreboard = body.GetProperty("scoreboard");
        Assert.That(scoreboard.GetProperty("at").GetString(), Is.EqualTo("2026-03-10T15:00:00Z"));
        Assert.That(scoreboard.GetProperty("kind").GetString(), Is.EqualTo("Regular"), "corrections are left out unless asked for");
        Assert.That(scoreboard.GetProperty("metrics")[0].GetProperty("total").GetProperty("value").GetDouble(), Is.EqualTo(12));
        Assert.That(scoreboard.GetProperty("targets")[0].GetProperty("member").GetString(), Is.EqualTo("alice"));
    }

    [Test]
    public async Task WriteAsync_StatusChangesAndScoreboards_BothPosted()
    {
        var sink = Sink(WebhookContent.StatusChanges | WebhookContent.Scoreboards, includeCorrections: true);

        await sink.WriteAsync([Board(13, ("alice", TargetStatus.OnTrack)), Board(14, ("alice", TargetStatus.AtRisk))], CancellationToken.None);

        Assert.That(Bodies().Select(b => b.GetProperty("type").GetString()), Is.EqualTo(new[] { "statusChange", "scoreboard", "scoreboard" }));
    }

    [Test]
    public async Task AddWebhookSink_NamedClientFromTheContainer_Posts()
    {
        var services = new ServiceCollection();
        services.AddSalesOpsMetrics(ops => ops.AddMetric("calls", m => m.Count("call.made")).AddWebhookSink(o =>
        {
            o.Url = _server.Url;
            o.Send = WebhookContent.Scoreboards;
        }));
        services.AddHttpClient(WebhookSinkOptions.DefaultClientName, client => client.DefaultRequestHeaders.Add("X-Api-Key", "k-123"));
        await using var provider = services.BuildServiceProvider();
        var sink = provider.GetServices<IScoreboardSink>().Single();

        await sink.WriteAsync([ScoreboardSamples.Create()], CancellationToken.None);

        Assert.That(_server.Requests.Single().Headers["X-Api-Key"], Is.EqualTo("k-123"));
    }

    [Test]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => _ = new WebhookScoreboardSink(
            _services.GetRequiredService<IHttpClientFactory>(),
            new WebhookSinkOptions { Url = "ftp://example/hook", ClientName = "", Send = WebhookContent.None }));

        Assert.That(exception!.Failures, Is.EqualTo(new[]
        {
            "url: 'ftp://example/hook' is not an absolute http or https address",
            "clientName: required",
            "send: choose StatusChanges, Scoreboards or both ('StatusChanges, Scoreboards')",
        }));
    }
}
