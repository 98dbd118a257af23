using NodaTime;
using NodaTime.Text;
using SalesOps.Metrics.Calendar;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Calendar;

/// <summary>Calendars and readable instants for the calendar tests.</summary>
internal static class CalendarFixtures
{
    public const string Denver = "America/Denver";
    public const string Berlin = "Europe/Berlin";

    public static SalesCalendar Create(
        string zone = Denver,
        int fiscalYearStartMonth = 1,
        IsoDayOfWeek firstDayOfWeek = IsoDayOfWeek.Monday,
        IReadOnlyList<IsoDayOfWeek>? workingDays = null,
        LocalTime? workingHoursStart = null,
        LocalTime? workingHoursEnd = null,
        IReadOnlyList<LocalDate>? holidays = null)
    {
        var defaults = new CalendarDefinition();
        return new SalesCalendar(new CalendarDefinition
        {
            Zone = zone,
            FiscalYearStartMonth = fiscalYearStartMonth,
            FirstDayOfWeek = firstDayOfWeek,
            WorkingDays = workingDays ?? defaults.WorkingDays,
            WorkingHoursStart = workingHoursStart ?? defaults.WorkingHoursStart,
            WorkingHoursEnd = workingHoursEnd ?? defaults.WorkingHoursEnd,
            Holidays = holidays ?? defaults.Holidays,
        });
    }

    /// <summary>An instant from an ISO text such as <c>2026-11-01T07:30:00Z</c>.</summary>
    public static Instant Utc(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    /// <summary>A date from an ISO text such as <c>2026-11-01</c>.</summary>
    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;

    /// <summary>A local date and time from an ISO text such as <c>2026-11-01T01:30:00</c>.</summary>
    public static LocalDateTime Local(string text) => LocalDateTimePattern.ExtendedIso.Parse(text).Value;

    /// <summary>The instant of a local time that exists exactly once in the calendar's zone.</summary>
    public static Instant At(this SalesCalendar calendar, string localText) =>
        calendar.Zone.AtStrictly(Local(localText)).ToInstant();

    /// <summary>Instants from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) every <paramref name="step"/>.</summary>
    public static IEnumerable<Instant> Every(Instant start, Instant end, Duration step)
    {
        for (var instant = start; instant < end; instant += step)
        {
            yield return instant;
        }
    }

    /// <summary>
    /// A few hundred instants across 2026–2027 at irregular times of day, plus the instants around every
    /// daylight-saving transition of the zone in those years.
    /// </summary>
    public static IReadOnlyList<Instant> InstantsAcross2026And2027(DateTimeZone zone)
    {
        var from = Utc("2026-01-01T00:00:00Z");
        var to = Utc("2028-01-01T00:00:00Z");
        var instants = Every(from, to, Duration.FromHours(43) + Duration.FromMinutes(17) + Duration.FromSeconds(11)).ToList();
        foreach (var interval in zone.GetZoneIntervals(from, to).Where(i => i.HasStart && i.Start > from))
        {
            foreach (var minutes in new[] { -61, -60, -1, 0, 1, 30, 59, 60, 61, 119, 120 })
            {
                instants.Add(interval.Start + Duration.FromMinutes(minutes));
            }

            instants.Add(interval.Start - Duration.Epsilon);
        }

        instants.Sort();
        return instants;
    }
}
