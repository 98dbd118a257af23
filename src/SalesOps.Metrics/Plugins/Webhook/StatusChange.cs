using NodaTime;

namespace SalesOps.Metrics.Plugins;

/// <summary>A target's status that moved between two scoreboards: the body of a status-change post.</summary>
/// <param name="Text">What happened, in words: "BDR/alice fell behind pace".</param>
/// <param name="Target">The target's name.</param>
/// <param name="Metric">The metric the target holds to account.</param>
/// <param name="Member">The member for per-member targets; <see langword="null"/> for the whole scope.</param>
/// <param name="Scope">The dimension filter of the evaluation, member included.</param>
/// <param name="Grain">The grain of the target's period.</param>
/// <param name="Period">The period's label, such as <c>2026-03</c>.</param>
/// <param name="Previous">The status before.</param>
/// <param name="Status">The status now.</param>
/// <param name="At">The instant of the scoreboard that showed the change.</param>
/// <param name="Actual">The actual so far in the period.</param>
/// <param name="Goal">The goal in force.</param>
/// <param name="ExpectedByNow">The value expected by now.</param>
/// <param name="Pace">Actual ÷ expected by now; <see langword="null"/> when nothing is expected yet.</param>
public sealed record StatusChange(
    string Text,
    string Target,
    string Metric,
    string? Member,
    IReadOnlyDictionary<string, string> Scope,
    Grain Grain,
    string Period,
    TargetStatus Previous,
    TargetStatus Status,
    Instant At,
    double Actual,
    double Goal,
    double ExpectedByNow,
    double? Pace)
{
    /// <summary>The change from <paramref name="previous"/> to the status of <paramref name="evaluation"/>.</summary>
    /// <param name="evaluation">The evaluation that shows the new status.</param>
    /// <param name="previous">The status before.</param>
    /// <returns>The change.</returns>
    public static StatusChange Of(TargetEvaluation evaluation, TargetStatus previous)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new StatusChange(
            $"{Who(evaluation)} {What(previous, evaluation.Status)}",
            evaluation.Target,
            evaluation.Metric,
            evaluation.Member,
            evaluation.Scope,
            evaluation.Period.Grain,
            evaluation.Period.Label,
            previous,
            evaluation.Status,
            evaluation.At,
            evaluation.Actual,
            evaluation.Goal,
            evaluation.ExpectedByNow,
            evaluation.Pace);
    }

    // "BDR/alice": the scope's other values, then the member; the target's name when the scope is empty.
    private static string Who(TargetEvaluation evaluation)
    {
        var memberKey = evaluation.Member is { } member
            ? evaluation.Scope.LastOrDefault(d => string.Equals(d.Value, member, StringComparison.Ordinal)).Key
            : null;
        var parts = evaluation.Scope.Where(d => d.Key != memberKey).Select(d => d.Value).ToList();
        if (evaluation.Member is { } who)
        {
            parts.Add(who);
        }

        return parts.Count == 0 ? evaluation.Target : string.Join('/', parts);
    }

    private static string What(TargetStatus previous, TargetStatus status) => status switch
    {
        TargetStatus.Behind => "fell behind pace",
        TargetStatus.AtRisk => "is at risk",
        TargetStatus.OnTrack when previous is TargetStatus.Behind or TargetStatus.AtRisk => "is back on track",
        TargetStatus.OnTrack => "is on track",
        TargetStatus.Achieved => "achieved the goal",
        TargetStatus.Breached => "breached the limit",
        TargetStatus.Within => "stayed within the limit",
        _ => $"moved from {previous} to {status}",
    };
}
