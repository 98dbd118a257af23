using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>SPEC §3.6 and §3.7 through the engine: ISO week 53 and fiscal quarters.</summary>
public sealed class CalendarGrainTests
{
    [Test]
    public void WeeklySeries_AroundNewYear2027_Week53HoldsBothYears()
    {
        var test = TestEngine.Create(Zones.Utc(2027, 1, 10), ops => ops.AddMetric("calls", m => m.Count("call.made")));
        foreach (var day in new[] { (2026, 12, 27), (2026, 12, 28), (2026, 12, 31), (2027, 1, 1), (2027, 1, 3), (2027, 1, 4) })
        {
            test.Ingest(Activity.Event("call.made", Zones.Utc(day.Item1, day.Item2, day.Item3, 12)));
        }

        var weeks = test.Engine.Series("calls", Grain.Week, Zones.Utc(2026, 12, 27), 3);

        Assert.That(weeks.Select(w => w.Period.Label), Is.EqualTo(new[] { "2026-W52", "2026-W53", "2027-W01" }));
        Assert.That(weeks.Select(w => w.Value), Is.EqualTo(new double?[] { 1, 4, 1 }));
    }

    [Test]
    public void QuarterlySeries_FebruaryFiscalStart_QuarterOneIsFebruaryToApril()
    {
        var test = TestEngine.Create(Zones.Utc(2026, 12, 1), ops => ops
            .UseCalendar(c => c.FiscalYearStartsIn(2))
            .AddMetric("deals", m => m.Count("deal.won")));
        foreach (var day in new[] { (1, 31), (2, 1), (4, 30), (5, 1), (7, 31), (8, 1) })
        {
            test.Ingest(Activity.Event("deal.won", Zones.Utc(2026, day.Item1, day.Item2, 12)));
        }

        var quarters = test.Engine.Series("deals", Grain.Quarter, Zones.Utc(2026, 1, 15), 4);
        var years = test.Engine.Series("deals", Grain.Year, Zones.Utc(2026, 1, 15), 2);

        Assert.That(quarters.Select(q => q.Period.Label), Is.EqualTo(new[] { "FY2026-Q4", "FY2027-Q1", "FY2027-Q2", "FY2027-Q3" }));
        Assert.That(quarters.Select(q => q.Value), Is.EqualTo(new double?[] { 1, 2, 2, 1 }));
        Assert.That(years.Select(y => (y.Period.Label, y.Value)), Is.EqualTo(new[] { ("FY2026", (double?)1), ("FY2027", 5) }));
        Assert.That(quarters[1].Period.Start, Is.EqualTo(Zones.Utc(2026, 2, 1)));
        Assert.That(quarters[1].Period.End, Is.EqualTo(Zones.Utc(2026, 5, 1)));
    }
}
