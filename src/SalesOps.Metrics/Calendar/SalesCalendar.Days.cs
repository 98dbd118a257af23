using System.Runtime.CompilerServices;
using NodaTime;

namespace SalesOps.Metrics.Calendar;

/// <content>The cache of local days that makes <see cref="GetDay(Instant)"/> cheap on the ingest path.</content>
public sealed partial class SalesCalendar
{
    // Direct-mapped: a day lives in the slot of its day number, so a month of shuffled events stays cached.
    private const int CacheSlots = 1024;
    private const int CacheMask = CacheSlots - 1;
    private const int SecondsPerDay = 86_400;

    // Seconds from 0001-01-01T00:00 to the Unix epoch, so (unix seconds + offset + this) / 86400 is a day number.
    private const long EpochSecondsFromDayZero = 719_162L * SecondsPerDay;

    private static readonly LocalDate DayNumberOrigin = new(1, 1, 1);
    private static readonly LocalDate FirstSupportedDate = new(1, 1, 1);
    private static readonly LocalDate LastSupportedDate = new(9998, 12, 31);
    private static readonly long MinDayNumber = DayNumber(FirstSupportedDate) - 7;
    private static readonly long MaxDayNumber = DayNumber(LastSupportedDate) + 7;

    // Readers race with one another and with writers: slots only ever hold complete immutable days, and a
    // reference write is atomic, so a reader sees either the old day, the new day or null.
    private readonly DayInfo?[] _days = new DayInfo?[CacheSlots];

    // The zone's offset at the last computed day: only a hint for choosing the slot, so races are harmless.
    private int _offsetHintSeconds;

    /// <summary>The local day containing <paramref name="instant"/>; allocation-free and a few nanoseconds when cached.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The immutable day whose <c>[Start, End)</c> contains the instant.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The instant's local date is outside the supported years 1 to 9998.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal DayInfo GetDay(Instant instant)
    {
        var seconds = instant.ToUnixTimeSeconds();
        var slot = (int)((seconds + _offsetHintSeconds + EpochSecondsFromDayZero) / SecondsPerDay) & CacheMask;
        var day = _days[slot];
        if (day is not null && seconds >= day.StartSeconds && seconds < day.EndSeconds)
        {
            return day;
        }

        return GetDayNear(instant, seconds, slot);
    }

    /// <summary>The local day of a date.</summary>
    /// <param name="date">The local date, in the years 1 to 9998.</param>
    /// <returns>The immutable day; empty (<c>Start == End</c>) when the zone skipped the whole date.</returns>
    internal DayInfo GetDay(LocalDate date)
    {
        var day = _days[(int)DayNumber(date) & CacheMask];
        return day is not null && day.Date == date ? day : Store(CreateDay(date));
    }

    /// <summary>The day number of a date: days since 0001-01-01, as <see cref="DateOnly.DayNumber"/>.</summary>
    internal static long DayNumber(LocalDate date) => Period.DaysBetween(DayNumberOrigin, date);

    /// <summary>The date of a day number, within a week of the supported dates (a week may begin before them).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The day number is far outside the supported dates.</exception>
    internal static LocalDate DateOfDayNumber(long dayNumber)
    {
        if (dayNumber < MinDayNumber || dayNumber > MaxDayNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(dayNumber), dayNumber, "The day number is outside the supported years 1 to 9998.");
        }

        return DayNumberOrigin.PlusDays((int)dayNumber);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DayInfo GetDayNear(Instant instant, long seconds, int slot)
    {
        // The hint offset may be stale by an hour around midnight, so the day is often one slot away.
        var day = _days[(slot + 1) & CacheMask];
        if (day is not null && seconds >= day.StartSeconds && seconds < day.EndSeconds)
        {
            return day;
        }

        day = _days[(slot - 1) & CacheMask];
        if (day is not null && seconds >= day.StartSeconds && seconds < day.EndSeconds)
        {
            return day;
        }

        day = ComputeDay(instant);
        _offsetHintSeconds = Zone.GetUtcOffset(instant).Seconds;
        return Store(day);
    }

    private DayInfo Store(DayInfo day)
    {
        Volatile.Write(ref _days[(int)day.DayKey & CacheMask], day);
        return day;
    }

    private DayInfo ComputeDay(Instant instant)
    {
        var day = CreateDay(instant.InZone(Zone).Date);

        // Where a repeated hour crosses midnight, the wall-clock date of an instant is not the day it falls in.
        while (instant < day.Start)
        {
            day = CreateDay(day.Date.PlusDays(-1));
        }

        while (instant >= day.End)
        {
            day = CreateDay(day.Date.PlusDays(1));
        }

        return day;
    }

    private DayInfo CreateDay(LocalDate date)
    {
        EnsureSupported(date);
        var fiscalYear = FiscalYear(date);
        return new DayInfo(
            date,
            StartOfDay(date),
            StartOfDay(date.PlusDays(1)),
            DayNumber(date),
            DayNumber(WeekStart(date)),
            MonthKey(date.Year, date.Month),
            QuarterKey(fiscalYear, FiscalQuarter(date)),
            fiscalYear);
    }

    private static long MonthKey(int year, int month) => (year * 12L) + (month - 1);

    private static long QuarterKey(int fiscalYear, int fiscalQuarter) => (fiscalYear * 4L) + (fiscalQuarter - 1);

    private static void EnsureSupported(LocalDate date)
    {
        if (date < FirstSupportedDate || date > LastSupportedDate)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date),
                date,
                "The calendar supports local dates in the years 1 to 9998 only.");
        }
    }
}
