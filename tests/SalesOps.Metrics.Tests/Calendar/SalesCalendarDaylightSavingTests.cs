using NodaTime;
using static SalesOps.Metrics.Tests.Calendar.CalendarFixtures;

namespace SalesOps.Metrics.Tests.Calendar;

public sealed class SalesCalendarDaylightSavingTests
{
    [Test]
    public void PeriodOf_DenverSpringForwardDay_Lasts23Hours()
    {
        var calendar = Create(Denver);

        var day = calendar.PeriodOf(Utc("2026-03-08T18:00:00Z"), Grain.Day);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(day.Label, Is.EqualTo("2026-03-08"));
            Assert.That(day.Start, Is.EqualTo(Utc("2026-03-08T07:00:00Z")));
            Assert.That(day.End, Is.EqualTo(Utc("2026-03-09T06:00:00Z")));
            Assert.That(day.Interval.Duration, Is.EqualTo(Duration.FromHours(23)));
        }
    }

    [Test]
    public void KeyOf_DenverSpringForwardDayEvery15Minutes_Gives23DistinctHourKeys()
    {
        var calendar = Create(Denver);
        var dayStart = Utc("2026-03-08T07:00:00Z");
        var dayKey = calendar.KeyOf(dayStart, Grain.Day);

        var keys = Every(dayStart, Utc("2026-03-09T06:00:00Z"), Duration.FromMinutes(15))
            .Select(instant => calendar.KeyOf(instant, Grain.Hour))
            .Distinct()
            .ToList();

        Assert.That(keys, Is.EqualTo(Enumerable.Range(0, 23).Select(ordinal => (dayKey * 32) + ordinal)));
    }

    [Test]
    public void GetDay_DenverSpringForwardDay_Has23HourBuckets()
    {
        var calendar = Create(Denver);

        var day = calendar.GetDay(Utc("2026-03-08T12:00:00Z"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(day.Date, Is.EqualTo(Date("2026-03-08")));
            Assert.That(day.HourCount, Is.EqualTo(23));
            Assert.That(day.DayKey, Is.EqualTo(new DateOnly(2026, 3, 8).DayNumber));
        }
    }

    [Test]
    public void PeriodOf_DenverSpringForwardHours_SkipTheMissingLocalHour()
    {
        var calendar = Create(Denver);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.PeriodOf(Utc("2026-03-08T08:59:59Z"), Grain.Hour).Label, Is.EqualTo("2026-03-08T01:00-07:00"));
            Assert.That(calendar.PeriodOf(Utc("2026-03-08T09:00:00Z"), Grain.Hour).Label, Is.EqualTo("2026-03-08T03:00-06:00"));
            Assert.That(calendar.PeriodOf(Utc("2026-03-09T05:30:00Z"), Grain.Hour).Label, Is.EqualTo("2026-03-08T23:00-06:00"));
        }
    }

    [Test]
    public void PeriodOf_DenverFallBackDay_Lasts25Hours()
    {
        var calendar = Create(Denver);

        var day = calendar.PeriodOf(Utc("2026-11-01T18:00:00Z"), Grain.Day);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(day.Label, Is.EqualTo("2026-11-01"));
            Assert.That(day.Start, Is.EqualTo(Utc("2026-11-01T06:00:00Z")));
            Assert.That(day.End, Is.EqualTo(Utc("2026-11-02T07:00:00Z")));
            Assert.That(day.Interval.Duration, Is.EqualTo(Duration.FromHours(25)));
            Assert.That(calendar.GetDay(day.Start).HourCount, Is.EqualTo(25));
        }
    }

    [Test]
    public void KeyOf_DenverFallBackDayEvery15Minutes_Gives25DistinctHourKeys()
    {
        var calendar = Create(Denver);
        var dayStart = Utc("2026-11-01T06:00:00Z");
        var dayKey = calendar.KeyOf(dayStart, Grain.Day);

        var keys = Every(dayStart, Utc("2026-11-02T07:00:00Z"), Duration.FromMinutes(15))
            .Select(instant => calendar.KeyOf(instant, Grain.Hour))
            .Distinct()
            .ToList();

        Assert.That(keys, Is.EqualTo(Enumerable.Range(0, 25).Select(ordinal => (dayKey * 32) + ordinal)));
    }

    [Test]
    public void PeriodOf_DenverRepeatedLocalHour_IsTwoBucketsWithDistinctKeysAndLabels()
    {
        var calendar = Create(Denver);
        var first = Utc("2026-11-01T07:30:00Z");
        var second = Utc("2026-11-01T08:30:00Z");

        var firstHour = calendar.PeriodOf(first, Grain.Hour);
        var secondHour = calendar.PeriodOf(second, Grain.Hour);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.Zone.AtLeniently(Local("2026-11-01T01:30:00")).ToInstant(), Is.EqualTo(first), "both are local 01:30");
            Assert.That(firstHour, Is.Not.EqualTo(secondHour));
            Assert.That(calendar.KeyOf(first, Grain.Hour), Is.Not.EqualTo(calendar.KeyOf(second, Grain.Hour)));
            Assert.That(firstHour.Label, Is.EqualTo("2026-11-01T01:00-06:00"));
            Assert.That(secondHour.Label, Is.EqualTo("2026-11-01T01:00-07:00"));
            Assert.That(firstHour.Start, Is.EqualTo(Utc("2026-11-01T07:00:00Z")));
            Assert.That(firstHour.End, Is.EqualTo(Utc("2026-11-01T08:00:00Z")));
            Assert.That(secondHour.Start, Is.EqualTo(Utc("2026-11-01T08:00:00Z")));
            Assert.That(secondHour.End, Is.EqualTo(Utc("2026-11-01T09:00:00Z")));
            Assert.That(calendar.KeyOf(first, Grain.Day), Is.EqualTo(calendar.KeyOf(second, Grain.Day)));
        }
    }

    [TestCase("2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 23)]
    [TestCase("2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 25)]
    [TestCase("2026-07-01", "2026-06-30T22:00:00Z", "2026-07-01T22:00:00Z", 24)]
    public void PeriodOf_BerlinDays_FollowDaylightSaving(string date, string start, string end, int hours)
    {
        var calendar = Create(Berlin);

        var day = calendar.PeriodOf(Utc(start) + Duration.FromHours(12), Grain.Day);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(day.Label, Is.EqualTo(date));
            Assert.That(day.Start, Is.EqualTo(Utc(start)));
            Assert.That(day.End, Is.EqualTo(Utc(end)));
            Assert.That(day.Interval.Duration, Is.EqualTo(Duration.FromHours(hours)));
            Assert.That(calendar.GetDay(day.Start).HourCount, Is.EqualTo(hours));
            Assert.That(calendar.SubPeriods(day, Grain.Hour), Has.Count.EqualTo(hours));
        }
    }

    [Test]
    public void PeriodOf_LastMinuteAndLocalMidnight_FallInDifferentDays()
    {
        var calendar = Create(Denver);
        var lastMinute = calendar.At("2026-06-15T23:59:00");
        var midnight = calendar.At("2026-06-16T00:00:00");

        var before = calendar.PeriodOf(lastMinute, Grain.Day);
        var after = calendar.PeriodOf(midnight, Grain.Day);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lastMinute, Is.EqualTo(Utc("2026-06-16T05:59:00Z")));
            Assert.That(before.Label, Is.EqualTo("2026-06-15"));
            Assert.That(after.Label, Is.EqualTo("2026-06-16"));
            Assert.That(before.End, Is.EqualTo(midnight));
            Assert.That(after.Start, Is.EqualTo(midnight));
            Assert.That(calendar.KeyOf(after.Start, Grain.Day) - calendar.KeyOf(lastMinute, Grain.Day), Is.EqualTo(1));
            Assert.That(calendar.DateOf(midnight - Duration.Epsilon), Is.EqualTo(Date("2026-06-15")));
            Assert.That(calendar.DateOf(midnight), Is.EqualTo(Date("2026-06-16")));
        }
    }

    [Test]
    public void StartOfDay_SantiagoSpringForwardAtMidnight_StartsAtOneInTheMorning()
    {
        // Chile moves its clocks from 00:00 to 01:00, so 2026-09-06 has no midnight.
        var calendar = Create("America/Santiago");

        var start = calendar.StartOfDay(Date("2026-09-06"));
        var day = calendar.PeriodOf(start, Grain.Day);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(start, Is.EqualTo(Utc("2026-09-06T04:00:00Z")));
            Assert.That(start.InZone(calendar.Zone).LocalDateTime, Is.EqualTo(Local("2026-09-06T01:00:00")));
            Assert.That(day.Label, Is.EqualTo("2026-09-06"));
            Assert.That(day.Interval.Duration, Is.EqualTo(Duration.FromHours(23)));
            Assert.That(calendar.PeriodOf(start - Duration.Epsilon, Grain.Day).Label, Is.EqualTo("2026-09-05"));
            Assert.That(calendar.PeriodOf(start, Grain.Hour).Label, Is.EqualTo("2026-09-06T01:00-03:00"));
        }
    }

    [Test]
    public void DateOf_DenverInstants_IsTheLocalDate()
    {
        var calendar = Create(Denver);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.DateOf(Utc("2026-11-02T06:59:59Z")), Is.EqualTo(Date("2026-11-01")));
            Assert.That(calendar.DateOf(Utc("2026-11-02T07:00:00Z")), Is.EqualTo(Date("2026-11-02")));
            Assert.That(calendar.StartOfDay(Date("2026-11-02")), Is.EqualTo(Utc("2026-11-02T07:00:00Z")));
        }
    }

    [Test]
    public void ToInstant_SkippedAndAmbiguousLocalTimes_AreMappedLeniently()
    {
        var calendar = Create(Denver);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.ToInstant(Local("2026-03-08T02:30:00")), Is.EqualTo(Utc("2026-03-08T09:30:00Z")), "shifted forward by the gap");
            Assert.That(calendar.ToInstant(Local("2026-11-01T01:30:00")), Is.EqualTo(Utc("2026-11-01T07:30:00Z")), "the earlier of the two");
            Assert.That(calendar.ToInstant(Local("2026-06-01T09:00:00")), Is.EqualTo(Utc("2026-06-01T15:00:00Z")));
        }
    }
}
