using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>SPEC §3.5: additive metrics sum up the levels; average and distinct count are recomputed from their parts.</summary>
public sealed class RollUpTests
{
    private static readonly NodaTime.Instant Now = Zones.Utc(2026, 11, 20);

    private static TestEngine Floor() => TestEngine.Create(Now, ops => ops
        .AddMetric("calls", m => m.Count("call.made").By("team", "rep"))
        .AddMetric("talk-minutes", m => m.Sum("call.made").By("team", "rep"))
        .AddMetric("average-call", m => m.Average("call.made").By("team", "rep"))
        .AddMetric("shortest-call", m => m.Min("call.made").By("team", "rep"))
        .AddMetric("longest-call", m => m.Max("call.made").By("team", "rep"))
        .AddMetric("leads-touched", m => m.DistinctCount("lead", "call.made").By("team", "rep")));

    private static ActivityEvent Call(string team, string rep, double minutes, string lead) =>
        Activity.Event("call.made", Zones.Utc(2026, 11, 10, 10), minutes, ("team", team), ("rep", rep), ("lead", lead));

    private static TestEngine Ingested()
    {
        var test = Floor();
        test.Ingest(
            Call("BDR", "alice", 10, "L1"),
            Call("BDR", "alice", 20, "L2"),
            Call("BDR", "alice", 30, "L1"),
            Call("BDR", "bob", 60, "L2"),
            Call("BDR", "bob", 30, "L3"),
            Call("AE", "carol", 5, "L1"));
        return test;
    }

    [Test]
    public void Count_RepTeamCompany_SumUp()
    {
        var engine = Ingested().Engine;

        Assert.That(engine.Query("calls", Window.ThisMonth, ("team", "BDR"), ("rep", "alice")), Is.EqualTo(3));
        Assert.That(engine.Query("calls", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(5));
        Assert.That(engine.Query("calls", Window.ThisMonth), Is.EqualTo(6));
        Assert.That(engine.Query("talk-minutes", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(150));
        Assert.That(engine.Query("talk-minutes", Window.ThisMonth), Is.EqualTo(155));
    }

    [Test]
    public void Average_Team_IsSumOverCountNotAverageOfAverages()
    {
        var engine = Ingested().Engine;

        // alice averages 20 and bob 45; the average of their averages would be 32.5, the team's calls average 150/5 = 30.
        Assert.That(engine.Query("average-call", Window.ThisMonth, ("team", "BDR"), ("rep", "alice")), Is.EqualTo(20));
        Assert.That(engine.Query("average-call", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(30));
        Assert.That(engine.Query("average-call", Window.ThisMonth), Is.EqualTo(155.0 / 6).Within(1e-12));
    }

    [Test]
    public void DistinctCount_Team_CountsEachLeadOnce()
    {
        var engine = Ingested().Engine;

        Assert.That(engine.Query("leads-touched", Window.ThisMonth, ("team", "BDR"), ("rep", "alice")), Is.EqualTo(2));
        Assert.That(engine.Query("leads-touched", Window.ThisMonth, ("team", "BDR"), ("rep", "bob")), Is.EqualTo(2));
        Assert.That(engine.Query("leads-touched", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(3), "L2 is touched by both reps");
        Assert.That(engine.Query("leads-touched", Window.ThisMonth), Is.EqualTo(3), "L1 is touched by both teams");
        Assert.That(engine.Query("leads-touched", Window.ThisMonth, ("rep", "bob")), Is.EqualTo(2), "a filter on a finer dimension alone scans that level");
    }

    [Test]
    public void MinMax_Levels_TakeTheExtremesAndHaveNoValueWithoutEvents()
    {
        var engine = Ingested().Engine;

        Assert.That(engine.Query("shortest-call", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(10));
        Assert.That(engine.Query("shortest-call", Window.ThisMonth), Is.EqualTo(5));
        Assert.That(engine.Query("longest-call", Window.ThisMonth, ("team", "BDR"), ("rep", "alice")), Is.EqualTo(30));
        Assert.That(engine.Query("longest-call", Window.ThisMonth), Is.EqualTo(60));
        Assert.That(engine.Query("longest-call", Window.Previous(Grain.Month)), Is.Null);
        Assert.That(engine.Query("average-call", Window.Previous(Grain.Month)), Is.Null);
    }

    [Test]
    public void Breakdown_ByTeam_RanksByValueThenName()
    {
        var test = Ingested();
        test.Ingest(Call("SDR", "erin", 1, "L9"), Call("SDR", "erin", 1, "L9"), Call("SDR", "erin", 1, "L9"), Call("SDR", "frank", 1, "L9"), Call("SDR", "frank", 1, "L9"));

        var rows = test.Engine.Breakdown("calls", Window.ThisMonth, "team");

        Assert.That(rows.Select(r => (r.Dimensions["team"], r.Value)), Is.EqualTo(new[] { ("BDR", (double?)5), ("SDR", 5), ("AE", 1) }));
    }

    [Test]
    public void SeriesCap_NewCombinationsBeyondIt_GoToOverflowAndTotalsStayExact()
    {
        var test = TestEngine.Create(Now, ops => ops
            .AddMetric("calls", m => m.Count("call.made").By("rep"))
            .ConfigureIngestion(o => o with { MaxSeriesPerMetric = 3 }));
        for (var rep = 0; rep < 10; rep++)
        {
            test.Ingest(Activity.Event("call.made", Zones.Utc(2026, 11, 10), null, ("rep", $"rep{rep}")));
        }

        var rows = test.Engine.Breakdown("calls", Window.ThisMonth, "rep");

        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(10));
        Assert.That(test.Engine.SeriesCount("calls", 1), Is.EqualTo(4), "three series and the overflow");
        Assert.That(rows.Select(r => (r.Dimensions["rep"], r.Value)), Is.EqualTo(new[] { ("(overflow)", (double?)7), ("rep0", 1), ("rep1", 1), ("rep2", 1) }));
    }
}
