using NodaTime;

namespace SalesOps.Metrics;

/// <summary>A target looked at at an instant: what is true now, and what could be.</summary>
/// <remarks>Ratios whose denominator is zero are <see langword="null"/>, never 0, NaN or infinity.</remarks>
public sealed record TargetEvaluation
{
    /// <summary>The target's name.</summary>
    public required string Target { get; init; }

    /// <summary>The metric the target holds to account.</summary>
    public required string Metric { get; init; }

    /// <summary>The member (a rep, a team) for per-member targets; <see langword="null"/> for the whole scope.</summary>
    public string? Member { get; init; }

    /// <summary>The dimension filter that scopes this evaluation, member included.</summary>
    public required IReadOnlyDictionary<string, string> Scope { get; init; }

    /// <summary>The instant evaluated.</summary>
    public required Instant At { get; init; }

    /// <summary>The period evaluated.</summary>
    public required PeriodInfo Period { get; init; }

    /// <summary>Whether the target is a floor or a ceiling.</summary>
    public required TargetDirection Direction { get; init; }

    /// <summary>The actual value so far in the period; 0 when nothing happened.</summary>
    public required double Actual { get; init; }

    /// <summary>The goal in force at <see cref="At"/>.</summary>
    public required double Goal { get; init; }

    /// <summary>The instant from which the goal in force applies; <see langword="null"/> for the target's first goal.</summary>
    public Instant? GoalEffectiveFrom { get; init; }

    /// <summary>The fraction of the period's pacing weight elapsed, between 0 and 1.</summary>
    public required double ExpectedFraction { get; init; }

    /// <summary>The value expected by now: <c>Goal × ExpectedFraction</c>.</summary>
    public required double ExpectedByNow { get; init; }

    /// <summary><c>Actual ÷ Goal</c>; <see langword="null"/> when the goal is 0.</summary>
    public double? Attainment { get; init; }

    /// <summary><c>Actual ÷ ExpectedByNow</c>; <see langword="null"/> when nothing is expected yet.</summary>
    public double? Pace { get; init; }

    /// <summary>The projected period-end value at the current pace; <see langword="null"/> before any pacing weight has elapsed.</summary>
    public double? Projected { get; init; }

    /// <summary>At-least: what is still needed (never negative). At-most: the headroom left (negative once breached).</summary>
    public required double Remaining { get; init; }

    /// <summary>
    /// The rate per remaining pacing day needed to reach the goal (at-most: the rate that would use up the
    /// headroom); <see langword="null"/> when the period's pacing weight is used up.
    /// </summary>
    public double? RequiredRatePerDay { get; init; }

    /// <summary>The status.</summary>
    public required TargetStatus Status { get; init; }

    /// <summary>The milestones ("first downs") in period order.</summary>
    public required IReadOnlyList<MilestoneEvaluation> Milestones { get; init; }

    /// <summary>The previous period.</summary>
    public required PeriodInfo PreviousPeriod { get; init; }

    /// <summary>The previous period's actual at the same point of the period (same local offset from its start).</summary>
    public required double PreviousAtSamePoint { get; init; }

    /// <summary>The previous period's final actual.</summary>
    public required double PreviousFinal { get; init; }
}
