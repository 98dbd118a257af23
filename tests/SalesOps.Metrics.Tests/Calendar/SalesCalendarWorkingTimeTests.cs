using NodaTime;
using static SalesOps.Metrics.Tests.Calendar.CalendarFixtures;

namespace SalesOps.Metrics.Tests.Calendar;

public sealed class SalesCalendarWorkingTimeTests
{
    private static readonly IsoDayOfWeek[] EveryDay =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    [Test]
    public void WorkingTimeBetween_FridayCloseToMondayOpen_IsZero()
    {
        var calendar = Create(Denver);

        var workingTime = calendar.WorkingTimeBetween(calendar.At("2026-11-06T17:00:00"), calendar.At("2026-11-09T09:00:00"));

        Assert.That(workingTime, Is.EqualTo(Duration.Zero));
    }

    [Test]
    public void WorkingTimeBetween_FullWorkingWeek_IsFortyHours()
    {
        var calendar = Create(Denver);

        var workingTime = calendar.WorkingTimeBetween(calendar.At("2026-11-09T00:00:00"), calendar.At("2026-11-16T00:00:00"));

        Assert.That(workingTime, Is.EqualTo(Duration.FromHours(40)));
    }

    [Test]
    public void WorkingTimeBetween_WeekWithHolidayWednesday_DropsEightHours()
    {
        var calendar = Create(Denver, holidays: [Date("2026-11-11")]);

        var workingTime = calendar.WorkingTimeBetween(calendar.At("2026-11-09T00:00:00"), calendar.At("2026-11-16T00:00:00"));

        Assert.That(workingTime, Is.EqualTo(Duration.FromHours(32)));
    }

    [TestCase("2026-11-09T12:30:00", "2026-11-10T10:15:00", 345)]
    [TestCase("2026-11-09T07:00:00", "2026-11-09T11:00:00", 120)]
    [TestCase("2026-11-09T16:00:00", "2026-11-09T20:00:00", 60)]
    [TestCase("2026-11-09T18:00:00", "2026-11-09T20:00:00", 0)]
    [TestCase("2026-11-09T10:00:00", "2026-11-09T10:45:00", 45)]
    [TestCase("2026-11-13T16:30:00", "2026-11-16T09:30:00", 60)]
    public void WorkingTimeBetween_PartialDays_CountsOnlyTheOverlapWithWorkingHours(string start, string end, int minutes)
    {
        var calendar = Create(Denver);

        var workingTime = calendar.WorkingTimeBetween(calendar.At(start), calendar.At(end));

        Assert.That(workingTime, Is.EqualTo(Duration.FromMinutes(minutes)));
    }

    [Test]
    public void WorkingTimeBetween_EndNotAfterStart_IsZero()
    {
        var calendar = Create(Denver);
        var instant = calendar.At("2026-11-09T12:00:00");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.WorkingTimeBetween(instant, instant), Is.EqualTo(Duration.Zero));
            Assert.That(calendar.WorkingTimeBetween(instant, instant - Duration.FromHours(5)), Is.EqualTo(Duration.Zero));
        }
    }

    [TestCase("2026-03-08")]
    [TestCase("2026-11-01")]
    public void WorkingTimeBetween_DaylightSavingDayWorkingEightToSix_IsStillTenHours(string date)
    {
        var calendar = Create(Denver, workingDays: EveryDay, workingHoursStart: new LocalTime(8, 0), workingHoursEnd: new LocalTime(18, 0));
        var day = calendar.PeriodOf(calendar.StartOfDay(Date(date)), Grain.Day);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(day.Interval.Duration, Is.Not.EqualTo(Duration.FromHours(24)), "a daylight-saving day");
            Assert.That(calendar.WorkingTimeBetween(day.Start, day.End), Is.EqualTo(Duration.FromHours(10)));
        }
    }

    [Test]
    public void WorkingTimeBetween_WorkingHoursAcrossSpringForward_CountsElapsedTime()
    {
        var calendar = Create(Denver, workingDays: EveryDay, workingHoursStart: new LocalTime(1, 0), workingHoursEnd: new LocalTime(4, 0));
        var day = calendar.PeriodOf(Utc("2026-03-08T12:00:00Z"), Grain.Day);

        Assert.That(calendar.WorkingTimeBetween(day.Start, day.End), Is.EqualTo(Duration.FromHours(2)));
    }

    [Test]
    public void WorkingTimeBetween_WorkingHoursAcrossFallBack_CountsElapsedTime()
    {
        var calendar = Create(Denver, workingDays: EveryDay, workingHoursStart: new LocalTime(0, 30), workingHoursEnd: new LocalTime(3, 0));
        var day = calendar.PeriodOf(Utc("2026-11-01T12:00:00Z"), Grain.Day);

        Assert.That(calendar.WorkingTimeBetween(day.Start, day.End), Is.EqualTo(Duration.FromHours(3.5)));
    }

    [Test]
    public void WorkingTimeBetween_MonthToDate_StaysFlatOverTheWeekend()
    {
        var calendar = Create(Denver);
        var monthStart = calendar.StartOfDay(Date("2026-11-01"));

        var fridayClose = calendar.WorkingTimeBetween(monthStart, calendar.At("2026-11-06T17:00:00"));
        var saturday = calendar.WorkingTimeBetween(monthStart, calendar.At("2026-11-07T10:00:00"));
        var sundayNight = calendar.WorkingTimeBetween(monthStart, calendar.At("2026-11-08T23:00:00"));
        var month = calendar.PeriodOf(monthStart, Grain.Month);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fridayClose, Is.EqualTo(Duration.FromHours(40)));
            Assert.That(saturday, Is.EqualTo(fridayClose));
            Assert.That(sundayNight, Is.EqualTo(fridayClose));
            Assert.That(calendar.WorkingTimeBetween(month.Start, month.End), Is.EqualTo(Duration.FromHours(21 * 8)), "21 weekdays in November 2026");
        }
    }

    [TestCase("2026-11-09", true)]
    [TestCase("2026-11-13", true)]
    [TestCase("2026-11-14", false)]
    [TestCase("2026-11-15", false)]
    [TestCase("2026-11-26", false)]
    public void IsWorkingDay_WeekdaysWeekendsAndHolidays_FollowTheDefinition(string date, bool expected)
    {
        var calendar = Create(Denver, holidays: [Date("2026-11-26")]);

        Assert.That(calendar.IsWorkingDay(Date(date)), Is.EqualTo(expected));
    }

    [Test]
    public void IsWorkingDay_SundayToThursdayWeek_TreatsFridayAsRestDay()
    {
        var calendar = Create(
            "Asia/Dubai",
            workingDays: [IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.IsWorkingDay(Date("2026-11-13")), Is.False);
            Assert.That(calendar.IsWorkingDay(Date("2026-11-15")), Is.True);
        }
    }
}
