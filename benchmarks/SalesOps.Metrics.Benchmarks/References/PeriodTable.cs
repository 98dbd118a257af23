using System.Runtime.CompilerServices;
using NodaTime;

namespace SalesOps.Metrics.Benchmarks.References;

/// <summary>
/// The period keys of every UTC day in a range, computed once, as a hand-written loop would precompute them:
/// per event one division for the day, one table row for week, month, quarter and year, and one division for the hour.
/// Keys follow the engine's conventions (ISO weeks starting on Monday, fiscal year starting in January).
/// </summary>
internal sealed class PeriodTable
{
    private const int SecondsPerDay = 86_400;
    private const int GrainCount = 6;

    private readonly long _firstDaySeconds;
    private readonly long[] _keys;

    public PeriodTable(Instant start, Instant end)
    {
        var first = start.InUtc().Date;
        var last = (end - Duration.Epsilon).InUtc().Date;
        _firstDaySeconds = first.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().ToUnixTimeSeconds();
        var days = Period.DaysBetween(first, last) + 1;
        _keys = new long[days * GrainCount];
        for (var d = 0; d < days; d++)
        {
            var date = first.PlusDays(d);
            var dayNumber = DateOnly.FromDateTime(date.ToDateTimeUnspecified()).DayNumber;
            var weekStart = dayNumber - ((int)date.DayOfWeek - 1);
            var row = d * GrainCount;
            _keys[row + (int)Grain.Hour] = dayNumber * 32L;
            _keys[row + (int)Grain.Day] = dayNumber;
            _keys[row + (int)Grain.Week] = weekStart;
            _keys[row + (int)Grain.Month] = (date.Year * 12L) + (date.Month - 1);
            _keys[row + (int)Grain.Quarter] = (date.Year * 4L) + ((date.Month - 1) / 3);
            _keys[row + (int)Grain.Year] = date.Year;
        }
    }

    /// <summary>The key of the period of <paramref name="grain"/> containing <paramref name="seconds"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long KeyOf(long seconds, Grain grain)
    {
        var sinceFirst = seconds - _firstDaySeconds;
        var day = (int)(sinceFirst / SecondsPerDay);
        var key = _keys[(day * GrainCount) + (int)grain];
        return grain == Grain.Hour ? key + ((sinceFirst - ((long)day * SecondsPerDay)) / 3600) : key;
    }
}
