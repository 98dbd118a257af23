using NodaTime;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class MetricBuilderTests
{
    private static MetricDefinition Metric(Action<MetricBuilder> configure)
        => new SalesOpsBuilder().AddMetric("m", configure).Build().Metrics.Single();

    [TestCase("Count", AggregationKind.Count)]
    [TestCase("Sum", AggregationKind.Sum)]
    [TestCase("Min", AggregationKind.Min)]
    [TestCase("Max", AggregationKind.Max)]
    [TestCase("Average", AggregationKind.Average)]
    public void Aggregation_OverEventTypes_SetsKindAndTypes(string method, AggregationKind expected)
    {
        var metric = Metric(m => _ = method switch
        {
            "Count" => m.Count("a", "b"),
            "Sum" => m.Sum("a", "b"),
            "Min" => m.Min("a", "b"),
            "Max" => m.Max("a", "b"),
            _ => m.Average("a", "b"),
        });

        Assert.That(metric.Aggregation, Is.EqualTo(expected));
        Assert.That(metric.EventTypes, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void DistinctCount_SetsDimensionAndTypes()
    {
        var metric = Metric(m => m.DistinctCount("lead", "call.made"));

        Assert.That(metric.Aggregation, Is.EqualTo(AggregationKind.DistinctCount));
        Assert.That(metric.DistinctDimension, Is.EqualTo("lead"));
        Assert.That(metric.EventTypes, Is.EqualTo(new[] { "call.made" }));
    }

    [Test]
    public void Ratio_AfterCount_ReplacesTheAggregation()
    {
        var metric = Metric(m => m.DistinctCount("lead", "call.made").Ratio("won", "calls"));

        Assert.That(metric.Aggregation, Is.EqualTo(AggregationKind.Ratio));
        Assert.That(metric.Ratio, Is.EqualTo(new RatioDefinition("won", "calls")));
        Assert.That(metric.EventTypes, Is.Empty);
        Assert.That(metric.DistinctDimension, Is.Null);
    }

    [Test]
    public void Where_SameDimensionTwice_AddsValues()
    {
        var metric = Metric(m => m.Count("call.made").Where("channel", "phone").Where("channel", "video").Where("region", "west"));

        Assert.That(metric.Filters.Keys, Is.EquivalentTo(new[] { "channel", "region" }));
        Assert.That(metric.Filters["channel"], Is.EqualTo(new[] { "phone", "video" }));
        Assert.That(metric.Filters["region"], Is.EqualTo(new[] { "west" }));
    }

    [Test]
    public void By_CalledTwice_AppendsDimensionsInOrder()
    {
        var metric = Metric(m => m.Count("call.made").By("team").By("rep"));

        Assert.That(metric.GroupBy, Is.EqualTo(new[] { "team", "rep" }));
    }

    [Test]
    public void KindUnitFormatAndReview_AreKept()
    {
        var metric = Metric(m => m.Sum("deal.won").Result().Unit("USD").Format("C0").ReviewEvery(Duration.FromMinutes(15)));

        Assert.That(metric.Kind, Is.EqualTo(MetricKind.Result));
        Assert.That(metric.Unit, Is.EqualTo("USD"));
        Assert.That(metric.Format, Is.EqualTo("C0"));
        Assert.That(metric.Review, Is.EqualTo(Duration.FromMinutes(15)));
    }

    [Test]
    public void ReviewHourlyAndDaily_SetOneHourAndOneDay()
    {
        Assert.That(Metric(m => m.Count("x").ReviewHourly()).Review, Is.EqualTo(Duration.FromHours(1)));
        Assert.That(Metric(m => m.Count("x").ReviewDaily()).Review, Is.EqualTo(Duration.FromDays(1)));
    }

    [Test]
    public void Count_NullEventType_ThrowsArgumentNullException()
    {
        Assert.That(() => Metric(m => m.Count("call.made", null!)), Throws.ArgumentNullException);
    }

    [Test]
    public void Unit_Empty_IsAllowed()
    {
        Assert.That(Metric(m => m.Count("x").Unit("")).Unit, Is.EqualTo(""));
    }
}
