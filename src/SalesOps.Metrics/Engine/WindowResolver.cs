using NodaTime;
using SalesOps.Metrics.Calendar;

namespace SalesOps.Metrics.Engine;

/// <summary>Turns a window into the aggregated periods that cover it exactly, coarsest first.</summary>
internal sealed class WindowResolver
{
    private readonly SalesCalendar _calendar;
    private readonly Grain[] _grainsCoarseFirst;

    public WindowResolver(SalesCalendar calendar, IReadOnlyList<Grain> grains)
    {
        _calendar = calendar;
        _grainsCoarseFirst = [.. grains.OrderDescending()];
    }

    private Grain Finest => _grainsCoarseFirst[^1];

    /// <summary>The interval a window covers at <paramref name="at"/>, and the buckets that compose it.</summary>
    public ResolvedWindow Resolve(Window window, Instant at)
    {
        switch (window.Kind)
        {
            case WindowKind.Period:
                {
                    var period = _calendar.PeriodOf(at, window.Grain);
                    if (window.Offset != 0)
                    {
                        period = _calendar.Offset(period, window.Offset);
                    }

                    return Period(period);
                }

            case WindowKind.PeriodToDate:
                {
                    var period = _calendar.PeriodOf(at, window.Grain);
                    return Compose(period.Start, at, $"{period.Label} to date");
                }

            case WindowKind.Trailing:
                {
                    // The last buckets up to and including the one holding `at`, as many as fit the length.
                    var end = _calendar.PeriodOf(at, Finest).End;
                    return Compose(end - window.Length, end, window.ToString());
                }

            default:
                return Compose(window.Start, window.End, window.ToString());
        }
    }

    public ResolvedWindow Period(PeriodInfo period)
    {
        if (Array.IndexOf(_grainsCoarseFirst, period.Grain) < 0)
        {
            return Compose(period.Start, period.End, period.Label);
        }

        return new ResolvedWindow(period, [(period.Grain, _calendar.KeyOf(period.Start, period.Grain))]);
    }

    private static Duration ShortestPeriod(Grain grain) => grain switch
    {
        Grain.Year => Duration.FromDays(365) - Duration.FromHours(1),
        Grain.Quarter => Duration.FromDays(89) - Duration.FromHours(1),
        Grain.Month => Duration.FromDays(28) - Duration.FromHours(1),
        Grain.Week => Duration.FromDays(7) - Duration.FromHours(1),
        Grain.Day => Duration.FromHours(23),
        _ => Duration.Zero,
    };

    /// <summary>Covers <c>[start, end)</c> with whole periods, widening boundaries inside the finest grain to its bucket.</summary>
    public ResolvedWindow Compose(Instant start, Instant end, string label)
    {
        var buckets = new List<(Grain Grain, long Key)>();
        if (end <= start)
        {
            return new ResolvedWindow(new PeriodInfo(Finest, start, start, label), buckets);
        }

        var first = _calendar.PeriodOf(start, Finest);
        var cursor = first.Start;
        while (cursor < end)
        {
            PeriodInfo? chosen = null;
            var remaining = end - cursor;
            foreach (var grain in _grainsCoarseFirst)
            {
                if (grain != Finest && remaining < ShortestPeriod(grain))
                {
                    continue;
                }

                var candidate = _calendar.PeriodOf(cursor, grain);
                if (candidate.Start == cursor && candidate.End <= end)
                {
                    chosen = candidate;
                    break;
                }

                if (grain == Finest)
                {
                    chosen = candidate;
                }
            }

            buckets.Add((chosen!.Grain, _calendar.KeyOf(chosen.Start, chosen.Grain)));
            cursor = chosen.End;
        }

        return new ResolvedWindow(new PeriodInfo(Finest, first.Start, cursor, label), buckets);
    }
}

/// <summary>A window resolved at an instant: the interval it covers and its buckets.</summary>
internal sealed record ResolvedWindow(PeriodInfo Period, IReadOnlyList<(Grain Grain, long Key)> Buckets);
