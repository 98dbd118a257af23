namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>An event as integer keys: what the hand-written references and the raw-event scan read.</summary>
/// <param name="Team">The team index (the series id at the first roll-up level).</param>
/// <param name="Rep">The rep index, unique across teams (the series id at the second roll-up level).</param>
/// <param name="Seconds">When it happened, in Unix seconds.</param>
/// <param name="Value">The deal amount.</param>
internal readonly record struct RawEvent(int Team, int Rep, long Seconds, double Value);
