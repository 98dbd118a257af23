using NodaTime;

namespace SalesOps.Metrics;

/// <summary>A calendar period: a grain and a half-open interval <c>[Start, End)</c> with a readable label.</summary>
/// <param name="Grain">The grain.</param>
/// <param name="Start">The first instant of the period (inclusive).</param>
/// <param name="End">The first instant after the period (exclusive).</param>
/// <param name="Label">A label such as <c>2026-11-28</c>, <c>2026-W53</c>, <c>2026-11</c>, <c>FY2027-Q1</c>.</param>
public sealed record PeriodInfo(Grain Grain, Instant Start, Instant End, string Label)
{
    /// <summary>The period as a NodaTime interval, <c>[Start, End)</c>.</summary>
    public Interval Interval => new(Start, End);

    /// <summary>True when <paramref name="instant"/> lies in <c>[Start, End)</c>.</summary>
    /// <param name="instant">The instant to test.</param>
    /// <returns>Whether the period contains it.</returns>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <inheritdoc />
    public override string ToString() => Label;
}
