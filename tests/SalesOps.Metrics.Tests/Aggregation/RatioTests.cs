using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>SPEC §3.4: a ratio is Σ numerator ÷ Σ denominator; a zero denominator gives no value.</summary>
public sealed class RatioTests
{
    private static readonly NodaTime.Instant Now = Zones.Utc(2026, 11, 20);

    private static TestEngine Conversion() => TestEngine.Create(Now, ops => ops
        .AddMetric("appointments-set", m => m.Count("appointment.set").By("team", "rep"))
        .AddMetric("qualified-opportunities", m => m.Count("opportunity.qualified").By("team", "rep"))
        .AddMetric("appointment-to-opportunity", m => m.Ratio("qualified-opportunities", "appointments-set")));

    private static void Add(TestEngine test, string type, string team, string rep, int count)
    {
        for (var i = 0; i < count; i++)
        {
            test.Ingest(Activity.Rep(type, Zones.Utc(2026, 11, 10, 9, i), team, rep));
        }
    }

    [Test]
    public void Query_TeamRatio_IsRatioOfSumsNotAverageOfRatios()
    {
        var test = Conversion();
        Add(test, "appointment.set", "BDR", "alice", 1);
        Add(test, "opportunity.qualified", "BDR", "alice", 1);
        Add(test, "appointment.set", "BDR", "bob", 9);

        Assert.That(test.Engine.Query("appointment-to-opportunity", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(0.1).Within(1e-12));
        Assert.That(test.Engine.Query("appointment-to-opportunity", Window.ThisMonth, ("team", "BDR"), ("rep", "alice")), Is.EqualTo(1.0));
        Assert.That(test.Engine.Query("appointment-to-opportunity", Window.ThisMonth, ("team", "BDR"), ("rep", "bob")), Is.EqualTo(0.0));
        Assert.That(test.Engine.Query("appointment-to-opportunity", Window.ThisMonth), Is.EqualTo(0.1).Within(1e-12));
    }

    [Test]
    public void Query_ZeroDenominator_HasNoValue()
    {
        var test = Conversion();
        Add(test, "opportunity.qualified", "AE", "carol", 2);

        var value = test.Engine.Query("appointment-to-opportunity", Window.ThisMonth, ("team", "AE"));
        var empty = test.Engine.Query("appointment-to-opportunity", Window.Previous(Grain.Month));

        Assert.That(value, Is.Null);
        Assert.That(empty, Is.Null);
    }

    [Test]
    public void Breakdown_RatioByRep_RecomputesEachRowFromItsOwnSums()
    {
        var test = Conversion();
        Add(test, "appointment.set", "BDR", "alice", 4);
        Add(test, "opportunity.qualified", "BDR", "alice", 1);
        Add(test, "appointment.set", "BDR", "bob", 2);
        Add(test, "opportunity.qualified", "BDR", "bob", 1);
        Add(test, "opportunity.qualified", "BDR", "dave", 3);

        var rows = test.Engine.Breakdown("appointment-to-opportunity", Window.ThisMonth, "rep", ("team", "BDR"));

        Assert.That(rows.Select(r => r.Dimensions["rep"]), Is.EqualTo(new[] { "bob", "alice", "dave" }));
        Assert.That(rows.Select(r => r.Value), Is.EqualTo(new double?[] { 0.5, 0.25, null }));
    }
}
