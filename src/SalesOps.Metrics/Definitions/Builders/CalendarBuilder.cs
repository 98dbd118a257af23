using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Configures the <see cref="CalendarDefinition"/> every window, grain and pacing curve is computed in.</summary>
/// <remarks>
/// Obtained from <see cref="SalesOpsBuilder.UseCalendar"/>, starting from the calendar configured so far. Methods
/// check only for missing arguments; whether the values make sense (a known zone, a month in 1–12, hours that start
/// before they end) is checked by <see cref="DefinitionValidation"/>, which reports every problem at once.
/// </remarks>
public sealed class CalendarBuilder
{
    private readonly List<IsoDayOfWeek> _workingDays;
    private readonly List<LocalDate> _holidays;
    private CalendarDefinition _calendar;

    internal CalendarBuilder(CalendarDefinition calendar)
    {
        _calendar = calendar;
        _workingDays = [.. calendar.WorkingDays ?? []];
        _holidays = [.. calendar.Holidays ?? []];
    }

    /// <summary>Sets the IANA time zone, such as <c>America/Denver</c>.</summary>
    /// <param name="zoneId">The IANA zone id.</param>
    /// <returns>This builder.</returns>
    public CalendarBuilder InZone(string zoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zoneId);
        _calendar = _calendar with { Zone = zoneId };
        return this;
    }

    /// <summary>Sets the day weeks begin on.</summary>
    /// <param name="day">The first day of the week.</param>
    /// <returns>This builder.</returns>
    public CalendarBuilder FirstDayOfWeek(IsoDayOfWeek day)
    {
        _calendar = _calendar with { FirstDayOfWeek = day };
        return this;
    }

    /// <summary>Sets the month (1–12) the fiscal year starts in; with 2, fiscal Q1 is February to April.</summary>
    /// <param name="month">The month number.</param>
    /// <returns>This builder.</returns>
    public CalendarBuilder FiscalYearStartsIn(int month)
    {
        _calendar = _calendar with { FiscalYearStartMonth = month };
        return this;
    }

    /// <summary>
    /// Sets the working days to the range from <paramref name="first"/> to <paramref name="last"/>, inclusive,
    /// wrapping past Sunday: <c>WorkingDays(Sunday, Thursday)</c> is Sunday to Thursday.
    /// </summary>
    /// <param name="first">The first working day of the range.</param>
    /// <param name="last">The last working day of the range.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Either day is not Monday to Sunday.</exception>
    /// <remarks>Two days name a range; to give exactly two separate days, pass them as an array.</remarks>
    public CalendarBuilder WorkingDays(IsoDayOfWeek first, IsoDayOfWeek last)
    {
        ThrowIfNotADay(first, nameof(first));
        ThrowIfNotADay(last, nameof(last));
        _workingDays.Clear();
        for (var day = first; ; day = day == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : day + 1)
        {
            _workingDays.Add(day);
            if (day == last)
            {
                return this;
            }
        }
    }

    /// <summary>Sets the working days to exactly the given days.</summary>
    /// <param name="days">The working days.</param>
    /// <returns>This builder.</returns>
    public CalendarBuilder WorkingDays(params IsoDayOfWeek[] days)
    {
        ArgumentNullException.ThrowIfNull(days);
        _workingDays.Clear();
        _workingDays.AddRange(days);
        return this;
    }

    /// <summary>Sets the working hours from <paramref name="startHour"/>:00 to <paramref name="endHour"/>:00 (exclusive).</summary>
    /// <param name="startHour">The hour (0–23) the working day starts.</param>
    /// <param name="endHour">The hour (0–23) the working day ends.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An hour is not a valid hour of the day.</exception>
    public CalendarBuilder WorkingHours(int startHour, int endHour)
        => WorkingHours(new LocalTime(startHour, 0), new LocalTime(endHour, 0));

    /// <summary>Sets the working hours as the local-time interval [<paramref name="start"/>, <paramref name="end"/>).</summary>
    /// <param name="start">The local time the working day starts.</param>
    /// <param name="end">The local time the working day ends (exclusive).</param>
    /// <returns>This builder.</returns>
    public CalendarBuilder WorkingHours(LocalTime start, LocalTime end)
    {
        _calendar = _calendar with { WorkingHoursStart = start, WorkingHoursEnd = end };
        return this;
    }

    /// <summary>Adds a holiday: a local date on which no working time elapses.</summary>
    /// <param name="date">The holiday.</param>
    /// <returns>This builder.</returns>
    public CalendarBuilder Holiday(LocalDate date)
    {
        _holidays.Add(date);
        return this;
    }

    /// <summary>Adds holidays.</summary>
    /// <param name="dates">The holidays.</param>
    /// <returns>This builder.</returns>
    public CalendarBuilder Holidays(params LocalDate[] dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        _holidays.AddRange(dates);
        return this;
    }

    internal CalendarDefinition Build() => _calendar with
    {
        WorkingDays = Frozen.List(_workingDays),
        Holidays = Frozen.List(_holidays),
    };

    private static void ThrowIfNotADay(IsoDayOfWeek day, string parameterName)
    {
        if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(parameterName, day, "A range of working days needs days from Monday to Sunday.");
        }
    }
}
