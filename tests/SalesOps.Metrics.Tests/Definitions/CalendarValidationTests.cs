using NodaTime;
using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class CalendarValidationTests
{
    [Test]
    public void Validate_UnknownZone_NamesTheZone()
    {
        var definition = Spec().WithCalendar(c => c with { Zone = "Mars/Olympus" });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "calendar.zone: unknown time zone 'Mars/Olympus'" }));
    }

    [Test]
    public void Validate_BlankZone_ReportsRequired()
    {
        var definition = Spec().WithCalendar(c => c with { Zone = " " });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "calendar.zone: time zone is required" }));
    }

    [TestCase(0)]
    [TestCase(13)]
    public void Validate_FiscalStartMonthOutOfRange_ReportsMonth(int month)
    {
        var definition = Spec().WithCalendar(c => c with { FiscalYearStartMonth = month });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            $"calendar.fiscalYearStartMonth: fiscal year start month must be between 1 and 12 ({month})",
        }));
    }

    [Test]
    public void Validate_FirstDayOfWeekNone_ReportsNotADay()
    {
        var definition = Spec().WithCalendar(c => c with { FirstDayOfWeek = IsoDayOfWeek.None });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "calendar.firstDayOfWeek: 'None' is not a day of the week" }));
    }

    [Test]
    public void Validate_NoWorkingDays_ReportsRequired()
    {
        var definition = Spec().WithCalendar(c => c with { WorkingDays = [] });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "calendar.workingDays: at least one working day is required" }));
    }

    [Test]
    public void Validate_DuplicateAndInvalidWorkingDays_ReportsEachAtItsIndex()
    {
        var definition = Spec().WithCalendar(c => c with
        {
            WorkingDays = [IsoDayOfWeek.Monday, IsoDayOfWeek.None, IsoDayOfWeek.Monday, (IsoDayOfWeek)9],
        });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "calendar.workingDays[1]: 'None' is not a day of the week",
            "calendar.workingDays[2]: duplicate working day 'Monday'",
            "calendar.workingDays[3]: '9' is not a day of the week",
        }));
    }

    [TestCase(18, 8)]
    [TestCase(9, 9)]
    public void Validate_WorkingHoursNotStartingBeforeEnd_ReportsBothTimes(int start, int end)
    {
        var definition = Spec().WithCalendar(c => c with { WorkingHoursStart = new LocalTime(start, 0), WorkingHoursEnd = new LocalTime(end, 0) });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            $"calendar.workingHoursStart: working hours must start before they end ({start:00}:00:00 is not before {end:00}:00:00)",
        }));
    }

    [Test]
    public void Validate_DuplicateHoliday_ReportsTheLaterOne()
    {
        var definition = Spec().WithCalendar(c => c with
        {
            Holidays = [new LocalDate(2026, 11, 26), new LocalDate(2026, 12, 25), new LocalDate(2026, 11, 26)],
        });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "calendar.holidays[2]: duplicate holiday 2026-11-26" }));
    }

    [Test]
    public void Validate_NullCalendar_ReportsRequiredWithoutThrowing()
    {
        var definition = Spec() with { Calendar = null! };

        Assert.That(Problems(definition), Is.EqualTo(new[] { "calendar: calendar is required" }));
    }
}
