using NodaTime;
using SalesOps.Metrics.Calendar;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Targets;

/// <summary>How much of a period's goal is expected by an instant.</summary>
internal static class PacingCurve
{
    /// <summary>The expected fraction at <paramref name="at"/> (0 at the start, 1 at the end) and the period's length in pacing days.</summary>
    public static (double Fraction, double TotalDays) Evaluate(PacingDefinition pacing, SalesCalendar calendar, PeriodInfo period, Instant at)
    {
        var total = period.End - period.Start;
        var elapsed = Clamp(at, period) - period.Start;
        var timeFraction = elapsed.TotalTicks / total.TotalTicks;
        switch (pacing.Kind)
        {
            case PacingKind.WorkingTime:
                {
                    var working = calendar.WorkingTimeBetween(period.Start, period.End);
                    if (working <= Duration.Zero)
                    {
                        // A period without working time (a weekend day) paces by real time rather than never.
                        return (timeFraction, total.TotalDays);
                    }

                    var done = calendar.WorkingTimeBetween(period.Start, Clamp(at, period));
                    var standardDay = calendar.StandardWorkingDay;
                    return (done.TotalTicks / working.TotalTicks, working.TotalTicks / standardDay.TotalTicks);
                }

            case PacingKind.Weighted:
                return (Weighted(pacing, calendar, period, at), total.TotalDays);

            default:
                return (timeFraction, total.TotalDays);
        }
    }

    private static double Weighted(PacingDefinition pacing, SalesCalendar calendar, PeriodInfo period, Instant at)
    {
        var parts = calendar.SubPeriods(period, pacing.WeightGrain);
        double done = 0;
        double sum = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var weight = pacing.Weights[Math.Min(i, pacing.Weights.Count - 1)];
            sum += weight;
            var part = parts[i];
            if (at >= part.End)
            {
                done += weight;
            }
            else if (at > part.Start)
            {
                done += weight * ((at - part.Start).TotalTicks / (part.End - part.Start).TotalTicks);
            }
        }

        return sum <= 0 ? 0 : done / sum;
    }

    private static Instant Clamp(Instant at, PeriodInfo period) =>
        at < period.Start ? period.Start : at > period.End ? period.End : at;
}
