using NodaTime;
using SalesOps.Metrics.Calendar;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Calendar;

public sealed class SalesCalendarConstructorTests
{
    [Test]
    public void Constructor_NullDefinition_ThrowsArgumentNullException()
    {
        Assert.That(() => new SalesCalendar(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Constructor_UnknownZone_ThrowsArgumentExceptionNamingTheId()
    {
        Assert.That(
            () => new SalesCalendar(new CalendarDefinition { Zone = "Mars/Olympus" }),
            Throws.ArgumentException.With.Message.Contains("'Mars/Olympus'"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Constructor_EmptyZone_ThrowsArgumentException(string zone)
    {
        Assert.That(
            () => new SalesCalendar(new CalendarDefinition { Zone = zone }),
            Throws.ArgumentException.With.Message.Contains("time zone id"));
    }

    [TestCase(0)]
    [TestCase(13)]
    [TestCase(-1)]
    public void Constructor_FiscalStartMonthOutsideOneToTwelve_ThrowsArgumentException(int month)
    {
        Assert.That(
            () => new SalesCalendar(new CalendarDefinition { FiscalYearStartMonth = month }),
            Throws.ArgumentException.With.Message.Contains("fiscal-year start month").And.Message.Contains($"not {month}"));
    }

    [Test]
    public void Constructor_FirstDayOfWeekNone_ThrowsArgumentException()
    {
        Assert.That(
            () => new SalesCalendar(new CalendarDefinition { FirstDayOfWeek = IsoDayOfWeek.None }),
            Throws.ArgumentException.With.Message.Contains("first day of week"));
    }

    [Test]
    public void Constructor_WorkingDayNone_ThrowsArgumentException()
    {
        Assert.That(
            () => new SalesCalendar(new CalendarDefinition { WorkingDays = [IsoDayOfWeek.Monday, IsoDayOfWeek.None] }),
            Throws.ArgumentException.With.Message.Contains("working day"));
    }

    [TestCase(17, 9)]
    [TestCase(9, 9)]
    public void Constructor_WorkingHoursNotEndingAfterStart_ThrowsArgumentException(int startHour, int endHour)
    {
        var definition = new CalendarDefinition { WorkingHoursStart = new LocalTime(startHour, 0), WorkingHoursEnd = new LocalTime(endHour, 0) };

        Assert.That(() => new SalesCalendar(definition), Throws.ArgumentException.With.Message.Contains("working hours must end after they start"));
    }

    [Test]
    public void Constructor_ValidDefinition_ExposesDefinitionZoneAndStandardWorkingDay()
    {
        var definition = new CalendarDefinition { Zone = "America/Denver", WorkingHoursStart = new LocalTime(8, 30), WorkingHoursEnd = new LocalTime(17, 0) };

        var calendar = new SalesCalendar(definition);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.Definition, Is.SameAs(definition));
            Assert.That(calendar.Zone.Id, Is.EqualTo("America/Denver"));
            Assert.That(calendar.StandardWorkingDay, Is.EqualTo(Duration.FromMinutes(510)));
        }
    }

    [Test]
    public void Constructor_DefaultDefinition_IsUtcWithIsoWeeksAndCalendarYear()
    {
        var calendar = new SalesCalendar(new CalendarDefinition());
        var instant = CalendarFixtures.Utc("2027-01-01T12:00:00Z");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.Zone.Id, Is.EqualTo("UTC"));
            Assert.That(calendar.PeriodOf(instant, Grain.Week).Label, Is.EqualTo("2026-W53"));
            Assert.That(calendar.PeriodOf(instant, Grain.Year).Label, Is.EqualTo("2027"));
            Assert.That(calendar.PeriodOf(instant, Grain.Hour).Label, Is.EqualTo("2027-01-01T12:00+00:00"));
            Assert.That(calendar.StandardWorkingDay, Is.EqualTo(Duration.FromHours(8)));
        }
    }
}
