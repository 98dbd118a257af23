using System.Runtime.CompilerServices;
using NodaTime;
using SalesOps.Metrics.Calendar;

namespace SalesOps.Metrics.Aggregation;

/// <summary>The period key of one instant at every grain, computed once per event and shared by all metrics.</summary>
[InlineArray(6)]
internal struct PeriodKeys
{
    private long _element;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PeriodKeys For(DayInfo day, Instant instant)
    {
        var keys = default(PeriodKeys);
        keys[(int)Grain.Hour] = day.HourKeyOf(instant.ToUnixTimeSeconds());
        keys[(int)Grain.Day] = day.DayKey;
        keys[(int)Grain.Week] = day.WeekKey;
        keys[(int)Grain.Month] = day.MonthKey;
        keys[(int)Grain.Quarter] = day.QuarterKey;
        keys[(int)Grain.Year] = day.YearKey;
        return keys;
    }
}

/// <summary>
/// The period keys of the hour bucket the last event fell in: the events of a batch mostly fall in the same hour as
/// the one before, and then take its keys without finding their day or computing a key.
/// </summary>
/// <remarks>Not thread-safe: the engine uses it under its lock.</remarks>
internal sealed class PeriodKeyCache(SalesCalendar calendar)
{
    // The whole Unix seconds [_from, _to) whose keys are _keys; empty until the first event.
    private long _from = long.MaxValue;
    private long _to = long.MinValue;
    private PeriodKeys _keys;

    /// <summary>The keys of <paramref name="instant"/>, as <see cref="PeriodKeys.For"/> gives them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PeriodKeys For(Instant instant)
    {
        // Keys are a function of the whole second: day starts and hour buckets begin on whole seconds.
        var seconds = instant.ToUnixTimeSeconds();
        if (seconds < _from || seconds >= _to)
        {
            Fill(instant, seconds);
        }

        return _keys;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fill(Instant instant, long seconds)
    {
        var day = calendar.GetDay(instant);
        _keys = PeriodKeys.For(day, instant);
        (_from, _to) = day.HourSlotOf(seconds);
    }
}
