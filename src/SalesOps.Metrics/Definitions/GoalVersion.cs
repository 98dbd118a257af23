using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>A target's goal from a local date-time on (in the calendar's zone) until the next version.</summary>
/// <param name="EffectiveFrom">The local date-time from which the goal applies.</param>
/// <param name="Goal">The goal per period.</param>
public sealed record GoalVersion(LocalDateTime EffectiveFrom, double Goal);
