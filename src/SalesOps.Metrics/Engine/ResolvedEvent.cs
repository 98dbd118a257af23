using NodaTime;

namespace SalesOps.Metrics;

/// <summary>An event already resolved to a series of one metric, for the allocation-free recording path.</summary>
/// <param name="Series">The series, from <see cref="SalesOpsEngine.Resolve"/>.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Value">The value (ignored by count metrics).</param>
public readonly record struct ResolvedEvent(SeriesHandle Series, Instant OccurredAt, double Value = 0);
