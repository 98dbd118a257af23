using NodaTime;
using static SalesOps.Metrics.Tests.Calendar.CalendarFixtures;

namespace SalesOps.Metrics.Tests.Calendar;

public sealed class SalesCalendarWeekTests
{
    [TestCase("2026-12-28", "2026-W53")]
    [TestCase("2026-12-31", "2026-W53")]
    [TestCase("2027-01-01", "2026-W53")]
    [TestCase("2027-01-03", "2026-W53")]
    [TestCase("2027-01-04", "2027-W01")]
    [TestCase("2026-01-01", "2026-W01")]
    [TestCase("2025-12-29", "2026-W01")]
    [TestCase("2026-11-28", "2026-W48")]
    public void PeriodOf_IsoWeeks_AreLabelledByWeekYear(string date, string label)
    {
        var calendar = Create(Denver);

        var week = calendar.PeriodOf(calendar.StartOfDay(Date(date)) + Duration.FromHours(12), Grain.Week);

        Assert.That(week.Label, Is.EqualTo(label));
    }

    [Test]
    public void PeriodOf_WeekOf20261231_StartsMonday20261228AndLastsSevenDays()
    {
        var calendar = Create(Denver);

        var week = calendar.PeriodOf(calendar.At("2026-12-31T10:00:00"), Grain.Week);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(week.Start, Is.EqualTo(Utc("2026-12-28T07:00:00Z")));
            Assert.That(week.End, Is.EqualTo(Utc("2027-01-04T07:00:00Z")));
            Assert.That(week.Start.InZone(calendar.Zone).DayOfWeek, Is.EqualTo(IsoDayOfWeek.Monday));
            Assert.That(calendar.KeyOf(week.Start, Grain.Week), Is.EqualTo(new DateOnly(2026, 12, 28).DayNumber));
        }
    }

    [TestCase("2026-12-31", 2026, 53)]
    [TestCase("2027-01-01", 2026, 53)]
    [TestCase("2027-01-04", 2027, 1)]
    [TestCase("2024-12-30", 2025, 1)]
    public void WeekYearAndWeekOfWeekYear_IsoRule_FollowTheFourDayRule(string date, int weekYear, int week)
    {
        var calendar = Create(Denver);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.WeekYear(Date(date)), Is.EqualTo(weekYear));
            Assert.That(calendar.WeekOfWeekYear(Date(date)), Is.EqualTo(week));
        }
    }

    [TestCase("2026-11-04", "2026-11-01", "2026-W44")]
    [TestCase("2026-11-01", "2026-11-01", "2026-W44")]
    [TestCase("2026-10-31", "2026-10-25", "2026-W43")]
    [TestCase("2027-01-01", "2026-12-27", "2026-W52")]
    [TestCase("2026-01-01", "2025-12-28", "2025-W53")]
    [TestCase("2026-01-04", "2026-01-04", "2026-W01")]
    public void PeriodOf_SundayFirstDayOfWeek_WeeksStartOnSunday(string date, string weekStart, string label)
    {
        var calendar = Create(Denver, firstDayOfWeek: IsoDayOfWeek.Sunday);

        var week = calendar.PeriodOf(calendar.StartOfDay(Date(date)) + Duration.FromHours(12), Grain.Week);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(week.Start, Is.EqualTo(calendar.StartOfDay(Date(weekStart))));
            Assert.That(week.Start.InZone(calendar.Zone).DayOfWeek, Is.EqualTo(IsoDayOfWeek.Sunday));
            Assert.That(week.End, Is.EqualTo(calendar.StartOfDay(Date(weekStart).PlusDays(7))));
            Assert.That(week.Label, Is.EqualTo(label));
        }
    }

    [Test]
    public void PeriodOf_SundayWeekHoldingFallBack_Lasts169Hours()
    {
        var calendar = Create(Denver, firstDayOfWeek: IsoDayOfWeek.Sunday);

        var week = calendar.PeriodOf(Utc("2026-11-03T12:00:00Z"), Grain.Week);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(week.Start, Is.EqualTo(Utc("2026-11-01T06:00:00Z")));
            Assert.That(week.End, Is.EqualTo(Utc("2026-11-08T07:00:00Z")));
            Assert.That(week.Interval.Duration, Is.EqualTo(Duration.FromHours((7 * 24) + 1)));
        }
    }

    [Test]
    public void KeyOf_Week_IsTheDayNumberOfTheFirstDate()
    {
        var monday = Create(Denver);
        var sunday = Create(Denver, firstDayOfWeek: IsoDayOfWeek.Sunday);
        var instant = monday.At("2026-11-04T12:00:00");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(monday.KeyOf(instant, Grain.Week), Is.EqualTo(new DateOnly(2026, 11, 2).DayNumber));
            Assert.That(sunday.KeyOf(instant, Grain.Week), Is.EqualTo(new DateOnly(2026, 11, 1).DayNumber));
        }
    }
}
