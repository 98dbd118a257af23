using NodaTime;

namespace SalesOps.Metrics;

/// <summary>A target's goal version, as persisted.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="EffectiveFrom">The local date-time (calendar zone) from which the goal applies.</param>
/// <param name="Goal">The goal.</param>
public sealed record StoredGoal(string Target, LocalDateTime EffectiveFrom, double Goal);
