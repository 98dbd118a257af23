using NodaTime;

namespace SalesOps.Metrics.Tests.Support;

/// <summary>Throwaway events for tests: unique ids, readable construction.</summary>
internal static class Activity
{
    private static long _next;

    public static ActivityEvent Event(string type, Instant at, double? value = null, params (string Key, string Value)[] dimensions) =>
        new(
            $"e{Interlocked.Increment(ref _next)}",
            type,
            at,
            value,
            dimensions.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));

    public static ActivityEvent Rep(string type, Instant at, string team, string rep, double? value = null) =>
        Event(type, at, value, ("team", team), ("rep", rep));
}
