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
