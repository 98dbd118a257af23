using NodaTime;

namespace SalesOps.Metrics.Testing;

/// <summary>
/// Realistic scoreboards for the sink conformance tests, built by hand from the Abstractions records: a Denver sales
/// floor on Wednesday 4 March 2026 at 10:00 local time (17:00 UTC). Every call builds new instances with mutable
/// collections behind the read-only interfaces, so a test can tell whether a sink changed them.
/// </summary>
internal static class SinkSamples
{
    public const string Zone = "America/Denver";

    /// <summary>Wednesday 2026-03-04 10:00 in Denver (UTC−7 until daylight saving time starts on 8 March).</summary>
    public static readonly Instant T0 = Instant.FromUtc(2026, 3, 4, 17, 0);

    /// <summary>Names that break naive escaping, encoding or spreadsheets.</summary>
    public static readonly string[] AwkwardNames =
    [
        "Zoë O'Brien",
        "李娜 🚀",
        "José \"Pepe\" García",
        "=SUM(A1:A9)",
        "-5",
        "tab\tand\nnew line",
        "back\\slash, comma",
    ];

    private static readonly PeriodInfo Today = new(Grain.Day, Instant.FromUtc(2026, 3, 4, 7, 0), Instant.FromUtc(2026, 3, 5, 7, 0), "2026-03-04");

    private static readonly PeriodInfo Yesterday = new(Grain.Day, Instant.FromUtc(2026, 3, 3, 7, 0), Instant.FromUtc(2026, 3, 4, 7, 0), "2026-03-03");

    private static readonly PeriodInfo ThisMonth = new(Grain.Month, Instant.FromUtc(2026, 3, 1, 7, 0), Instant.FromUtc(2026, 4, 1, 6, 0), "2026-03");

    private static readonly PeriodInfo LastMonth = new(Grain.Month, Instant.FromUtc(2026, 2, 1, 7, 0), Instant.FromUtc(2026, 3, 1, 7, 0), "2026-02");

    private static readonly PeriodInfo ThisWeek = new(Grain.Week, Instant.FromUtc(2026, 3, 2, 7, 0), Instant.FromUtc(2026, 3, 9, 6, 0), "2026-W10");

    private static readonly PeriodInfo LastWeek = new(Grain.Week, Instant.FromUtc(2026, 2, 23, 7, 0), Instant.FromUtc(2026, 3, 2, 7, 0), "2026-W09");

    /// <summary>One publication: the correction of yesterday's windows changed by late events, then the regular scoreboard, both at <paramref name="at"/>.</summary>
    public static List<Scoreboard> Publication(Instant at) => [Correction(at), Regular(at)];

    /// <summary>Regular scoreboards on the hour from <see cref="T0"/>.</summary>
    public static List<Scoreboard> Hourly(int count) => [.. Enumerable.Range(0, count).Select(i => Regular(T0 + Duration.FromHours(i)))];

    /// <summary>A scoreboard with no metric and no target, as published before any definition matched an event.</summary>
    public static Scoreboard Bare(Instant at) => new()
    {
        At = at,
        Kind = ScoreboardKind.Regular,
        Zone = Zone,
        Metrics = new List<MetricSnapshot>(),
        Targets = new List<TargetEvaluation>(),
        Ingestion = new IngestionReport(),
    };

    /// <summary>Metrics with breakdowns (a count, a currency sum, a ratio with no value), targets with members and milestones (at-least and at-most), and an ingestion report with rejections.</summary>
    public static Scoreboard Regular(Instant at) => new()
    {
        At = at,
        Kind = ScoreboardKind.Regular,
        Zone = Zone,
        Metrics = new List<MetricSnapshot>
        {
            new(
                "appointments-set",
                "appointments",
                "N0",
                Today,
                Series(42, 42),
                new List<SeriesValue> { Series(30, 30, ("team", "BDR")), Series(12, 12, ("team", "AE")) }),
            new(
                "pipeline-value",
                "USD",
                "C0",
                ThisMonth,
                Series(1_250_000.5, 9),
                new List<SeriesValue>
                {
                    Series(700_000.25, 4, ("team", "AE"), ("rep", AwkwardNames[0])),
                    Series(550_000.25, 5, ("team", "AE"), ("rep", AwkwardNames[1])),
                }),
            new(
                "appointment-to-opportunity",
                "%",
                "P1",
                ThisMonth,
                Series(null, 0),
                new List<SeriesValue>
                {
                    Series(0.1 + 0.2, 10, ("team", "BDR")),
                    Series(null, 0, ("team", AwkwardNames[3])),
                }),
        },
        Targets = new List<TargetEvaluation>
        {
            Member("alice", at, actual: 12, pace: 2.0, TargetStatus.OnTrack, MilestoneState.Met),
            Member(AwkwardNames[2], at, actual: 2, pace: 0.4, TargetStatus.Behind, MilestoneState.Missed),
            Member(AwkwardNames[5], at, actual: 0, pace: null, TargetStatus.Behind, MilestoneState.Missed),
            ResponseTime(at),
        },
        Ingestion = new IngestionReport
        {
            Received = 1_000,
            Applied = 950,
            Duplicates = 20,
            RejectedByReason = new Dictionary<RejectionReason, long>
            {
                [RejectionReason.MissingType] = 10,
                [RejectionReason.InvalidValue] = 5,
                [RejectionReason.TooLate] = 15,
            },
            Late = 12,
            Unmatched = 3,
        },
    };

    /// <summary>A correction: new values for yesterday's window, changed by late events; no target evaluations.</summary>
    public static Scoreboard Correction(Instant at) => new()
    {
        At = at,
        Kind = ScoreboardKind.Correction,
        Zone = Zone,
        Metrics = new List<MetricSnapshot>
        {
            new(
                "appointments-set",
                "appointments",
                "N0",
                Yesterday,
                Series(39, 39),
                new List<SeriesValue> { Series(27, 27, ("team", "BDR")), Series(12, 12, ("team", "AE")) }),
        },
        Targets = new List<TargetEvaluation>(),
        Ingestion = new IngestionReport { Received = 1_000, Applied = 1_000, Late = 4 },
    };

    private static SeriesValue Series(double? value, long count, params (string Name, string Value)[] dimensions) =>
        new(dimensions.ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal), value, count);

    // A BDR rep held to 40 qualified opportunities a month, with a "first down" of 25 % by the end of week 1.
    private static TargetEvaluation Member(string rep, Instant at, double actual, double? pace, TargetStatus status, MilestoneState firstDown) => new()
    {
        Target = "bdr-opportunities",
        Metric = "qualified-opportunities",
        Member = rep,
        Scope = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "BDR", ["rep"] = rep },
        At = at,
        Period = ThisMonth,
        Direction = TargetDirection.AtLeast,
        Actual = actual,
        Goal = 40,
        GoalEffectiveFrom = Instant.FromUtc(2026, 3, 1, 7, 0),
        ExpectedFraction = 0.15,
        ExpectedByNow = 6,
        Attainment = actual / 40,
        Pace = pace,
        Projected = pace is { } p ? 40 * p : null,
        Remaining = 40 - actual,
        RequiredRatePerDay = (40 - actual) / 17,
        Status = status,
        Milestones = new List<MilestoneEvaluation>
        {
            new("first down", 0.25, 10, ThisWeek.End, actual, firstDown),
            new("second down", 0.5, 20, Instant.FromUtc(2026, 3, 16, 6, 0), actual, MilestoneState.Upcoming),
        },
        PreviousPeriod = LastMonth,
        PreviousAtSamePoint = 5,
        PreviousFinal = 38,
    };

    // An at-most target, breached: support must answer within 4 hours on average this week.
    private static TargetEvaluation ResponseTime(Instant at) => new()
    {
        Target = "support-response-hours",
        Metric = "response-hours",
        Member = null,
        Scope = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "Support" },
        At = at,
        Period = ThisWeek,
        Direction = TargetDirection.AtMost,
        Actual = 4.4,
        Goal = 4,
        ExpectedFraction = 0.3,
        ExpectedByNow = 1.2,
        Attainment = 1.1,
        Remaining = -0.4,
        Status = TargetStatus.Breached,
        Milestones = new List<MilestoneEvaluation>(),
        PreviousPeriod = LastWeek,
        PreviousAtSamePoint = 3.5,
        PreviousFinal = 3.9,
    };
}
