using NodaTime;

namespace SalesOps.Metrics;

/// <summary>
/// A half-open interval <c>[start, end)</c> in the calendar's zone, described relative to the instant
/// it is evaluated at: a calendar period at a grain (possibly offset to an earlier one for
/// comparisons), a period-to-date, a trailing duration, or fixed instants.
/// </summary>
/// <remarks>
/// Period windows are answered from the period's own aggregate. Period-to-date, trailing and fixed
/// windows are composed from whole aggregated periods, coarsest first; a boundary that falls inside
/// the finest aggregated grain (an hour by default) is widened to that grain's bucket. A trailing
/// window ends with the finest bucket holding the evaluation instant: at 14:30 the last 24 hours
/// are the 24 hourly buckets from 15:00 yesterday to 15:00 today.
/// </remarks>
public readonly record struct Window
{
    private Window(WindowKind kind, Grain grain, int offset, Duration length, Instant start, Instant end)
    {
        Kind = kind;
        Grain = grain;
        Offset = offset;
        Length = length;
        Start = start;
        End = end;
    }

    /// <summary>The kind.</summary>
    public WindowKind Kind { get; }

    /// <summary>The grain of a period or period-to-date window.</summary>
    public Grain Grain { get; }

    /// <summary>For a period window: 0 for the current period, -1 for the previous one, and so on.</summary>
    public int Offset { get; }

    /// <summary>For a trailing window: its length.</summary>
    public Duration Length { get; }

    /// <summary>For a fixed window: its start (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>For a fixed window: its end (exclusive).</summary>
    public Instant End { get; }

    /// <summary>Today, in the calendar's zone.</summary>
    public static Window Today => Current(Grain.Day);

    /// <summary>This week.</summary>
    public static Window ThisWeek => Current(Grain.Week);

    /// <summary>This month.</summary>
    public static Window ThisMonth => Current(Grain.Month);

    /// <summary>This fiscal quarter.</summary>
    public static Window ThisQuarter => Current(Grain.Quarter);

    /// <summary>From the start of the month to now.</summary>
    public static Window MonthToDate => ToDate(Grain.Month);

    /// <summary>From the start of the fiscal quarter to now.</summary>
    public static Window QuarterToDate => ToDate(Grain.Quarter);

    /// <summary>From the start of the fiscal year to now.</summary>
    public static Window YearToDate => ToDate(Grain.Year);

    /// <summary>The last 24 hours.</summary>
    public static Window Last24Hours => Trailing(Duration.FromHours(24));

    /// <summary>The last 7 days.</summary>
    public static Window Last7Days => Trailing(Duration.FromDays(7));

    /// <summary>The period at <paramref name="grain"/> containing the evaluation instant.</summary>
    /// <param name="grain">The grain.</param>
    /// <returns>The window.</returns>
    public static Window Current(Grain grain) => new(WindowKind.Period, grain, 0, Duration.Zero, default, default);

    /// <summary>The period <paramref name="periodsBack"/> periods before the current one, for comparisons.</summary>
    /// <param name="grain">The grain.</param>
    /// <param name="periodsBack">How many periods back; 1 is the previous period.</param>
    /// <returns>The window.</returns>
    public static Window Previous(Grain grain, int periodsBack = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periodsBack);
        return new(WindowKind.Period, grain, -periodsBack, Duration.Zero, default, default);
    }

    /// <summary>From the start of the period at <paramref name="grain"/> up to the evaluation instant.</summary>
    /// <param name="grain">The grain.</param>
    /// <returns>The window.</returns>
    public static Window ToDate(Grain grain) => new(WindowKind.PeriodToDate, grain, 0, Duration.Zero, default, default);

    /// <summary>The <paramref name="length"/> ending at the evaluation instant.</summary>
    /// <param name="length">A positive duration.</param>
    /// <returns>The window.</returns>
    public static Window Trailing(Duration length)
    {
        if (length <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A trailing window needs a positive length.");
        }

        return new(WindowKind.Trailing, Grain.Hour, 0, length, default, default);
    }

    /// <summary>The fixed interval <c>[start, end)</c>.</summary>
    /// <param name="start">The start (inclusive).</param>
    /// <param name="end">The end (exclusive); after <paramref name="start"/>.</param>
    /// <returns>The window.</returns>
    public static Window Between(Instant start, Instant end)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "A window ends after it starts.");
        }

        return new(WindowKind.Between, Grain.Hour, 0, Duration.Zero, start, end);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        WindowKind.Period when Offset == 0 => $"this {Grain}".ToLowerInvariant(),
        WindowKind.Period => $"{Grain} {Offset}".ToLowerInvariant(),
        WindowKind.PeriodToDate => $"{Grain} to date".ToLowerInvariant(),
        WindowKind.Trailing => $"last {Length}",
        _ => $"[{Start}, {End})",
    };
}
