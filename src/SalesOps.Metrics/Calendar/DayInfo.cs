using System.Diagnostics;
using System.Runtime.CompilerServices;
using NodaTime;

namespace SalesOps.Metrics.Calendar;

/// <summary>
/// One local day of a <see cref="SalesCalendar"/> with the keys of the periods that contain it: everything the
/// ingest path needs to place an event, computed once per day.
/// </summary>
/// <remarks>Immutable, so one instance can be shared by any number of threads.</remarks>
internal sealed class DayInfo
{
    /// <summary>The most hour buckets a day can hold; hour keys are <c>DayKey * HourSlotsPerDay + ordinal</c>.</summary>
    /// <remarks>
    /// Only a few 19th-century zone changes (Alaska in 1867) made days longer than this; their hours past the
    /// 32nd fold into the last bucket so that keys stay unique.
    /// </remarks>
    internal const int HourSlotsPerDay = 32;

    private const int LastHourOrdinal = HourSlotsPerDay - 1;

    private const int SecondsPerHour = 3600;

    /// <summary>Creates a day.</summary>
    /// <param name="date">The local date.</param>
    /// <param name="start">The first instant of the day.</param>
    /// <param name="end">The first instant of the next day.</param>
    /// <param name="dayKey">The day key.</param>
    /// <param name="weekKey">The key of the week containing the day.</param>
    /// <param name="monthKey">The key of the month containing the day.</param>
    /// <param name="quarterKey">The key of the fiscal quarter containing the day.</param>
    /// <param name="yearKey">The key of the fiscal year containing the day.</param>
    public DayInfo(LocalDate date, Instant start, Instant end, long dayKey, long weekKey, long monthKey, long quarterKey, long yearKey)
    {
        Debug.Assert(end >= start, "A day cannot end before it starts.");
        Date = date;
        Start = start;
        End = end;
        StartSeconds = start.ToUnixTimeSeconds();
        EndSeconds = end.ToUnixTimeSeconds();
        DayKey = dayKey;
        WeekKey = weekKey;
        MonthKey = monthKey;
        QuarterKey = quarterKey;
        YearKey = yearKey;
        HourCount = (int)Math.Min((EndSeconds - StartSeconds + SecondsPerHour - 1) / SecondsPerHour, HourSlotsPerDay);
    }

    /// <summary>The first instant of the day (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>The first instant of the next day (exclusive).</summary>
    public Instant End { get; }

    /// <summary>The local date.</summary>
    public LocalDate Date { get; }

    /// <summary>The key of the day: its <see cref="DateOnly.DayNumber"/>.</summary>
    public long DayKey { get; }

    /// <summary>The key of the week containing the day: the day number of the week's first date.</summary>
    public long WeekKey { get; }

    /// <summary>The key of the month containing the day: <c>year * 12 + (month - 1)</c>.</summary>
    public long MonthKey { get; }

    /// <summary>The key of the fiscal quarter containing the day: <c>fiscalYear * 4 + (fiscalQuarter - 1)</c>.</summary>
    public long QuarterKey { get; }

    /// <summary>The key of the fiscal year containing the day: the fiscal year.</summary>
    public long YearKey { get; }

    /// <summary>The number of hour buckets: 24, or 23 and 25 on daylight-saving days (never more than 32).</summary>
    public int HourCount { get; }

    /// <summary>The length of the day.</summary>
    public Duration Length => End - Start;

    /// <summary><see cref="Start"/> in whole Unix seconds (zone transitions fall on whole seconds).</summary>
    internal long StartSeconds { get; }

    /// <summary><see cref="End"/> in whole Unix seconds.</summary>
    internal long EndSeconds { get; }

    /// <summary>The key of the hour bucket holding an instant of this day, given in whole Unix seconds.</summary>
    /// <param name="seconds">An instant in <c>[Start, End)</c> of this day, in whole Unix seconds.</param>
    /// <returns>The hour key, as <see cref="KeyOf"/> returns it for <see cref="Grain.Hour"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long HourKeyOf(long seconds) => (DayKey * HourSlotsPerDay) + Math.Min((seconds - StartSeconds) / SecondsPerHour, LastHourOrdinal);

    /// <summary>The whole seconds that share the hour key of <paramref name="seconds"/>: its hour bucket of this day.</summary>
    /// <param name="seconds">An instant in <c>[Start, End)</c> of this day, in whole Unix seconds.</param>
    /// <returns>The bucket's first second and the first second after it.</returns>
    internal (long From, long To) HourSlotOf(long seconds)
    {
        var ordinal = Math.Min((seconds - StartSeconds) / SecondsPerHour, LastHourOrdinal);
        var from = StartSeconds + (ordinal * SecondsPerHour);
        return (from, ordinal == LastHourOrdinal ? EndSeconds : Math.Min(from + SecondsPerHour, EndSeconds));
    }

    /// <summary>The key of the period at <paramref name="grain"/> that contains <paramref name="instant"/>.</summary>
    /// <param name="grain">The grain.</param>
    /// <param name="instant">An instant in <c>[Start, End)</c> of this day.</param>
    /// <returns>The period key, as <see cref="SalesCalendar.KeyOf"/> returns it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grain"/> is not a defined grain.</exception>
    public long KeyOf(Grain grain, Instant instant)
    {
        Debug.Assert(instant >= Start && instant < End, "The instant must lie in the day.");
        return grain switch
        {
            Grain.Hour => HourKeyOf(instant.ToUnixTimeSeconds()),
            Grain.Day => DayKey,
            Grain.Week => WeekKey,
            Grain.Month => MonthKey,
            Grain.Quarter => QuarterKey,
            Grain.Year => YearKey,
            _ => throw new ArgumentOutOfRangeException(nameof(grain), grain, "Unknown grain."),
        };
    }
}
