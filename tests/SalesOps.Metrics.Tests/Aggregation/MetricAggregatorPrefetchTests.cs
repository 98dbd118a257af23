using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>When the record loop asks for an aggregator's cells ahead: judged by the series it knows, from the first batch on.</summary>
public sealed class MetricAggregatorPrefetchTests
{
    [TestCase(70_000, true)]
    [TestCase(20_000, false)]
    public void PrefetchEntryPays_AFreshAggregator_FollowsTheSeriesItKnowsBeforeItsFirstEvent(int reps, bool pays)
    {
        // Its first event's periods size the map for the series known; a batch decides before that event.
        var aggregator = new MetricAggregator(0, new MetricStream(["deal.won"], [], ["rep"], null), [Grain.Day, Grain.Week, Grain.Month, Grain.Quarter], reps + 16);
        var dimensions = new Dictionary<string, string>();
        for (var rep = 0; rep < reps; rep++)
        {
            dimensions["rep"] = $"rep-{rep}";
            aggregator.Resolve(dimensions);
        }

        Assert.That(aggregator.PrefetchEntryPays, Is.EqualTo(pays));
    }
}
