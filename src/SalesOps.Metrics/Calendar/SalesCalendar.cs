using System.Collections.Frozen;
using NodaTime;
using NodaTime.Calendars;
using NodaTime.TimeZones;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Calendar;

/// <summary>
/// The calendar every window, grain and pacing curve is computed in: a time zone, weeks, a fiscal year,
/// working days, working hours and holidays.
/// </summary>
/// <remarks>
/// <para>
/// Every period is a half-open interval <c>[Start, End)</c> of instants. A day runs from the local start of
/// one day (usually midnight) to the local start of the next, so it lasts 23 or 25 hours on daylight-saving
/// days. Hours are the consecutive one-hour elapsed intervals from the start of the day, the last one cut at
/// the end of the day: a 23-hour day has 23 hour buckets, a 25-hour day has 25 and the repeated local hour is
/// two distinct buckets.
/// </para>
/// <para>
/// Period keys are <see cref="long"/> values, unique within a grain and increasing with time: a day is its
/// <see cref="DateOnly.DayNumber"/>, a week the day number of its first date, a month
/// <c>year * 12 + (month - 1)</c>, a quarter <c>fiscalYear * 4 + (fiscalQuarter - 1)</c>, a year its fiscal
/// year and an hour <c>dayKey * 32 + ordinal</c>.
/// </para>
/// <para>
/// Instances are immutable apart from an internal cache of days, and are safe to use from many threads at
/// once. Supported instants are those whose local date lies in the years 1 to 9998.
/// </para>
/// </remarks>
public sealed partial class SalesCalendar
{
    private readonly bool[] _workingDays = new bool[8];
    private readonly FrozenSet<LocalDate> _holidays;
    private readonly IWeekYearRule _weekRule;
    private readonly IsoDayOfWeek _firstDayOfWeek;
    private readonly int _fiscalStartMonth;
    private readonly LocalTime _workingHoursStart;
    private readonly LocalTime _workingHoursEnd;

    /// <summary>Creates a calendar from its definition.</summary>
    /// <param name="definition">The calendar definition.</param>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The zone id is unknown, the fiscal-year start month is outside 1–12, the first day of week or a working
    /// day is not a day of the week, or the working hours do not end after they start.
    /// </exception>
    public SalesCalendar(CalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);

        if (string.IsNullOrWhiteSpace(definition.Zone))
        {
            throw new ArgumentException("The calendar's time zone id must not be empty; use an IANA id such as 'America/Denver'.", nameof(definition));
        }

        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(definition.Zone)
            ?? throw new ArgumentException(FormattableString.Invariant($"Unknown time zone id '{definition.Zone}': expected an IANA id such as 'America/Denver' or 'UTC'."), nameof(definition));

        if (definition.FiscalYearStartMonth is < 1 or > 12)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The fiscal-year start month must be between 1 and 12, not {definition.FiscalYearStartMonth}."),
                nameof(definition));
        }

        if (!IsDayOfWeek(definition.FirstDayOfWeek))
        {
            throw new ArgumentException(FormattableString.Invariant($"The first day of week must be a day of the week, not '{definition.FirstDayOfWeek}'."), nameof(definition));
        }

        if (definition.WorkingDays is null || definition.Holidays is null)
        {
            throw new ArgumentException("The calendar's working days and holidays must not be null (use an empty list for none).", nameof(definition));
        }

        foreach (var day in definition.WorkingDays)
        {
            if (!IsDayOfWeek(day))
            {
                throw new ArgumentException(FormattableString.Invariant($"Every working day must be a day of the week, not '{day}'."), nameof(definition));
            }

            _workingDays[(int)day] = true;
        }

        if (definition.WorkingHoursEnd <= definition.WorkingHoursStart)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The working hours must end after they start, not {Format(definition.WorkingHoursStart)}–{Format(definition.WorkingHoursEnd)}."),
                nameof(definition));
        }

        Definition = definition;
        _firstDayOfWeek = definition.FirstDayOfWeek;
        _fiscalStartMonth = definition.FiscalYearStartMonth;
        _workingHoursStart = definition.WorkingHoursStart;
        _workingHoursEnd = definition.WorkingHoursEnd;
        _holidays = definition.Holidays.ToFrozenSet();
        _weekRule = WeekYearRules.ForMinDaysInFirstWeek(4, definition.FirstDayOfWeek);
        StandardWorkingDay = Duration.FromNanoseconds(_workingHoursEnd.NanosecondOfDay - _workingHoursStart.NanosecondOfDay);
    }

    /// <summary>The definition this calendar was created from.</summary>
    public CalendarDefinition Definition { get; }

    /// <summary>The calendar's time zone, from the TZDB provider.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The length of the working hours of one day, <c>WorkingHoursEnd - WorkingHoursStart</c>, ignoring daylight saving.</summary>
    public Duration StandardWorkingDay { get; }

    /// <summary>The local date of the day (see <see cref="Grain.Day"/>) that contains <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>
    /// The local date in the calendar's zone. It differs from the wall-clock date only inside a repeated hour
    /// that crosses midnight, where it is the date of the day period the instant is counted in.
    /// </returns>
    public LocalDate DateOf(Instant instant) => GetDay(instant).Date;

    /// <summary>The first instant of a local date in the calendar's zone (usually local midnight).</summary>
    /// <param name="date">The local date.</param>
    /// <returns>
    /// The earliest instant whose local date is <paramref name="date"/>, as <see cref="DateTimeZone.AtStartOfDay"/>
    /// gives it; when the zone skipped the whole date, the first instant after the gap.
    /// </returns>
    public Instant StartOfDay(LocalDate date)
    {
        var mapping = Zone.MapLocal(date.AtMidnight());
        return mapping.Count > 0 ? mapping.First().ToInstant() : mapping.LateInterval.Start;
    }

    /// <summary>Maps a local date and time to an instant leniently.</summary>
    /// <param name="local">The local date and time in the calendar's zone.</param>
    /// <returns>
    /// The instant: a time skipped by a forward transition is shifted forward by the length of the gap, and an
    /// ambiguous time (a repeated hour) maps to its earlier occurrence.
    /// </returns>
    public Instant ToInstant(LocalDateTime local) => Zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    /// <summary>True when <paramref name="date"/> falls on a working day of the week and is not a holiday.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>Whether working time elapses on that date.</returns>
    public bool IsWorkingDay(LocalDate date) => _workingDays[(int)date.DayOfWeek] && !_holidays.Contains(date);

    /// <summary>The week year of a date: the year whose week 1 is the first week with at least four of its days.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The week year, such as 2026 for 2027-01-01 with ISO weeks.</returns>
    public int WeekYear(LocalDate date) => _weekRule.GetWeekYear(date);

    /// <summary>The number of the week (1–53) within its <see cref="WeekYear"/>; weeks begin on the first day of week.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The week number, such as 53 for 2026-12-31 with ISO weeks.</returns>
    public int WeekOfWeekYear(LocalDate date) => _weekRule.GetWeekOfWeekYear(date);

    /// <summary>The fiscal year of a date, named by the calendar year it ends in.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The fiscal year: with a February start, 2026-02-01 is in fiscal year 2027.</returns>
    public int FiscalYear(LocalDate date) =>
        _fiscalStartMonth == 1 || date.Month < _fiscalStartMonth ? date.Year : date.Year + 1;

    /// <summary>The fiscal quarter (1–4) of a date.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The fiscal quarter: with a February start, February to April is quarter 1.</returns>
    public int FiscalQuarter(LocalDate date) => ((date.Month - _fiscalStartMonth + 12) % 12 / 3) + 1;

    /// <summary>The first date of a fiscal year.</summary>
    private LocalDate FiscalYearStart(int fiscalYear) =>
        new(_fiscalStartMonth == 1 ? fiscalYear : fiscalYear - 1, _fiscalStartMonth, 1);

    /// <summary>The first date of the week containing <paramref name="date"/>.</summary>
    private LocalDate WeekStart(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(_firstDayOfWeek));

    private static bool IsDayOfWeek(IsoDayOfWeek day) => day is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday;

    private static string Format(LocalTime time) =>
        NodaTime.Text.LocalTimePattern.ExtendedIso.Format(time);
}
