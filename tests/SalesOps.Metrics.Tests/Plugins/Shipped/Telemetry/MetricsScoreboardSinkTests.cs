using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NodaTime;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Telemetry;

/// <summary>The System.Diagnostics.Metrics sink, observed through a real meter factory and <see cref="MetricCollector{T}"/>.</summary>
public sealed class MetricsScoreboardSinkTests
{
    private ServiceProvider _services = null!;

    private System.Diagnostics.Metrics.IMeterFactory Meters => _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    [SetUp]
    public void SetUp() => _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [TearDown]
    public void TearDown() => _services.Dispose();

    private MetricCollector<double> Collect(string instrument) => new(Meters, MetricsScoreboardSink.MeterName, instrument);

    private static List<(double Value, string Tags)> Observe(MetricCollector<double> collector)
    {
        collector.RecordObservableInstruments();
        return [.. collector.GetMeasurementSnapshot()
            .Select(m => (m.Value, string.Join(",", m.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))))
            .OrderBy(m => m.Item2, StringComparer.Ordinal)];
    }

    [Test]
    public async Task WriteAsync_Scoreboard_MetricValuesAsGaugesWithTags()
    {
        var sink = new MetricsScoreboardSink(Meters);
        using var values = Collect("salesops.metric.value");

        await sink.WriteAsync([ScoreboardSamples.Create(metrics:
        [
            ScoreboardSamples.Metric("appointments-set", ScoreboardSamples.Month, 12, ("BDR", 8), ("AE", 4)),
            ScoreboardSamples.Metric("appointments-set", ScoreboardSamples.Day, 3, ("BDR", 3)),
            ScoreboardSamples.Metric("conversion", ScoreboardSamples.Day, null),
        ])], CancellationToken.None);

        Assert.That(Observe(values), Is.EqualTo(new[]
        {
            (3d, "grain=Day,metric=appointments-set"),
            (3d, "grain=Day,metric=appointments-set,team=BDR"),
            (12d, "grain=Month,metric=appointments-set"),
            (4d, "grain=Month,metric=appointments-set,team=AE"),
            (8d, "grain=Month,metric=appointments-set,team=BDR"),
        }), "a metric with no value (a zero denominator) reports nothing");
    }

    [Test]
    public async Task WriteAsync_Targets_AttainmentPaceActualGoalPerMember()
    {
        var sink = new MetricsScoreboardSink(Meters);
        using var attainment = Collect("salesops.target.attainment");
        using var pace = Collect("salesops.target.pace");
        using var goal = Collect("salesops.target.goal");

        await sink.WriteAsync([ScoreboardSamples.Create(targets:
        [
            ScoreboardSamples.Target("bdr-opportunities", "alice", 10, TargetStatus.OnTrack),
            ScoreboardSamples.Target("bdr-opportunities", "bob", 2, TargetStatus.Behind),
            ScoreboardSamples.Target("bdr-team", null, 30, TargetStatus.OnTrack, goal: 0),
        ])], CancellationToken.None);

        const string Alice = "grain=Month,member=alice,metric=qualified-opportunities,rep=alice,target=bdr-opportunities,team=BDR";
        const string Bob = "grain=Month,member=bob,metric=qualified-opportunities,rep=bob,target=bdr-opportunities,team=BDR";
        Assert.That(Observe(attainment), Is.EqualTo(new[] { (0.25, Alice), (0.05, Bob) }), "a goal of 0 has no attainment");
        Assert.That(Observe(pace).Select(m => m.Value), Is.EqualTo(new[] { 1.0, 0.2, 3.0 }));
        Assert.That(Observe(goal).Select(m => m.Value), Is.EqualTo(new[] { 40d, 40d, 0d }));
    }

    [Test]
    public async Task WriteAsync_PartialPublication_OtherMetricsKeepTheirValues()
    {
        var sink = new MetricsScoreboardSink(Meters);
        using var values = Collect("salesops.metric.value");
        await sink.WriteAsync([ScoreboardSamples.Create(metrics:
        [
            ScoreboardSamples.Metric("calls", ScoreboardSamples.Day, 50),
            ScoreboardSamples.Metric("deals", ScoreboardSamples.Day, 2),
        ])], CancellationToken.None);

        await sink.WriteAsync([ScoreboardSamples.Create(ScoreboardSamples.At + Duration.FromHours(1), metrics: [ScoreboardSamples.Metric("calls", ScoreboardSamples.Day, 61)])], CancellationToken.None);

        Assert.That(Observe(values), Is.EqualTo(new[] { (61d, "grain=Day,metric=calls"), (2d, "grain=Day,metric=deals") }));
    }

    [Test]
    public async Task WriteAsync_CorrectionsAndOlderScoreboards_Ignored()
    {
        var sink = new MetricsScoreboardSink(Meters);
        using var values = Collect("salesops.metric.value");
        await sink.WriteAsync([ScoreboardSamples.Create(metrics: [ScoreboardSamples.Metric("calls", ScoreboardSamples.Day, 50)])], CancellationToken.None);

        await sink.WriteAsync(
            [
                ScoreboardSamples.Create(kind: ScoreboardKind.Correction, metrics: [ScoreboardSamples.Metric("calls", ScoreboardSamples.Day, 7)]),
                ScoreboardSamples.Create(ScoreboardSamples.At - Duration.FromHours(1), metrics: [ScoreboardSamples.Metric("calls", ScoreboardSamples.Day, 9)]),
            ],
            CancellationToken.None);

        Assert.That(Observe(values).Single().Value, Is.EqualTo(50));
    }

    [Test]
    public async Task WriteAsync_DimensionNamedLikeATag_Prefixed()
    {
        var sink = new MetricsScoreboardSink(Meters);
        using var values = Collect("salesops.metric.value");
        var snapshot = new MetricSnapshot(
            "calls", "calls", "N0", ScoreboardSamples.Day,
            new SeriesValue(new Dictionary<string, string>(), 5, 5),
            [new SeriesValue(new Dictionary<string, string> { ["metric"] = "x" }, 5, 5)]);

        await sink.WriteAsync([ScoreboardSamples.Create(metrics: [snapshot])], CancellationToken.None);

        Assert.That(Observe(values).Select(m => m.Tags), Does.Contain("dimension.metric=x,grain=Day,metric=calls"));
    }

    [Test]
    public async Task AddMetricsSink_ThroughDependencyInjection_SinkPublishesOnTheContainersMeters()
    {
        var services = new ServiceCollection();
        services.AddSalesOpsMetrics(ops => ops.AddMetric("calls", m => m.Count("call.made")).AddMetricsSink());
        await using var provider = services.BuildServiceProvider();
        var sink = provider.GetServices<IScoreboardSink>().OfType<MetricsScoreboardSink>().Single();
        using var values = new MetricCollector<double>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), MetricsScoreboardSink.MeterName, "salesops.metric.value");

        await sink.WriteAsync([ScoreboardSamples.Create(metrics: [ScoreboardSamples.Metric("calls", ScoreboardSamples.Day, 4)])], CancellationToken.None);

        Assert.That(sink.Name, Is.EqualTo("metrics"));
        Assert.That(Observe(values).Single(), Is.EqualTo((4d, "grain=Day,metric=calls")));
    }
}
