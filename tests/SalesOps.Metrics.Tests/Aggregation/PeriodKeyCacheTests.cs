using NodaTime;
using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Tests.Calendar;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>The keys of the last event's hour, reused by the events after it in the same hour bucket.</summary>
public sealed class PeriodKeyCacheTests
{
    // Walks instants forwards and back over eight days around a day the zone shifts its clocks (an hour, and half an
    // hour on Lord Howe Island, whose days then last 23.5 and 24.5 hours), in steps from a second to a day with
    // sub-second parts: every key must be the one computed from the instant's own day.
    [TestCase(CalendarFixtures.Denver, "2026-03-05T00:00:00Z")]
    [TestCase(CalendarFixtures.Denver, "2026-10-28T00:00:00Z")]
    [TestCase(CalendarFixtures.Berlin, "2026-03-25T00:00:00Z")]
    [TestCase("Australia/Lord_Howe", "2026-04-01T00:00:00Z")]
    [TestCase("Australia/Lord_Howe", "2026-09-30T00:00:00Z")]
    [TestCase("Asia/Kathmandu", "2026-06-28T00:00:00Z")]
    public void For_InstantsAcrossHoursDaysAndClockShifts_GivesTheKeysOfTheirOwnDay(string zone, string from)
    {
        var calendar = CalendarFixtures.Create(zone, fiscalYearStartMonth: 4);
        var cache = new PeriodKeyCache(calendar);
        var random = new Random(20261129);
        var start = CalendarFixtures.Utc(from);
        var end = start + Duration.FromDays(8);
        var at = start;
        long[] steps = [1, 59, 600, 1_799, 1_800, 1_801, 3_599, 3_600, 3_601, 7_200, 86_400];
        var hours = new HashSet<long>();
        for (var i = 0; i < 40_000; i++)
        {
            var step = Duration.FromSeconds(steps[random.Next(steps.Length)]) + Duration.FromMilliseconds(random.Next(1_000));
            var next = random.Next(2) == 0 ? at - step : at + step;
            at = next < start || next >= end ? at : next;

            var expected = PeriodKeys.For(calendar.GetDay(at), at);
            var actual = cache.For(at);

            Assert.That(Keys(actual), Is.EqualTo(Keys(expected)), $"{at} in {zone}");
            hours.Add(expected[(int)Grain.Hour]);
        }

        Assert.That(hours, Has.Count.GreaterThan(180), "the walk visited nearly every hour bucket of the eight days");
    }

    // The last second of an hour bucket and the first of the next, on the day clocks go back (two buckets share the
    // local hour 01:00) and on the day they go forward.
    [TestCase("2026-11-01T07:59:59Z", "2026-11-01T08:00:00Z")]
    [TestCase("2026-11-01T08:59:59.999Z", "2026-11-01T09:00:00Z")]
    [TestCase("2026-03-08T08:59:59Z", "2026-03-08T09:00:00Z")]
    [TestCase("2026-03-09T05:59:59Z", "2026-03-09T06:00:00Z")]
    public void For_TheSecondsEitherSideOfABucketsEnd_GiveDifferentHourKeys(string last, string first)
    {
        var calendar = CalendarFixtures.Create();
        var cache = new PeriodKeyCache(calendar);

        var before = cache.For(CalendarFixtures.Utc(last));
        var after = cache.For(CalendarFixtures.Utc(first));
        var again = cache.For(CalendarFixtures.Utc(last));

        Assert.That(Keys(before), Is.EqualTo(Direct(calendar, last)));
        Assert.That(Keys(after), Is.EqualTo(Direct(calendar, first)));
        Assert.That(after[(int)Grain.Hour], Is.Not.EqualTo(before[(int)Grain.Hour]));
        Assert.That(Keys(again), Is.EqualTo(Keys(before)));
    }

    private static long[] Direct(SalesOps.Metrics.Calendar.SalesCalendar calendar, string instant)
    {
        var at = CalendarFixtures.Utc(instant);
        return Keys(PeriodKeys.For(calendar.GetDay(at), at));
    }

    private static long[] Keys(PeriodKeys keys) => [keys[0], keys[1], keys[2], keys[3], keys[4], keys[5]];
}
