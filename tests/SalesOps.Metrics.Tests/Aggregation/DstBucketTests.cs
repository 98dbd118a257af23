using NodaTime;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>SPEC §3.1: windows are local, half-open, and DST days have 23 or 25 hourly buckets.</summary>
public sealed class DstBucketTests
{
    private static TestEngine CallsIn(string zone, Instant now) =>
        TestEngine.Create(now, ops => ops
            .UseCalendar(c => c.InZone(zone))
            .AddMetric("calls", m => m.Count("call.made").By("team", "rep")));

    private static void CallEveryHalfHour(TestEngine test, Instant from, Instant to)
    {
        for (var at = from; at < to; at += Duration.FromMinutes(30))
        {
            test.Ingest(Activity.Rep("call.made", at, "BDR", "alice"));
        }
    }

    [TestCase("America/Denver", 2026, 11, 1, 25)]
    [TestCase("America/Denver", 2026, 3, 8, 23)]
    [TestCase("Europe/Berlin", 2026, 10, 25, 25)]
    [TestCase("Europe/Berlin", 2026, 3, 29, 23)]
    [TestCase("America/Denver", 2026, 11, 2, 24)]
    public void HourlySeries_TransitionDay_HasOneBucketPerElapsedHour(string zone, int year, int month, int day, int hours)
    {
        var start = Zones.Local(zone, year, month, day);
        var end = Zones.Local(zone, year, month, day + 1);
        var test = CallsIn(zone, end);
        CallEveryHalfHour(test, start, end);

        var series = test.Engine.Series("calls", Grain.Hour, start, hours + 1);

        Assert.That(end - start, Is.EqualTo(Duration.FromHours(hours)));
        Assert.That(series.Take(hours).Select(p => p.Value), Is.All.EqualTo(2.0), "every local hour bucket holds its two calls");
        Assert.That(series[hours].Period.Start, Is.EqualTo(end), "the bucket after the last is the next local day's first");
        Assert.That(series[hours].Value, Is.EqualTo(0));
        Assert.That(series.Take(hours).Select(p => p.Period.Label).Distinct().Count(), Is.EqualTo(hours));
        Assert.That(test.Engine.QueryValue("calls", Window.Current(Grain.Day), start).Value, Is.EqualTo(2.0 * hours));
    }

    [Test]
    public void HourlySeries_FallBackInDenver_RepeatedLocalHourIsTwoBuckets()
    {
        var start = Zones.Local("America/Denver", 2026, 11, 1);
        var test = CallsIn("America/Denver", start + Duration.FromDays(2));
        test.Ingest(Activity.Rep("call.made", Instant.FromUtc(2026, 11, 1, 7, 30), "BDR", "alice"));
        test.Ingest(Activity.Rep("call.made", Instant.FromUtc(2026, 11, 1, 8, 30), "BDR", "alice"));
        test.Ingest(Activity.Rep("call.made", Instant.FromUtc(2026, 11, 1, 8, 45), "BDR", "alice"));

        var series = test.Engine.Series("calls", Grain.Hour, start, 4);

        Assert.That(series.Select(p => p.Period.Label), Is.EqualTo(new[]
        {
            "2026-11-01T00:00-06:00", "2026-11-01T01:00-06:00", "2026-11-01T01:00-07:00", "2026-11-01T02:00-07:00",
        }));
        Assert.That(series.Select(p => p.Value), Is.EqualTo(new double?[] { 0, 1, 2, 0 }));
    }

    [Test]
    public void DailyTotals_EventsAroundLocalMidnight_FallInTheirLocalDay()
    {
        var test = CallsIn("America/Denver", Zones.Utc(2026, 11, 5));

        // 23:30 on Nov 1 in Denver is 06:30Z on Nov 2; 00:30 on Nov 2 is 07:30Z.
        test.Ingest(Activity.Rep("call.made", Zones.Local("America/Denver", 2026, 11, 1, 23, 30), "BDR", "alice"));
        test.Ingest(Activity.Rep("call.made", Zones.Local("America/Denver", 2026, 11, 2, 0, 30), "BDR", "alice"));
        test.Ingest(Activity.Rep("call.made", Zones.Local("America/Denver", 2026, 11, 2, 23, 59), "BDR", "alice"));

        var days = test.Engine.Series("calls", Grain.Day, Zones.Local("America/Denver", 2026, 11, 1), 3);

        Assert.That(days.Select(d => d.Period.Label), Is.EqualTo(new[] { "2026-11-01", "2026-11-02", "2026-11-03" }));
        Assert.That(days.Select(d => d.Value), Is.EqualTo(new double?[] { 1, 2, 0 }));
    }

    [Test]
    public void TrailingWindow_Last24Hours_CoversTheHourBucketsEndingNow()
    {
        var now = Zones.Utc(2026, 11, 10, 14, 30);
        var test = CallsIn("UTC", now);
        test.Ingest(Activity.Rep("call.made", Zones.Utc(2026, 11, 9, 14, 59), "BDR", "alice"));
        test.Ingest(Activity.Rep("call.made", Zones.Utc(2026, 11, 9, 15, 0), "BDR", "alice"));
        test.Ingest(Activity.Rep("call.made", Zones.Utc(2026, 11, 10, 14, 10), "BDR", "alice"));

        Assert.That(test.Engine.Query("calls", Window.Last24Hours), Is.EqualTo(2));
        Assert.That(test.Engine.Query("calls", Window.Trailing(Duration.FromHours(48))), Is.EqualTo(3));
    }
}
