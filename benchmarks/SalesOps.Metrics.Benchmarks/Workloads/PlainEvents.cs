using System.Globalization;
using NodaTime;

namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>
/// A workload as a source yields it: <see cref="ActivityEvent"/>s with string ids, type and dimensions, each string a
/// fresh instance (as parsed from a file or a message), so no comparison is won by reference equality.
/// </summary>
internal static class PlainEvents
{
    public static ActivityEvent[] From(Workload workload, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var events = new ActivityEvent[workload.Events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var e = workload.Events[i];
            var dimensions = new Dictionary<string, string>(2, StringComparer.Ordinal)
            {
                ["team"] = Fresh(Workload.TeamName(e.Team)),
                ["rep"] = Fresh(Workload.RepName(e.Rep)),
            };
            events[i] = new ActivityEvent(
                idPrefix + i.ToString("D8", CultureInfo.InvariantCulture),
                Fresh(EngineRig.EventType),
                Instant.FromUnixTimeSeconds(e.Seconds),
                e.Value,
                dimensions);
        }

        return events;
    }

    private static string Fresh(string value) => new(value.AsSpan());
}
