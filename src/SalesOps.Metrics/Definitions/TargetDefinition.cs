namespace SalesOps.Metrics.Definitions;

/// <summary>A goal for a metric over each period of a grain, for a scope, optionally one per member.</summary>
public sealed record TargetDefinition
{
    /// <summary>The unique name, such as <c>bdr-opportunities</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The metric held to account.</summary>
    public required string Metric { get; init; }

    /// <summary>The dimension filter the target covers, such as team = BDR. Empty for the whole company.</summary>
    public IReadOnlyDictionary<string, string> Scope { get; init; } = new Dictionary<string, string>();

    /// <summary>When set, the target applies to each value of this dimension within the scope (each rep).</summary>
    public string? Each { get; init; }

    /// <summary>
    /// For per-member targets, members known in advance (the roster): they are evaluated and ranked even before
    /// their first event. Members seen in events within the scope are added to them.
    /// </summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>The period grain. Default month.</summary>
    public Grain Grain { get; init; } = Grain.Month;

    /// <summary>At least or at most.</summary>
    public TargetDirection Direction { get; init; } = TargetDirection.AtLeast;

    /// <summary>The goal per period (per member for per-member targets) from the beginning of time.</summary>
    public double Goal { get; init; }

    /// <summary>Later goals, each effective from a local date-time (SPEC: goals change; history keeps the old version).</summary>
    public IReadOnlyList<GoalVersion> GoalChanges { get; init; } = [];

    /// <summary>The pacing curve. Default real elapsed time.</summary>
    public PacingDefinition Pacing { get; init; } = PacingDefinition.Time;

    /// <summary>The status thresholds.</summary>
    public TargetThresholds Thresholds { get; init; } = new();

    /// <summary>The milestones ("first downs").</summary>
    public IReadOnlyList<MilestoneDefinition> Milestones { get; init; } = [];
}
