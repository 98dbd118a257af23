using System.Text.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Files;

/// <summary>The JSON Lines sink, checked by reading its file back.</summary>
public sealed class JsonLinesScoreboardSinkTests
{
    private TempDirectory _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempDirectory();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private string PathOf => _files.File("out/board.jsonl");

    private JsonLinesScoreboardSink Sink(bool includeCorrections = true) =>
        new(new JsonLinesSinkOptions { Path = PathOf, IncludeCorrections = includeCorrections });

    private List<JsonElement> Lines() =>
        [.. File.ReadAllLines(PathOf).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    [Test]
    public async Task WriteAsync_ScoreboardAndCorrection_OneObjectPerLineWithIsoInstants()
    {
        var correction = ScoreboardSamples.Create(kind: ScoreboardKind.Correction);
        var regular = ScoreboardSamples.Create();

        await Sink().WriteAsync([correction, regular], CancellationToken.None);

        var text = File.ReadAllText(PathOf);
        var lines = Lines();
        Assert.That(text.Split('\n'), Has.Length.EqualTo(3), "two lines, each ending with a line break");
        Assert.That(lines.Select(l => l.GetProperty("kind").GetString()), Is.EqualTo(new[] { "Correction", "Regular" }));
        var line = lines[1];
        Assert.That(line.GetProperty("at").GetString(), Is.EqualTo("2026-03-10T15:00:00Z"));
        Assert.That(line.GetProperty("zone").GetString(), Is.EqualTo("America/Denver"));
        var metric = line.GetProperty("metrics")[0];
        Assert.That(metric.GetProperty("metric").GetString(), Is.EqualTo("appointments-set"));
        Assert.That(metric.GetProperty("period").GetProperty("start").GetString(), Is.EqualTo("2026-03-01T07:00:00Z"));
        Assert.That(metric.GetProperty("period").GetProperty("grain").GetString(), Is.EqualTo("Month"));
        Assert.That(metric.GetProperty("breakdown")[0].GetProperty("dimensions").GetProperty("team").GetString(), Is.EqualTo("BDR"));
        var target = line.GetProperty("targets")[0];
        Assert.That(target.GetProperty("status").GetString(), Is.EqualTo("Behind"));
        Assert.That(target.GetProperty("attainment").GetDouble(), Is.EqualTo(0.075));
        Assert.That(line.GetProperty("ingestion").GetProperty("rejectedByReason").GetProperty("MissingType").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task WriteAsync_SeveralBatches_AppendedInOrder()
    {
        var sink = Sink();

        await sink.WriteAsync([ScoreboardSamples.Create()], CancellationToken.None);
        await Sink().WriteAsync([ScoreboardSamples.Create(ScoreboardSamples.At + Duration.FromHours(1))], CancellationToken.None);

        Assert.That(Lines().Select(l => l.GetProperty("at").GetString()), Is.EqualTo(new[] { "2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z" }));
    }

    [Test]
    public async Task WriteAsync_SameBatchAgainAfterAFailure_NotDuplicated()
    {
        var sink = Sink();
        var batch = new[] { ScoreboardSamples.Create(kind: ScoreboardKind.Correction), ScoreboardSamples.Create() };

        await sink.WriteAsync(batch, CancellationToken.None);
        await sink.WriteAsync(batch, CancellationToken.None);
        await sink.WriteAsync([batch[1], ScoreboardSamples.Create(ScoreboardSamples.At + Duration.FromHours(1))], CancellationToken.None);

        Assert.That(Lines().Select(l => (l.GetProperty("at").GetString(), l.GetProperty("kind").GetString())), Is.EqualTo(new[]
        {
            ("2026-03-10T15:00:00Z", "Correction"),
            ("2026-03-10T15:00:00Z", "Regular"),
            ("2026-03-10T16:00:00Z", "Regular"),
        }));
    }

    [Test]
    public async Task WriteAsync_CorrectionsExcluded_OnlyRegularLines()
    {
        await Sink(includeCorrections: false).WriteAsync([ScoreboardSamples.Create(kind: ScoreboardKind.Correction), ScoreboardSamples.Create()], CancellationToken.None);

        Assert.That(Lines().Select(l => l.GetProperty("kind").GetString()), Is.EqualTo(new[] { "Regular" }));
    }

    [Test]
    public async Task WriteAsync_EngineScoreboard_RoundTripsItsValues()
    {
        var engine = SalesOps.Metrics.Tests.Support.TestEngine.Create(Instant.FromUtc(2026, 3, 10, 17, 0), d => d
            .UseCalendar(c => c.InZone("America/Denver"))
            .AddMetric("calls", m => m.Count("call.made").By("team")));
        engine.Ingest(
            SalesOps.Metrics.Tests.Support.Activity.Event("call.made", Instant.FromUtc(2026, 3, 10, 16, 0), null, ("team", "BDR")),
            SalesOps.Metrics.Tests.Support.Activity.Event("call.made", Instant.FromUtc(2026, 3, 10, 16, 30), null, ("team", "BDR")));

        await Sink().WriteAsync(engine.Engine.Publish(), CancellationToken.None);

        var day = Lines().Single().GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("period").GetProperty("grain").GetString() == "Day");
        Assert.That(day.GetProperty("total").GetProperty("value").GetDouble(), Is.EqualTo(2));
        Assert.That(day.GetProperty("period").GetProperty("label").GetString(), Is.EqualTo("2026-03-10"));
    }

    [Test]
    public void Constructor_NoPath_Refused()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => _ = new JsonLinesScoreboardSink(new JsonLinesSinkOptions { Name = "" }));

        Assert.That(exception!.Failures, Is.EqualTo(new[] { "name: required", "path: required" }));
    }

    [Test]
    public void WriteAsync_Cancelled_WritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.CatchAsync<OperationCanceledException>(async () => await Sink().WriteAsync([ScoreboardSamples.Create()], cancelled.Token));
        Assert.That(File.Exists(PathOf), Is.False);
    }
}
