using NodaTime;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Engine;

/// <summary>SPEC §3.10: the same events in any order, or replayed, give identical results.</summary>
public sealed class OrderIndependenceTests
{
    private static readonly Instant Now = Zones.Utc(2026, 12, 2);
    private static readonly string[] Teams = ["BDR", "AE", "SDR"];

    private static TestEngine Floor() => TestEngine.Create(Now, ops => ops
        .UseCalendar(c => c.InZone("America/Denver").FiscalYearStartsIn(2))
        .AddMetric("calls", m => m.Count("call.made").By("team", "rep"))
        .AddMetric("pipeline", m => m.Sum("opportunity.qualified").By("team", "rep"))
        .AddMetric("smallest-deal", m => m.Min("opportunity.qualified").By("team", "rep"))
        .AddMetric("largest-deal", m => m.Max("opportunity.qualified").By("team", "rep"))
        .AddMetric("average-deal", m => m.Average("opportunity.qualified").By("team"))
        .AddMetric("leads", m => m.DistinctCount("lead", "call.made").By("team"))
        .AddMetric("opportunities", m => m.Count("opportunity.qualified").By("team", "rep"))
        .AddMetric("call-to-opportunity", m => m.Ratio("opportunities", "calls")));

    private static List<ActivityEvent> Month(int seed)
    {
        var random = new Random(seed);
        var start = Zones.Local("America/Denver", 2026, 11, 1);
        var events = new List<ActivityEvent>();
        for (var i = 0; i < 3000; i++)
        {
            var team = Teams[random.Next(Teams.Length)];
            var rep = $"{team}-{random.Next(5)}";
            var at = start + Duration.FromMinutes(random.Next(30 * 24 * 60));
            var isOpportunity = random.Next(5) == 0;

            // Whole-dollar amounts keep every sum exact, so any order gives bit-identical totals.
            events.Add(new ActivityEvent(
                $"ev-{i}",
                isOpportunity ? "opportunity.qualified" : "call.made",
                at,
                isOpportunity ? random.Next(1, 50) * 1000 : null,
                new Dictionary<string, string> { ["team"] = team, ["rep"] = rep, ["lead"] = $"lead-{random.Next(400)}" }));
        }

        return events;
    }

    private static List<string> Fingerprint(SalesOpsEngine engine)
    {
        var lines = new List<string>();
        var from = Zones.Local("America/Denver", 2026, 11, 1);
        foreach (var metric in engine.MetricNames)
        {
            lines.AddRange(engine.Series(metric, Grain.Day, from, 30).Select(p => $"{metric} {p.Period.Label} {p.Value:R}"));
            lines.AddRange(engine.Series(metric, Grain.Hour, from, 24 * 3).Select(p => $"{metric} {p.Period.Label} {p.Value:R}"));
            lines.AddRange(engine.Series(metric, Grain.Week, from, 5).Select(p => $"{metric} {p.Period.Label} {p.Value:R}"));
            lines.Add($"{metric} quarter {engine.QueryValue(metric, Window.ThisQuarter, from).Value:R}");
            foreach (var team in Teams)
            {
                lines.Add($"{metric} {team} {engine.QueryValue(metric, Window.ThisMonth, from, ("team", team)).Value:R}");
            }

            lines.AddRange(engine.Breakdown(metric, Window.Previous(Grain.Month), "team").Select(r => $"{metric} {r.Dimensions["team"]} {r.Value:R}"));
        }

        return lines;
    }

    [Test]
    public void Ingest_ShuffledEvents_GiveIdenticalResultsToOrderedOnes()
    {
        var events = Month(seed: 42);
        var ordered = Floor();
        var shuffled = Floor();
        ordered.Engine.Ingest(events.OrderBy(e => e.OccurredAt));
        var copy = events.ToArray();
        new Random(7).Shuffle(copy);
        shuffled.Engine.Ingest(copy);

        var expected = Fingerprint(ordered.Engine);

        Assert.That(expected, Has.Count.GreaterThan(800));
        Assert.That(Fingerprint(shuffled.Engine), Is.EqualTo(expected));
        Assert.That(ordered.Engine.Query("calls", Window.Previous(Grain.Month)), Is.EqualTo(events.Count(e => e.Type == "call.made")));
    }

    [Test]
    public void Ingest_ReplayedThreeTimes_GivesIdenticalResultsToOnePass()
    {
        var events = Month(seed: 11);
        var once = Floor();
        var thrice = Floor();
        once.Engine.Ingest(events);
        for (var pass = 0; pass < 3; pass++)
        {
            thrice.Engine.Ingest(events);
        }

        Assert.That(Fingerprint(thrice.Engine), Is.EqualTo(Fingerprint(once.Engine)));
        Assert.That(thrice.Engine.Report.Applied, Is.EqualTo(3000));
        Assert.That(thrice.Engine.Report.Duplicates, Is.EqualTo(6000));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Ingest_SignedZerosInEitherOrder_GiveMinusZeroAsMinimumAndPlusZeroAsMaximum(bool minusFirst)
    {
        // Today's cells are written in the open block; yesterday's, once today opened, in a closed period; and the
        // two days before hold one zero each, which a two-day window combines.
        var noon = Zones.Utc(2026, 12, 2, 12);
        var today = noon - Duration.FromHours(2);
        var test = TestEngine.Create(noon, ops => ops
            .AddMetric("smallest", m => m.Min("deal.won"))
            .AddMetric("largest", m => m.Max("deal.won")));
        double[] values = minusFirst ? [-0.0, 0.0] : [0.0, -0.0];
        test.Engine.Ingest(new ActivityEvent("t-0", "deal.won", today, values[0]));
        test.Engine.Ingest(new ActivityEvent("t-1", "deal.won", today, values[1]));
        test.Engine.Ingest(new ActivityEvent("y-0", "deal.won", today - Duration.FromDays(1), values[0]));
        test.Engine.Ingest(new ActivityEvent("y-1", "deal.won", today - Duration.FromDays(1), values[1]));
        test.Engine.Ingest(new ActivityEvent("d-2", "deal.won", today - Duration.FromDays(2), values[0]));
        test.Engine.Ingest(new ActivityEvent("d-3", "deal.won", today - Duration.FromDays(3), values[1]));

        var twoDays = Window.Between(Zones.Utc(2026, 11, 29), Zones.Utc(2026, 12, 1));
        foreach (var window in new[] { Window.Today, Window.Previous(Grain.Day), twoDays })
        {
            var smallest = test.Engine.Query("smallest", window)!.Value;
            var largest = test.Engine.Query("largest", window)!.Value;

            Assert.That(double.IsNegative(smallest), Is.True, $"minimum of {window}");
            Assert.That(double.IsNegative(largest), Is.False, $"maximum of {window}");
            Assert.That((smallest, largest), Is.EqualTo((0.0, 0.0)), $"{window}");
        }
    }
}
