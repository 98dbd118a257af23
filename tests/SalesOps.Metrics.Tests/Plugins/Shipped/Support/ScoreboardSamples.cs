using NodaTime;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Support;

/// <summary>Hand-built scoreboards for sink tests.</summary>
internal static class ScoreboardSamples
{
    public static readonly Instant At = Instant.FromUtc(2026, 3, 10, 15, 0);

    public static PeriodInfo Month { get; } = new(Grain.Month, Instant.FromUtc(2026, 3, 1, 7, 0), Instant.FromUtc(2026, 4, 1, 6, 0), "2026-03");

    public static PeriodInfo Day { get; } = new(Grain.Day, Instant.FromUtc(2026, 3, 10, 6, 0), Instant.FromUtc(2026, 3, 11, 6, 0), "2026-03-10");

    public static Scoreboard Create(
        Instant? at = null,
        ScoreboardKind kind = ScoreboardKind.Regular,
        IReadOnlyList<MetricSnapshot>? metrics = null,
        IReadOnlyList<TargetEvaluation>? targets = null) => new()
        {
            At = at ?? At,
            Kind = kind,
            Zone = "America/Denver",
            Metrics = metrics ?? [Metric("appointments-set", Month, 12, ("BDR", 8), ("AE", 4))],
            Targets = targets ?? [Target("bdr-opportunities", "alice", 3, TargetStatus.Behind)],
            Ingestion = new IngestionReport { Received = 20, Applied = 19, RejectedByReason = new Dictionary<RejectionReason, long> { [RejectionReason.MissingType] = 1 } },
        };

    public static MetricSnapshot Metric(string name, PeriodInfo period, double? total, params (string Team, double? Value)[] teams) => new(
        name,
        "appointments",
        "N0",
        period,
        new SeriesValue(new Dictionary<string, string>(), total, 12),
        [.. teams.Select(t => new SeriesValue(new Dictionary<string, string> { ["team"] = t.Team }, t.Value, 1))]);

    public static TargetEvaluation Target(string target, string? member, double actual, TargetStatus status, Instant? at = null, double goal = 40) => new()
    {
        Target = target,
        Metric = "qualified-opportunities",
        Member = member,
        Scope = member is null
            ? new Dictionary<string, string> { ["team"] = "BDR" }
            : new Dictionary<string, string> { ["team"] = "BDR", ["rep"] = member },
        At = at ?? At,
        Period = Month,
        Direction = TargetDirection.AtLeast,
        Actual = actual,
        Goal = goal,
        ExpectedByNow = 10,
        ExpectedFraction = 0.25,
        Attainment = goal == 0 ? null : actual / goal,
        Pace = actual / 10,
        Projected = actual * 4,
        Remaining = Math.Max(0, goal - actual),
        RequiredRatePerDay = 1.5,
        Status = status,
        Milestones = [],
        PreviousPeriod = Month,
        PreviousAtSamePoint = 5,
        PreviousFinal = 38,
    };
}
