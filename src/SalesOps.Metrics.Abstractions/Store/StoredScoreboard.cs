using NodaTime;

namespace SalesOps.Metrics;

/// <summary>A published scoreboard kept in the history, serialised by the engine.</summary>
/// <param name="At">The instant it describes.</param>
/// <param name="Kind">Regular or correction.</param>
/// <param name="Json">The scoreboard as JSON; the store keeps it as is.</param>
public sealed record StoredScoreboard(Instant At, ScoreboardKind Kind, string Json);
