using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>Count, sum, min, max and average metrics over the same events share one stream of cells.</summary>
public sealed class SharedStreamTests
{
    private static readonly NodaTime.Instant Now = Zones.Utc(2026, 11, 20);

    private static TestEngine Deals() => TestEngine.Create(Now, ops => ops
        .AddMetric("deals", m => m.Count("deal.won").By("team"))
        .AddMetric("revenue", m => m.Sum("deal.won").By("team"))
        .AddMetric("smallest-deal", m => m.Min("deal.won").By("team"))
        .AddMetric("average-deal", m => m.Average("deal.won").By("team")));

    [Test]
    public void Query_EventsWithAndWithoutValues_CountAllButAggregateOnlyValues()
    {
        var test = Deals();
        test.Ingest(
            Activity.Event("deal.won", Zones.Utc(2026, 11, 10), 100, ("team", "AE")),
            Activity.Event("deal.won", Zones.Utc(2026, 11, 11), 300, ("team", "AE")),
            Activity.Event("deal.won", Zones.Utc(2026, 11, 12), null, ("team", "AE")));

        Assert.That(test.Engine.Query("deals", Window.ThisMonth, ("team", "AE")), Is.EqualTo(3));
        Assert.That(test.Engine.Query("revenue", Window.ThisMonth, ("team", "AE")), Is.EqualTo(400));
        Assert.That(test.Engine.Query("smallest-deal", Window.ThisMonth, ("team", "AE")), Is.EqualTo(100));
        Assert.That(test.Engine.Query("average-deal", Window.ThisMonth, ("team", "AE")), Is.EqualTo(200), "the deal without an amount is not averaged as 0");
    }

    [Test]
    public void Query_OnlyEventsWithoutValues_SumIsZeroAndMinAverageHaveNoValue()
    {
        var test = Deals();
        test.Ingest(Activity.Event("deal.won", Zones.Utc(2026, 11, 10), null, ("team", "AE")));

        Assert.That(test.Engine.Query("deals", Window.ThisMonth), Is.EqualTo(1));
        Assert.That(test.Engine.Query("revenue", Window.ThisMonth), Is.EqualTo(0));
        Assert.That(test.Engine.Query("smallest-deal", Window.ThisMonth), Is.Null);
        Assert.That(test.Engine.Query("average-deal", Window.ThisMonth), Is.Null);
    }

    [Test]
    public void Resolve_MetricsOverTheSameEvents_ReturnEqualHandlesSoOneRecordFeedsAll()
    {
        var test = Deals();
        var team = new Dictionary<string, string> { ["team"] = "AE" };
        var deals = test.Engine.Resolve("deals", team);
        var revenue = test.Engine.Resolve("revenue", team);

        test.Engine.Record(revenue, Zones.Utc(2026, 11, 10), 250);
        test.Engine.Record(deals, Zones.Utc(2026, 11, 10));

        Assert.That(revenue, Is.EqualTo(deals));
        Assert.That(test.Engine.Query("deals", Window.ThisMonth), Is.EqualTo(2));
        Assert.That(test.Engine.Query("revenue", Window.ThisMonth), Is.EqualTo(250));
        Assert.That(test.Engine.Query("average-deal", Window.ThisMonth), Is.EqualTo(250));
    }

    [Test]
    public void Resolve_DifferentFilters_GiveDifferentStreams()
    {
        var test = TestEngine.Create(Now, ops => ops
            .AddMetric("deals", m => m.Count("deal.won").By("team"))
            .AddMetric("enterprise-deals", m => m.Count("deal.won").Where("segment", "enterprise").By("team")));
        var team = new Dictionary<string, string> { ["team"] = "AE" };

        Assert.That(test.Engine.Resolve("deals", team), Is.Not.EqualTo(test.Engine.Resolve("enterprise-deals", team)));
    }
}
