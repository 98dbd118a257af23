using NodaTime;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class CalendarBuilderTests
{
    private static CalendarDefinition Calendar(Action<CalendarBuilder> configure)
        => new SalesOpsBuilder().UseCalendar(configure).Build().Calendar;

    [Test]
    public void WorkingDays_Range_IncludesBothEnds()
    {
        var calendar = Calendar(c => c.WorkingDays(IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday));

        Assert.That(calendar.WorkingDays, Is.EqualTo(new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday }));
    }

    [Test]
    public void WorkingDays_RangeWrappingPastSunday_RunsSundayToThursday()
    {
        var calendar = Calendar(c => c.WorkingDays(IsoDayOfWeek.Sunday, IsoDayOfWeek.Thursday));

        Assert.That(calendar.WorkingDays, Is.EqualTo(new[]
        {
            IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        }));
    }

    [Test]
    public void WorkingDays_SameFirstAndLast_IsThatDayOnly()
    {
        var calendar = Calendar(c => c.WorkingDays(IsoDayOfWeek.Saturday, IsoDayOfWeek.Saturday));

        Assert.That(calendar.WorkingDays, Is.EqualTo(new[] { IsoDayOfWeek.Saturday }));
    }

    [Test]
    public void WorkingDays_ExplicitDays_AreExactlyThoseDays()
    {
        var calendar = Calendar(c => c.WorkingDays(IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday));

        Assert.That(calendar.WorkingDays, Is.EqualTo(new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday }));
    }

    [Test]
    public void WorkingDays_RangeWithNone_ThrowsArgumentOutOfRange()
    {
        Assert.That(
            () => Calendar(c => c.WorkingDays(IsoDayOfWeek.None, IsoDayOfWeek.Friday)),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("first"));
    }

    [Test]
    public void WorkingHours_LocalTimes_AreKept()
    {
        var calendar = Calendar(c => c.WorkingHours(new LocalTime(7, 30), new LocalTime(16, 45)));

        Assert.That(calendar.WorkingHoursStart, Is.EqualTo(new LocalTime(7, 30)));
        Assert.That(calendar.WorkingHoursEnd, Is.EqualTo(new LocalTime(16, 45)));
    }

    [Test]
    public void FirstDayOfWeekAndFiscalYear_AreKept()
    {
        var calendar = Calendar(c => c.FirstDayOfWeek(IsoDayOfWeek.Sunday).FiscalYearStartsIn(7));

        Assert.That(calendar.FirstDayOfWeek, Is.EqualTo(IsoDayOfWeek.Sunday));
        Assert.That(calendar.FiscalYearStartMonth, Is.EqualTo(7));
    }

    [Test]
    public void InZone_Blank_ThrowsArgumentException()
    {
        Assert.That(() => Calendar(c => c.InZone("  ")), Throws.ArgumentException);
    }
}
