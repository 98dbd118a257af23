namespace SalesOps.Metrics.Definitions;

/// <summary>The pacing curve of a target.</summary>
public sealed record PacingDefinition
{
    /// <summary>The kind of curve. Default <see cref="PacingKind.Time"/>.</summary>
    public PacingKind Kind { get; init; } = PacingKind.Time;

    /// <summary>For <see cref="PacingKind.Weighted"/>: the sub-periods the weights apply to (must be finer than the target's grain).</summary>
    public Grain WeightGrain { get; init; } = Grain.Week;

    /// <summary>For <see cref="PacingKind.Weighted"/>: one weight per sub-period in order; sub-periods beyond the list take the last weight.</summary>
    public IReadOnlyList<double> Weights { get; init; } = [];

    /// <summary>Real elapsed time.</summary>
    public static PacingDefinition Time { get; } = new();

    /// <summary>Working time.</summary>
    public static PacingDefinition WorkingTime { get; } = new() { Kind = PacingKind.WorkingTime };
}
