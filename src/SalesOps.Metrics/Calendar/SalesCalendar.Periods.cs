using NodaTime;

namespace SalesOps.Metrics.Calendar;

/// <content>Periods at every grain: keys, bounds, labels and navigation.</content>
public sealed partial class SalesCalendar
{
    private static readonly Duration OneHour = Duration.FromHours(1);

    // More hours than the supported years hold: rejected at once rather than after walking millions of days.
    private static long MaxHourOffset => 25L * (MaxDayNumber - MinDayNumber);

    /// <summary>The key of the period at <paramref name="grain"/> that contains <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="grain">The grain.</param>
    /// <returns>A key unique within the grain that increases with time (see the class remarks).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grain"/> is not defined, or the instant is outside the supported years.</exception>
    public long KeyOf(Instant instant, Grain grain) => GetDay(instant).KeyOf(grain, instant);

    /// <summary>The period at <paramref name="grain"/> that contains <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="grain">The grain.</param>
    /// <returns>The period, <c>[Start, End)</c>, with its label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grain"/> is not defined, or the instant is outside the supported years.</exception>
    public PeriodInfo PeriodOf(Instant instant, Grain grain) => PeriodOfKey(grain, KeyOf(instant, grain));

    /// <summary>The period with a key: the inverse of <see cref="KeyOf"/>.</summary>
    /// <param name="grain">The grain.</param>
    /// <param name="key">The period key.</param>
    /// <returns>The period, <c>[Start, End)</c>, with its label.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="grain"/> is not defined, or <paramref name="key"/> is not the key of a period at that grain
    /// in the supported years.
    /// </exception>
    public PeriodInfo PeriodOfKey(Grain grain, long key) => grain switch
    {
        Grain.Hour => HourPeriodOfKey(key),
        Grain.Day => DayPeriod(GetDay(DateOfDayNumber(key))),
        Grain.Week => WeekPeriodOfKey(key),
        Grain.Month => MonthPeriodOfKey(key),
        Grain.Quarter => QuarterPeriodOfKey(key),
        Grain.Year => YearPeriodOfKey(key),
        _ => throw new ArgumentOutOfRangeException(nameof(grain), grain, "Unknown grain."),
    };

    /// <summary>The period <paramref name="count"/> periods after <paramref name="period"/> at the same grain.</summary>
    /// <param name="period">A period of this calendar (the period containing its start is used).</param>
    /// <param name="count">How many periods later; negative for earlier, zero for the same period.</param>
    /// <returns>
    /// The period. Hours are counted as buckets, so the hour after the last bucket of a day is the first bucket of
    /// the next; days are counted as dates, stepping over a date the zone skipped entirely.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The result is outside the supported years.</exception>
    public PeriodInfo Offset(PeriodInfo period, int count)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.Grain == Grain.Hour && Math.Abs((long)count) > MaxHourOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The offset leads outside the supported years 1 to 9998.");
        }

        var key = KeyOf(period.Start, period.Grain);
        return period.Grain switch
        {
            Grain.Hour => OffsetHour(key, count),
            Grain.Day => OffsetDay(key, count),
            Grain.Week => PeriodOfKey(Grain.Week, key + (7L * count)),
            _ => PeriodOfKey(period.Grain, key + count),
        };
    }

    /// <summary>The period right after <paramref name="period"/>, at the same grain.</summary>
    /// <param name="period">A period of this calendar.</param>
    /// <returns>The next period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    public PeriodInfo Next(PeriodInfo period) => Offset(period, 1);

    /// <summary>The period right before <paramref name="period"/>, at the same grain.</summary>
    /// <param name="period">A period of this calendar.</param>
    /// <returns>The previous period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    public PeriodInfo Previous(PeriodInfo period) => Offset(period, -1);

    /// <summary>
    /// The periods at the finer grain <paramref name="inner"/> that overlap <paramref name="outer"/>, in order,
    /// each clipped to <c>[outer.Start, outer.End)</c> and keeping its own label.
    /// </summary>
    /// <param name="outer">The enclosing period.</param>
    /// <param name="inner">A grain finer than <c>outer.Grain</c>.</param>
    /// <returns>
    /// The clipped inner periods; together they cover <paramref name="outer"/> exactly. The weeks of a month,
    /// for example, begin with a partial week that starts on the first of the month.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="outer"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="inner"/> is not finer than <c>outer.Grain</c>.</exception>
    public IReadOnlyList<PeriodInfo> SubPeriods(PeriodInfo outer, Grain inner)
    {
        ArgumentNullException.ThrowIfNull(outer);
        if (inner < Grain.Hour || inner >= outer.Grain)
        {
            throw new ArgumentException(FormattableString.Invariant($"The inner grain {inner} must be finer than the outer grain {outer.Grain}."), nameof(inner));
        }

        var result = new List<PeriodInfo>();
        if (outer.End <= outer.Start)
        {
            return result;
        }

        for (var period = PeriodOf(outer.Start, inner); period.Start < outer.End; period = Next(period))
        {
            var start = Instant.Max(period.Start, outer.Start);
            var end = Instant.Min(period.End, outer.End);
            if (start < end)
            {
                result.Add(start == period.Start && end == period.End ? period : period with { Start = start, End = end });
            }
        }

        return result;
    }

    private PeriodInfo HourPeriodOfKey(long key)
    {
        var day = GetDay(DateOfDayNumber(FloorDiv(key, DayInfo.HourSlotsPerDay)));
        var ordinal = (int)(key - (day.DayKey * DayInfo.HourSlotsPerDay));
        if (ordinal >= day.HourCount)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, FormattableString.Invariant($"{PeriodLabels.Day(day.Date)} has only {day.HourCount} hour buckets."));
        }

        return HourPeriod(day, ordinal);
    }

    private PeriodInfo WeekPeriodOfKey(long key)
    {
        var first = DateOfDayNumber(key);
        if (first.DayOfWeek != _firstDayOfWeek)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, FormattableString.Invariant($"{PeriodLabels.Day(first)} does not begin a week; weeks begin on {_firstDayOfWeek}."));
        }

        var label = PeriodLabels.Week(WeekYear(first), WeekOfWeekYear(first));
        return new PeriodInfo(Grain.Week, StartOfDay(first), StartOfDay(first.PlusDays(7)), label);
    }

    private PeriodInfo MonthPeriodOfKey(long key)
    {
        var year = FloorDiv(key, 12);
        EnsureStartYear(year, key);
        var first = new LocalDate((int)year, (int)(key - (year * 12)) + 1, 1);
        return new PeriodInfo(Grain.Month, StartOfDay(first), StartOfDay(first.PlusMonths(1)), PeriodLabels.Month(first));
    }

    private PeriodInfo QuarterPeriodOfKey(long key)
    {
        var fiscalYear = FloorDiv(key, 4);
        EnsureStartYear(FiscalYearStartYear(fiscalYear), key);
        var quarter = (int)(key - (fiscalYear * 4)) + 1;
        var first = FiscalYearStart((int)fiscalYear).PlusMonths(3 * (quarter - 1));
        var label = PeriodLabels.Quarter((int)fiscalYear, quarter, _fiscalStartMonth);
        return new PeriodInfo(Grain.Quarter, StartOfDay(first), StartOfDay(first.PlusMonths(3)), label);
    }

    private PeriodInfo YearPeriodOfKey(long key)
    {
        EnsureStartYear(FiscalYearStartYear(key), key);
        var first = FiscalYearStart((int)key);
        var label = PeriodLabels.Year((int)key, _fiscalStartMonth);
        return new PeriodInfo(Grain.Year, StartOfDay(first), StartOfDay(first.PlusYears(1)), label);
    }

    private PeriodInfo HourPeriod(DayInfo day, int ordinal)
    {
        var start = day.Start + (OneHour * ordinal);
        var end = ordinal == day.HourCount - 1 ? day.End : start + OneHour;
        return new PeriodInfo(Grain.Hour, start, end, PeriodLabels.Hour(start.WithOffset(Zone.GetUtcOffset(start))));
    }

    private PeriodInfo OffsetHour(long key, int count)
    {
        // Buckets are counted day by day: a day may have 23, 24 or 25 of them, or a truncated last one.
        var day = GetDay(DateOfDayNumber(FloorDiv(key, DayInfo.HourSlotsPerDay)));
        var ordinal = (key - (day.DayKey * DayInfo.HourSlotsPerDay)) + count;
        while (ordinal >= day.HourCount)
        {
            ordinal -= day.HourCount;
            day = GetDay(day.Date.PlusDays(1));
        }

        while (ordinal < 0)
        {
            day = GetDay(day.Date.PlusDays(-1));
            ordinal += day.HourCount;
        }

        return HourPeriod(day, (int)ordinal);
    }

    private PeriodInfo OffsetDay(long key, int count)
    {
        var day = GetDay(DateOfDayNumber(key + count));

        // A date the zone skipped entirely (Samoa, 2011-12-30) is an empty period: step over it.
        while (count != 0 && day.Start == day.End)
        {
            day = GetDay(day.Date.PlusDays(Math.Sign(count)));
        }

        return DayPeriod(day);
    }

    private static PeriodInfo DayPeriod(DayInfo day) => new(Grain.Day, day.Start, day.End, PeriodLabels.Day(day.Date));

    private static long FloorDiv(long value, long divisor) => Math.DivRem(value, divisor) switch
    {
        (var quotient, < 0) => quotient - 1,
        (var quotient, _) => quotient,
    };

    private long FiscalYearStartYear(long fiscalYear) => _fiscalStartMonth == 1 ? fiscalYear : fiscalYear - 1;

    private static void EnsureStartYear(long year, long key)
    {
        if (year < 1 || year > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, "The key is outside the supported years 1 to 9998.");
        }
    }
}
