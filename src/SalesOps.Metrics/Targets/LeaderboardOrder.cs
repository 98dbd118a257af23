namespace SalesOps.Metrics;

/// <summary>How a leaderboard ranks members.</summary>
public enum LeaderboardOrder
{
    /// <summary>By attainment (actual ÷ goal), highest first; then by actual, then by member name.</summary>
    Attainment,

    /// <summary>By actual value, highest first; then by attainment, then by member name.</summary>
    Value,
}
