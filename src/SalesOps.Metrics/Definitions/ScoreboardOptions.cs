namespace SalesOps.Metrics.Definitions;

/// <summary>What a published scoreboard shows.</summary>
public sealed record ScoreboardOptions
{
    /// <summary>The periods shown for each metric (the current one at each grain). Default day and month.</summary>
    public IReadOnlyList<Grain> Grains { get; init; } = [Grain.Day, Grain.Month];
}
