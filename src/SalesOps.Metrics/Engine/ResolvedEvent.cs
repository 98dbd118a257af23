using NodaTime;

namespace SalesOps.Metrics;

/// <summary>An event already resolved to a series of one metric, for the allocation-free recording path.</summary>
/// <param name="Series">The series, from <see cref="SalesOpsEngine.Resolve"/>.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Value">The value, or <see langword="null"/> for an event without one (counted, but not summed).</param>
public readonly record struct ResolvedEvent(SeriesHandle Series, Instant OccurredAt, double? Value = null);
