using NodaTime;

namespace SalesOps.Metrics.Calendar;

/// <content>Working time: the clock that working-time pacing runs on.</content>
public sealed partial class SalesCalendar
{
    /// <summary>The working time that elapses in <c>[start, end)</c>.</summary>
    /// <param name="start">The first instant (inclusive).</param>
    /// <param name="end">The end (exclusive).</param>
    /// <returns>
    /// The sum, over the working days (see <see cref="IsWorkingDay"/>), of the overlap of <c>[start, end)</c> with
    /// that day's working hours, <c>[date + WorkingHoursStart, date + WorkingHoursEnd)</c> mapped to instants as
    /// <see cref="ToInstant"/> does; <see cref="Duration.Zero"/> when <paramref name="end"/> is not after
    /// <paramref name="start"/>. The result is elapsed time, so working hours that span a transition are an
    /// hour shorter or longer.
    /// </returns>
    public Duration WorkingTimeBetween(Instant start, Instant end)
    {
        if (end <= start)
        {
            return Duration.Zero;
        }

        // One day of margin on each side: a working interval is found by its wall-clock date, which can differ
        // from the day period an instant falls in around a transition at midnight.
        var last = GetDay(end - Duration.Epsilon).Date.PlusDays(1);
        var total = Duration.Zero;
        for (var date = GetDay(start).Date.PlusDays(-1); date <= last; date = date.PlusDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            var from = Instant.Max(start, ToInstant(date + _workingHoursStart));
            var to = Instant.Min(end, ToInstant(date + _workingHoursEnd));
            if (to > from)
            {
                total += to - from;
            }
        }

        return total;
    }
}
