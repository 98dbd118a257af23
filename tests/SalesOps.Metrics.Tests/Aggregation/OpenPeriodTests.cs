using NodaTime;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>
/// Open periods keep every grain's cells of a series side by side and close into compacted periods when the next
/// period of their grain opens: nothing written before, during or after a close may be lost or moved.
/// </summary>
public sealed class OpenPeriodTests
{
    private const int Reps = 2_000;
    private static readonly Instant Now = Zones.Utc(2026, 3, 18, 18);

    [Test]
    public void Ingest_DaysClosingWithManySeries_EveryPeriodKeepsItsOwnTotals()
    {
        var test = Create();
        Ingest(test, Enumerable.Range(0, Reps).Select(rep => Call(Zones.Utc(2026, 3, 16, 9), rep, rep + 1)));
        Ingest(test, Enumerable.Range(0, Reps).Where(rep => rep % 2 == 0).Select(rep => Call(Zones.Utc(2026, 3, 17, 10), rep, 2)));
        Ingest(test, Enumerable.Range(0, Reps).Where(rep => rep % 3 == 0).Select(rep => Call(Zones.Utc(2026, 3, 18, 11), rep, 3)));

        Assert.That(test.Engine.Query("calls", Window.Previous(Grain.Day, 2)), Is.EqualTo(Reps * (Reps + 1) / 2));
        Assert.That(test.Engine.Query("calls", Window.Previous(Grain.Day, 1)), Is.EqualTo(1_000 * 2));
        Assert.That(test.Engine.Query("calls", Window.Today), Is.EqualTo(667 * 3));
        Assert.That(test.Engine.Query("calls", Window.ThisWeek), Is.EqualTo((Reps * (Reps + 1) / 2) + 2_000 + 2_001));
        Assert.That(test.Engine.Breakdown("calls", Window.Previous(Grain.Day, 1), "rep"), Has.Count.EqualTo(1_000));
        Assert.That(test.Engine.Breakdown("calls", Window.Today, "rep"), Has.Count.EqualTo(667));
        Assert.That(test.Engine.Query("calls", Window.Previous(Grain.Day, 2), ("rep", "r1999")), Is.EqualTo(2_000));
        Assert.That(test.Engine.Query("calls", Window.Today, ("rep", "r1998")), Is.EqualTo(3));
        Assert.That(test.Engine.Query("calls", Window.Today, ("rep", "r1999")), Is.EqualTo(0));
    }

    [Test]
    public void Ingest_LateEventsIntoClosedDays_LandInTheirDayAndInTheOpenWeek()
    {
        var test = Create();
        Ingest(test, Enumerable.Range(0, Reps).Select(rep => Call(Zones.Utc(2026, 3, 16, 9), rep, 1)));
        Ingest(test, Enumerable.Range(0, Reps).Where(rep => rep % 2 == 0).Select(rep => Call(Zones.Utc(2026, 3, 17, 10), rep, 2)));
        Ingest(test, [Call(Zones.Utc(2026, 3, 18, 11), 0, 5)]);

        // A series new on a closed day, and a known series on a closed day it had no event in.
        Ingest(test, [Call(Zones.Utc(2026, 3, 16, 13), 5_000, 7), Call(Zones.Utc(2026, 3, 17, 14), 1, 11)]);

        Assert.That(test.Engine.Query("calls", Window.Previous(Grain.Day, 2)), Is.EqualTo(Reps + 7));
        Assert.That(test.Engine.Query("calls", Window.Previous(Grain.Day, 1)), Is.EqualTo(2_000 + 11));
        Assert.That(test.Engine.Query("calls", Window.Previous(Grain.Day, 2), ("rep", "r5000")), Is.EqualTo(7));
        Assert.That(test.Engine.Query("calls", Window.Previous(Grain.Day, 1), ("rep", "r1")), Is.EqualTo(11));
        Assert.That(test.Engine.Query("calls", Window.Today), Is.EqualTo(5));
        Assert.That(test.Engine.Query("calls", Window.ThisWeek), Is.EqualTo(Reps + 7 + 2_000 + 11 + 5));
        Assert.That(test.Engine.Query("calls", Window.ThisWeek, ("rep", "r5000")), Is.EqualTo(7));
    }

    [Test]
    public void Ingest_EventAfterALaterPeriodOpened_IsKeptInItsOwnHourAndDay()
    {
        var test = Create();
        Ingest(test, [Call(Zones.Utc(2026, 3, 18, 9, 10), 1, 1), Call(Zones.Utc(2026, 3, 18, 11, 5), 1, 2)]);
        Ingest(test, [Call(Zones.Utc(2026, 3, 18, 9, 50), 1, 4), Call(Zones.Utc(2026, 3, 18, 11, 30), 2, 8)]);

        var hours = test.Engine.Series("calls", Grain.Hour, Zones.Utc(2026, 3, 18, 9), 3);

        Assert.That(hours.Select(h => h.Value), Is.EqualTo(new double?[] { 5, 0, 10 }));
        Assert.That(test.Engine.Query("calls", Window.Today), Is.EqualTo(15));
    }

    [Test]
    public void Record_SpanOverMoreSeriesThanFitInCache_EverySeriesGetsExactlyItsEvents()
    {
        // 6,000 reps × 4 grains of 40-byte cells outgrow the prefetch threshold, so the span is walked with prefetching.
        const int reps = 6_000;
        var test = Create();
        var handles = Enumerable.Range(0, reps)
            .Select(rep => test.Engine.Resolve("calls", new Dictionary<string, string> { ["team"] = $"t{rep % 10}", ["rep"] = $"r{rep}" }))
            .ToArray();
        var random = new Random(7);
        var expected = new double[reps];
        var events = new ResolvedEvent[30_000];
        for (var i = 0; i < events.Length; i++)
        {
            var rep = random.Next(reps);
            expected[rep] += i % 7;
            events[i] = new ResolvedEvent(handles[rep], Zones.Utc(2026, 3, 18, 9) + Duration.FromSeconds(i), i % 7);
        }

        Assert.That(test.Engine.Record(events), Is.EqualTo(events.Length));

        var rows = test.Engine.Breakdown("calls", Window.Today, "rep").ToDictionary(r => r.Dimensions["rep"], r => r.Value ?? 0);
        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(expected.Sum()));
        Assert.That(Enumerable.Range(0, reps).Count(rep => rows.GetValueOrDefault($"r{rep}") != expected[rep]), Is.Zero);
    }

    [Test]
    public void Record_SpanOverManySeriesAcrossADayClose_EverySeriesGetsExactlyItsEvents()
    {
        // 70,000 reps: the map from series to open cells outgrows a core's second-level cache, so the span is walked
        // with both prefetch steps; the day closes halfway, and the reps without an event since give their runs back
        // for the new day's reps to reuse.
        const int reps = 70_000;
        var test = TestEngine.Create(Now, ops => ops
            .AddMetric("calls", m => m.Sum("call.made").By("team", "rep"))
            .ConfigureIngestion(o => o with { Grains = [Grain.Hour, Grain.Day, Grain.Week, Grain.Month], MaxSeriesPerMetric = 100_000 }));
        var handles = Enumerable.Range(0, reps)
            .Select(rep => test.Engine.Resolve("calls", new Dictionary<string, string> { ["team"] = $"t{rep % 10}", ["rep"] = $"r{rep}" }))
            .ToArray();
        var random = new Random(11);
        var days = new[] { new double[reps], new double[reps] };
        var events = new ResolvedEvent[100_000];
        for (var i = 0; i < events.Length; i++)
        {
            var rep = random.Next(reps);
            var day = i < events.Length / 2 ? 0 : 1;
            days[day][rep] += (i % 5) + 1;
            events[i] = new ResolvedEvent(handles[rep], Zones.Utc(2026, 3, 17 + day, 9) + Duration.FromMilliseconds(i * 50L), (i % 5) + 1);
        }

        Assert.That(test.Engine.Record(events), Is.EqualTo(events.Length));

        var yesterday = test.Engine.Breakdown("calls", Window.Previous(Grain.Day, 1), "rep").ToDictionary(r => r.Dimensions["rep"], r => r.Value ?? 0);
        var today = test.Engine.Breakdown("calls", Window.Today, "rep").ToDictionary(r => r.Dimensions["rep"], r => r.Value ?? 0);
        var week = test.Engine.Breakdown("calls", Window.ThisWeek, "rep").ToDictionary(r => r.Dimensions["rep"], r => r.Value ?? 0);
        Assert.That(Enumerable.Range(0, reps).Count(rep => yesterday.GetValueOrDefault($"r{rep}") != days[0][rep]), Is.Zero);
        Assert.That(Enumerable.Range(0, reps).Count(rep => today.GetValueOrDefault($"r{rep}") != days[1][rep]), Is.Zero);
        Assert.That(Enumerable.Range(0, reps).Count(rep => week.GetValueOrDefault($"r{rep}") != days[0][rep] + days[1][rep]), Is.Zero);
        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(days[0].Sum() + days[1].Sum()));
    }

    [Test]
    public void Query_MinAndMaxOfASeriesWithoutEventsInTheOpenPeriod_AreEmptyNotZero()
    {
        var test = TestEngine.Create(Now, ops => ops
            .AddMetric("smallest", m => m.Min("deal.won").By("team", "rep"))
            .AddMetric("largest", m => m.Max("deal.won").By("team", "rep")));
        Ingest(test, [Call("deal.won", Zones.Utc(2026, 3, 17, 9), "a", 5), Call("deal.won", Zones.Utc(2026, 3, 17, 9), "b", -7)]);
        Ingest(test, [Call("deal.won", Zones.Utc(2026, 3, 18, 9), "b", 9), Call("deal.won", Zones.Utc(2026, 3, 18, 10), "c", 3)]);

        Assert.That(test.Engine.Query("smallest", Window.Today, ("rep", "a")), Is.Null);
        Assert.That(test.Engine.Query("largest", Window.Today, ("rep", "a")), Is.Null);
        Assert.That(test.Engine.Query("smallest", Window.Today), Is.EqualTo(3));
        Assert.That(test.Engine.Query("largest", Window.Today), Is.EqualTo(9));
        Assert.That(test.Engine.Query("smallest", Window.ThisWeek), Is.EqualTo(-7));
        Assert.That(test.Engine.Query("largest", Window.ThisWeek, ("rep", "a")), Is.EqualTo(5));
        Assert.That(test.Engine.Breakdown("smallest", Window.Today, "rep").Select(r => r.Dimensions["rep"]), Is.EqualTo(new[] { "b", "c" }));
    }

    private static TestEngine Create() => TestEngine.Create(Now, ops => ops
        .AddMetric("calls", m => m.Sum("call.made").By("team", "rep"))
        .ConfigureIngestion(o => o with { Grains = [Grain.Hour, Grain.Day, Grain.Week, Grain.Month] }));

    private static ActivityEvent Call(string type, Instant at, string rep, double value) =>
        Activity.Rep(type, at, "t1", rep, value);

    private static ActivityEvent Call(Instant at, int rep, double value) =>
        Activity.Rep("call.made", at, $"t{rep % 10}", $"r{rep}", value);

    private static void Ingest(TestEngine test, IEnumerable<ActivityEvent> events)
    {
        var batch = events.ToArray();
        Assert.That(test.Engine.Ingest(batch).Applied, Is.EqualTo(batch.Length));
    }
}
