using NodaTime;
using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Engine;
using SalesOps.Metrics.Targets;

namespace SalesOps.Metrics;

public sealed partial class SalesOpsEngine
{
    /// <summary>Evaluates a target at the clock's current instant.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="member">For per-member targets, the member (a rep); <see langword="null"/> for the whole scope.</param>
    /// <returns>The evaluation.</returns>
    public TargetEvaluation Evaluate(string target, string? member = null) => Evaluate(target, Now, member);

    /// <summary>Evaluates a target at <paramref name="at"/>, in the period of the target's grain that contains it.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="at">The instant.</param>
    /// <param name="member">For per-member targets, the member; <see langword="null"/> for the whole scope.</param>
    /// <returns>The evaluation.</returns>
    public TargetEvaluation Evaluate(string target, Instant at, string? member = null)
    {
        var runtime = TargetOf(target);
        lock (_gate)
        {
            var context = Context(runtime, Calendar.PeriodOf(at, runtime.Definition.Grain), at);
            return EvaluateMember(context, member);
        }
    }

    /// <summary>Evaluates a target over a given period, as of the period's end or now, whichever comes first.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="period">A period of the target's grain.</param>
    /// <param name="member">For per-member targets, the member; <see langword="null"/> for the whole scope.</param>
    /// <returns>The evaluation; a finished at-most target within its limit is <see cref="TargetStatus.Within"/>.</returns>
    public TargetEvaluation EvaluatePeriod(string target, PeriodInfo period, string? member = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        var runtime = TargetOf(target);
        if (period.Grain != runtime.Definition.Grain)
        {
            throw new ArgumentException($"Target '{target}' is evaluated per {runtime.Definition.Grain}, not per {period.Grain}.", nameof(period));
        }

        lock (_gate)
        {
            var now = Now;
            var context = Context(runtime, period, now < period.End ? now : period.End);
            return EvaluateMember(context, member);
        }
    }

    /// <summary>
    /// The fast question a wall screen asks many times a second: the attainment (actual ÷ goal) of a target in its
    /// current period, now. It reads one cell, without the pacing, milestones and comparisons of <see cref="Evaluate(string, string?)"/>.
    /// </summary>
    /// <param name="target">The target's name.</param>
    /// <param name="member">For per-member targets, the member; <see langword="null"/> for the whole scope.</param>
    /// <returns>The attainment; <see langword="null"/> when the goal is 0 or the metric has no value.</returns>
    public double? Attainment(string target, string? member = null)
    {
        var runtime = TargetOf(target);
        if (member is not null && runtime.Definition.Each is null)
        {
            throw new ArgumentException($"Target '{target}' has no members.", nameof(member));
        }

        lock (_gate)
        {
            var now = _clock.GetCurrentInstant();
            var grain = runtime.Definition.Grain;
            var periodKey = Calendar.GetDay(now).KeyOf(grain, now);
            double? actual;
            if (FindSeries(runtime, member) is { } found)
            {
                actual = Value(found.Aggregator.GetCell(found.Level, grain, periodKey, found.Series), runtime.Metric.Definition.Aggregation);
            }
            else
            {
                // A ratio, a scope that needs a scan, or a member without events yet: the general path.
                actual = ValueOver(runtime.Metric, [(grain, periodKey)], runtime.ScopeFor(member), out _);
            }

            var (goal, _) = runtime.GoalAt(now);
            return goal == 0 || actual is null ? null : actual / goal;
        }
    }

    private static double? Value(in Cell cell, AggregationKind kind)
    {
        var accumulator = new CellAccumulator();
        accumulator.Add(cell);
        return accumulator.ValueOf(kind);
    }

    // The series of a member when the scope names exactly a roll-up level's dimensions: a direct look-up.
    private static (MetricAggregator Aggregator, int Level, int Series)? FindSeries(TargetRuntime runtime, string? member)
    {
        if (runtime.Metric.Aggregator is not { } aggregator)
        {
            return null;
        }

        if (member is null)
        {
            if (runtime.ScopeSeries is { } scope && ReferenceEquals(scope.Aggregator, aggregator))
            {
                return scope;
            }
        }
        else if (runtime.SeriesCache.TryGetValue(member, out var cached) && ReferenceEquals(cached.Aggregator, aggregator))
        {
            return cached;
        }

        var filter = aggregator.ResolveFilter(runtime.ScopeFor(member));
        var level = filter.MinimumLevel;
        if (filter.MatchesNothing || !filter.IsExactPrefix(level) || !aggregator.TryFindSeries(level, filter.PrefixKey(level), out var series))
        {
            return null;
        }

        var found = (aggregator, level, series);
        if (member is null)
        {
            runtime.ScopeSeries = found;
        }
        else
        {
            runtime.SeriesCache[member] = found;
        }

        return found;
    }

    /// <summary>Evaluates a target for every member (or once for a target without members).</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="at">The instant; the clock's current instant when <see langword="null"/>.</param>
    /// <returns>One evaluation per member, in member-name order.</returns>
    public IReadOnlyList<TargetEvaluation> EvaluateAll(string target, Instant? at = null)
    {
        var runtime = TargetOf(target);
        lock (_gate)
        {
            var instant = at ?? Now;
            return EvaluateAllLocked(runtime, Context(runtime, Calendar.PeriodOf(instant, runtime.Definition.Grain), instant));
        }
    }

    /// <summary>The members of a per-member target: its roster and every value of its member dimension seen within its scope.</summary>
    /// <param name="target">The target's name.</param>
    /// <returns>The members in ordinal order; empty for a target without members.</returns>
    public IReadOnlyList<string> Members(string target)
    {
        var runtime = TargetOf(target);
        lock (_gate)
        {
            return MembersLocked(runtime);
        }
    }

    /// <summary>Ranks the members of a per-member target.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="order">The ranking key.</param>
    /// <param name="at">The instant; the clock's current instant when <see langword="null"/>.</param>
    /// <returns>The rows, best first, with deterministic tie-breaking by member name.</returns>
    public IReadOnlyList<LeaderboardEntry> Leaderboard(string target, LeaderboardOrder order = LeaderboardOrder.Attainment, Instant? at = null)
    {
        var evaluations = EvaluateAll(target, at).Where(e => e.Member is not null).ToList();
        evaluations.Sort((a, b) =>
        {
            var primary = order == LeaderboardOrder.Attainment
                ? Compare(b.Attainment, a.Attainment)
                : b.Actual.CompareTo(a.Actual);
            if (primary != 0)
            {
                return primary;
            }

            var secondary = order == LeaderboardOrder.Attainment
                ? b.Actual.CompareTo(a.Actual)
                : Compare(b.Attainment, a.Attainment);
            return secondary != 0 ? secondary : string.CompareOrdinal(a.Member, b.Member);
        });
        return [.. evaluations.Select((e, i) => new LeaderboardEntry(i + 1, e.Member!, e))];

        static int Compare(double? x, double? y) => (x ?? double.NegativeInfinity).CompareTo(y ?? double.NegativeInfinity);
    }

    /// <summary>Changes a target's goal from a local date-time on; evaluations before it keep the old goal.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="effectiveFrom">The local date-time (calendar zone) from which the new goal applies.</param>
    /// <param name="goal">The new goal; finite and not negative.</param>
    public void ChangeGoal(string target, LocalDateTime effectiveFrom, double goal)
    {
        if (!double.IsFinite(goal) || goal < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(goal), goal, "A goal is a finite number, not negative.");
        }

        var runtime = TargetOf(target);
        lock (_gate)
        {
            if (_store is not null)
            {
                Commit(new StoreCommit { Source = PushSource, EventIds = [], Goals = [new StoredGoal(target, effectiveFrom, goal)] });
            }

            runtime.Add(new GoalVersion(effectiveFrom, goal), Calendar);
        }
    }

    /// <summary>Every goal version of a target, oldest first; the first applies from the beginning of time.</summary>
    /// <param name="target">The target's name.</param>
    /// <returns>The versions.</returns>
    public IReadOnlyList<GoalVersion> GoalHistory(string target)
    {
        var runtime = TargetOf(target);
        lock (_gate)
        {
            return [.. runtime.Versions];
        }
    }

    private List<TargetEvaluation> EvaluateAllLocked(TargetRuntime runtime, EvaluationContext context)
    {
        if (runtime.Definition.Each is null)
        {
            return [EvaluateMember(context, null)];
        }

        return [.. MembersLocked(runtime).Select(member => EvaluateMember(context, member))];
    }

    private List<string> MembersLocked(TargetRuntime runtime)
    {
        if (runtime.Definition.Each is not { } each)
        {
            return [];
        }

        var aggregator = runtime.Metric.Primary;
        var filter = aggregator.ResolveFilter(runtime.Scope);
        return [.. aggregator.ValuesOf(aggregator.PositionOf(each), filter)
            .Where(v => v is not DimensionValues.Missing and not DimensionValues.Overflow)
            .Union(runtime.Definition.Members, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private EvaluationContext Context(TargetRuntime runtime, PeriodInfo period, Instant at)
    {
        var definition = runtime.Definition;
        var now = Now;
        var ended = at >= period.End;
        var (fraction, totalDays) = PacingCurve.Evaluate(definition.Pacing, Calendar, period, at);

        // The period's own aggregate answers "so far" whenever nothing after `at` can be in it yet.
        var actual = ended || at >= now ? Resolver.Period(period) : Resolver.Compose(period.Start, at, period.Label);
        var milestones = new List<(MilestoneDefinition Definition, Instant DueAt, ResolvedWindow? Window)>();
        foreach (var milestone in definition.Milestones)
        {
            var parts = Calendar.SubPeriods(period, milestone.DueGrain);
            var due = parts[Math.Min(milestone.DueCount, parts.Count) - 1].End;
            milestones.Add((milestone, due, due <= at ? Resolver.Compose(period.Start, due, milestone.Name) : null));
        }

        var previous = Calendar.Previous(period);
        var samePoint = SamePoint(period, previous, at);
        var (goal, goalFrom) = runtime.GoalAt(ended ? at - Duration.Epsilon : at);
        return new EvaluationContext(
            runtime,
            period,
            at,
            ended,
            fraction,
            totalDays,
            goal,
            goalFrom,
            actual,
            milestones,
            previous,
            Resolver.Compose(previous.Start, samePoint, previous.Label),
            Resolver.Period(previous));
    }

    // The same local offset from the period's start: 14:00 on the 28th maps to 14:00 on the 28th of the month before.
    private Instant SamePoint(PeriodInfo period, PeriodInfo previous, Instant at)
    {
        var zone = Calendar.Zone;
        var offset = Period.Between(period.Start.InZone(zone).LocalDateTime, at.InZone(zone).LocalDateTime);
        var point = Calendar.ToInstant(previous.Start.InZone(zone).LocalDateTime + offset);
        return point > previous.End ? previous.End : point;
    }

    private TargetEvaluation EvaluateMember(EvaluationContext context, string? member)
    {
        var runtime = context.Target;
        var definition = runtime.Definition;
        if (member is not null && definition.Each is null)
        {
            throw new ArgumentException($"Target '{definition.Name}' has no members.", nameof(member));
        }

        var scope = runtime.ScopeFor(member);
        var metric = runtime.Metric;
        var actual = ValueOver(metric, context.Actual.Buckets, scope, out _) ?? 0;
        var goal = context.Goal;
        var expected = goal * context.Fraction;
        double? attainment = goal == 0 ? null : actual / goal;
        double? pace = expected == 0 ? null : actual / expected;
        double? projected = context.Fraction == 0 ? null : actual / context.Fraction;
        var atLeast = definition.Direction == TargetDirection.AtLeast;
        var remaining = atLeast ? Math.Max(goal - actual, 0) : goal - actual;
        var remainingDays = (1 - context.Fraction) * context.TotalDays;
        double? requiredRate = remainingDays <= 0 || context.Ended ? null : Math.Max(remaining, 0) / remainingDays;

        var milestones = new List<MilestoneEvaluation>(context.Milestones.Count);
        foreach (var (milestone, dueAt, window) in context.Milestones)
        {
            var required = milestone.Fraction * goal;
            var atDue = window is null ? actual : ValueOver(metric, window.Buckets, scope, out _) ?? 0;
            var state = atDue >= required ? MilestoneState.Met : window is null ? MilestoneState.Upcoming : MilestoneState.Missed;
            milestones.Add(new MilestoneEvaluation(milestone.Name, milestone.Fraction, required, dueAt, atDue, state));
        }

        return new TargetEvaluation
        {
            Target = definition.Name,
            Metric = metric.Name,
            Member = member,
            Scope = ToDictionary(scope),
            At = context.At,
            Period = context.Period,
            Direction = definition.Direction,
            Actual = actual,
            Goal = goal,
            GoalEffectiveFrom = context.GoalFrom,
            ExpectedFraction = context.Fraction,
            ExpectedByNow = expected,
            Attainment = attainment,
            Pace = pace,
            Projected = projected,
            Remaining = remaining,
            RequiredRatePerDay = requiredRate,
            Status = Status(definition, context.Ended, actual, goal, pace, projected),
            Milestones = milestones,
            PreviousPeriod = context.Previous,
            PreviousAtSamePoint = ValueOver(metric, context.PreviousAtSamePoint.Buckets, scope, out _) ?? 0,
            PreviousFinal = ValueOver(metric, context.PreviousFinal.Buckets, scope, out _) ?? 0,
        };
    }

    private static TargetStatus Status(TargetDefinition definition, bool ended, double actual, double goal, double? pace, double? projected)
    {
        var thresholds = definition.Thresholds;
        if (definition.Direction == TargetDirection.AtMost)
        {
            if (actual > goal)
            {
                return TargetStatus.Breached;
            }

            if (ended)
            {
                return TargetStatus.Within;
            }

            return projected > goal * thresholds.AtMostProjectionAtRisk ? TargetStatus.AtRisk : TargetStatus.OnTrack;
        }

        if (actual >= goal)
        {
            return TargetStatus.Achieved;
        }

        if (ended)
        {
            return TargetStatus.Behind;
        }

        return pace switch
        {
            null => TargetStatus.OnTrack,
            var p when p >= thresholds.OnTrack => TargetStatus.OnTrack,
            var p when p >= thresholds.AtRisk => TargetStatus.AtRisk,
            _ => TargetStatus.Behind,
        };
    }

    private sealed record EvaluationContext(
        TargetRuntime Target,
        PeriodInfo Period,
        Instant At,
        bool Ended,
        double Fraction,
        double TotalDays,
        double Goal,
        Instant? GoalFrom,
        ResolvedWindow Actual,
        IReadOnlyList<(MilestoneDefinition Definition, Instant DueAt, ResolvedWindow? Window)> Milestones,
        PeriodInfo Previous,
        ResolvedWindow PreviousAtSamePoint,
        ResolvedWindow PreviousFinal);
}
