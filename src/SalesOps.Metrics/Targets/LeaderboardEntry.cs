namespace SalesOps.Metrics;

/// <summary>One row of a leaderboard.</summary>
/// <param name="Rank">1 for the best; members that tie on every ranking key still get distinct ranks, in name order.</param>
/// <param name="Member">The member (a rep).</param>
/// <param name="Evaluation">The member's evaluation.</param>
public sealed record LeaderboardEntry(int Rank, string Member, TargetEvaluation Evaluation);
