using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Configures one <see cref="TargetDefinition"/>.</summary>
/// <remarks>
/// Obtained from <see cref="SalesOpsBuilder.AddTarget"/>. Methods check only for missing arguments; everything else
/// (a known metric, a scope on group-by dimensions, milestones due within the period) is checked by
/// <see cref="DefinitionValidation"/>, which reports every problem at once.
/// </remarks>
public sealed class TargetBuilder
{
    private readonly Dictionary<string, string> _scope = new(StringComparer.Ordinal);
    private readonly List<GoalVersion> _goalChanges = [];
    private readonly List<MilestoneDefinition> _milestones = [];
    private TargetDefinition _target;

    internal TargetBuilder(string name)
    {
        _target = new TargetDefinition { Name = name, Metric = string.Empty };
    }

    /// <summary>Sets the metric held to account.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder For(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        _target = _target with { Metric = metric };
        return this;
    }

    /// <summary>Limits the target to events whose <paramref name="dimension"/> is <paramref name="value"/> (team = BDR).</summary>
    /// <param name="dimension">A group-by dimension of the metric.</param>
    /// <param name="value">The value; a second call for the same dimension replaces it.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder Where(string dimension, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dimension);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _scope[dimension] = value;
        return this;
    }

    /// <summary>Applies the target to each value of <paramref name="dimension"/> within the scope (each rep).</summary>
    /// <param name="dimension">A group-by dimension of the metric, not also in the scope.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder Each(string dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dimension);
        _target = _target with { Each = dimension };
        return this;
    }

    /// <summary>
    /// Applies the target to each value of <paramref name="dimension"/> within the scope, starting from a roster, so a
    /// member with no activity yet is still evaluated (and ranked last) instead of missing from the board.
    /// </summary>
    /// <param name="dimension">A group-by dimension of the metric, not also in the scope.</param>
    /// <param name="members">The members known in advance.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder Each(string dimension, params string[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Each(dimension);
        _target = _target with { Members = [.. _target.Members, .. members] };
        return this;
    }

    /// <summary>Sets a goal per hour.</summary>
    /// <returns>This builder.</returns>
    public TargetBuilder Hourly() => Per(Grain.Hour);

    /// <summary>Sets a goal per day.</summary>
    /// <returns>This builder.</returns>
    public TargetBuilder Daily() => Per(Grain.Day);

    /// <summary>Sets a goal per week.</summary>
    /// <returns>This builder.</returns>
    public TargetBuilder Weekly() => Per(Grain.Week);

    /// <summary>Sets a goal per month.</summary>
    /// <returns>This builder.</returns>
    public TargetBuilder Monthly() => Per(Grain.Month);

    /// <summary>Sets a goal per fiscal quarter.</summary>
    /// <returns>This builder.</returns>
    public TargetBuilder Quarterly() => Per(Grain.Quarter);

    /// <summary>Sets a goal per fiscal year.</summary>
    /// <returns>This builder.</returns>
    public TargetBuilder Yearly() => Per(Grain.Year);

    /// <summary>Sets the period grain.</summary>
    /// <param name="grain">The grain; it must be one of the ingestion grains.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder Per(Grain grain)
    {
        _target = _target with { Grain = grain };
        return this;
    }

    /// <summary>Makes the target a floor: the actual should reach <paramref name="goal"/> each period.</summary>
    /// <param name="goal">The goal per period (per member for per-member targets).</param>
    /// <returns>This builder.</returns>
    public TargetBuilder AtLeast(double goal)
    {
        _target = _target with { Direction = TargetDirection.AtLeast, Goal = goal };
        return this;
    }

    /// <summary>Makes the target a ceiling: the actual must stay at or under <paramref name="goal"/> each period.</summary>
    /// <param name="goal">The limit per period (per member for per-member targets).</param>
    /// <returns>This builder.</returns>
    public TargetBuilder AtMost(double goal)
    {
        _target = _target with { Direction = TargetDirection.AtMost, Goal = goal };
        return this;
    }

    /// <summary>Changes the goal from the start of a local date on; evaluations before it keep the earlier goal.</summary>
    /// <param name="effectiveFrom">The date, in the calendar's zone, from whose start the goal applies.</param>
    /// <param name="goal">The new goal per period.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder GoalFrom(LocalDate effectiveFrom, double goal) => GoalFrom(effectiveFrom.AtMidnight(), goal);

    /// <summary>Changes the goal from a local date-time on; evaluations before it keep the earlier goal.</summary>
    /// <param name="effectiveFrom">The local date-time, in the calendar's zone, from which the goal applies.</param>
    /// <param name="goal">The new goal per period.</param>
    /// <returns>This builder.</returns>
    /// <remarks>Give changes in increasing order of <paramref name="effectiveFrom"/>.</remarks>
    public TargetBuilder GoalFrom(LocalDateTime effectiveFrom, double goal)
    {
        _goalChanges.Add(new GoalVersion(effectiveFrom, goal));
        return this;
    }

    /// <summary>Paces the target by real elapsed time.</summary>
    /// <returns>This builder.</returns>
    public TargetBuilder PacedByTime()
    {
        _target = _target with { Pacing = PacingDefinition.Time };
        return this;
    }

    /// <summary>Paces the target by elapsed working time: flat over weekends, holidays and nights.</summary>
    /// <returns>This builder.</returns>
    public TargetBuilder PacedByWorkingTime()
    {
        _target = _target with { Pacing = PacingDefinition.WorkingTime };
        return this;
    }

    /// <summary>Paces the target by a weight per sub-period (a heavier last month of the quarter), linear within each.</summary>
    /// <param name="weightGrain">The sub-period the weights apply to; finer than the target's grain.</param>
    /// <param name="weights">One positive weight per sub-period in order; later sub-periods take the last weight.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder PacedByWeights(Grain weightGrain, params double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _target = _target with
        {
            Pacing = new PacingDefinition { Kind = PacingKind.Weighted, WeightGrain = weightGrain, Weights = Frozen.List(weights) },
        };
        return this;
    }

    /// <summary>Sets the pace thresholds of an at-least target.</summary>
    /// <param name="onTrack">A pace at or above this is on track.</param>
    /// <param name="atRisk">A pace at or above this (and under <paramref name="onTrack"/>) is at risk; under it, behind.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder Thresholds(double onTrack, double atRisk)
    {
        _target = _target with { Thresholds = (_target.Thresholds ?? new()) with { OnTrack = onTrack, AtRisk = atRisk } };
        return this;
    }

    /// <summary>Sets the pace thresholds and the at-most projection threshold.</summary>
    /// <param name="onTrack">A pace at or above this is on track.</param>
    /// <param name="atRisk">A pace at or above this (and under <paramref name="onTrack"/>) is at risk; under it, behind.</param>
    /// <param name="atMostProjectionAtRisk">At-most: a projected period-end value above this fraction of the limit is at risk.</param>
    /// <returns>This builder.</returns>
    public TargetBuilder Thresholds(double onTrack, double atRisk, double atMostProjectionAtRisk)
    {
        _target = _target with
        {
            Thresholds = new TargetThresholds { OnTrack = onTrack, AtRisk = atRisk, AtMostProjectionAtRisk = atMostProjectionAtRisk },
        };
        return this;
    }

    /// <summary>
    /// Adds a milestone ("first down"): <paramref name="fraction"/> of the goal due by the end of the n-th week, day
    /// or month of the period. Give exactly one of <paramref name="byEndOfWeek"/>, <paramref name="byEndOfDay"/> and
    /// <paramref name="byEndOfMonth"/>.
    /// </summary>
    /// <param name="name">The milestone's name, such as "first down".</param>
    /// <param name="fraction">The fraction of the goal due, in (0, 1].</param>
    /// <param name="byEndOfWeek">Due by the end of this week of the period (week 1 holds the period's first day).</param>
    /// <param name="byEndOfDay">Due by the end of this day of the period.</param>
    /// <param name="byEndOfMonth">Due by the end of this month of the period.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Not exactly one of the three due points is given.</exception>
    public TargetBuilder Milestone(string name, double fraction, int? byEndOfWeek = null, int? byEndOfDay = null, int? byEndOfMonth = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var given = (byEndOfWeek.HasValue ? 1 : 0) + (byEndOfDay.HasValue ? 1 : 0) + (byEndOfMonth.HasValue ? 1 : 0);
        if (given != 1)
        {
            throw new ArgumentException(
                $"Milestone '{name}' needs exactly one of byEndOfWeek, byEndOfDay and byEndOfMonth.", nameof(byEndOfWeek));
        }

        var (dueGrain, dueCount) = byEndOfWeek is { } week ? (Grain.Week, week)
            : byEndOfDay is { } day ? (Grain.Day, day)
            : (Grain.Month, byEndOfMonth.GetValueOrDefault());
        _milestones.Add(new MilestoneDefinition(name, fraction, dueGrain, dueCount));
        return this;
    }

    internal TargetDefinition Build() => _target with
    {
        Scope = Frozen.Dictionary(_scope),
        GoalChanges = Frozen.List(_goalChanges),
        Milestones = Frozen.List(_milestones),
    };
}
