using System.Globalization;
using NodaTime;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.CrashWorker;

/// <summary>The deterministic event stream and definitions shared by the crash worker and the test that checks it.</summary>
public static class CrashStream
{
    /// <summary>The source name the worker ingests under.</summary>
    public const string Source = "stream";

    /// <summary>The clock the worker runs on: after every event of the stream.</summary>
    public static Instant Now { get; } = Instant.FromUtc(2026, 12, 31, 0, 0);

    /// <summary>The metrics every run uses.</summary>
    public static SalesOpsDefinition Definition() => new SalesOpsBuilder()
        .UseCalendar(c => c.InZone("America/Denver").FiscalYearStartsIn(2))
        .AddMetric("calls", m => m.Count("call.made").By("team", "rep"))
        .AddMetric("pipeline", m => m.Sum("opportunity.qualified").By("team", "rep"))
        .AddMetric("smallest", m => m.Min("opportunity.qualified").By("team"))
        .AddMetric("largest", m => m.Max("opportunity.qualified").By("team"))
        .AddMetric("leads", m => m.DistinctCount("lead", "call.made").By("team"))
        .Build();

    /// <summary>Event number <paramref name="index"/> of the stream for <paramref name="seed"/>: the same every time.</summary>
    public static ActivityEvent Event(int seed, int index)
    {
        // A per-event generator keeps any event computable without generating the ones before it. The seed must be
        // the same in every process, so no HashCode.Combine (it is randomised per process).
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var team = random.Next(3) switch { 0 => "BDR", 1 => "AE", _ => "SDR" };
        var rep = string.Create(CultureInfo.InvariantCulture, $"{team}-{random.Next(8)}");
        var at = Instant.FromUtc(2026, 10, 1, 0, 0) + Duration.FromMinutes(random.Next(60 * 24 * 90));
        var opportunity = random.Next(4) == 0;
        return new ActivityEvent(
            string.Create(CultureInfo.InvariantCulture, $"ev-{index}"),
            opportunity ? "opportunity.qualified" : "call.made",
            at,
            opportunity ? random.Next(1, 100) * 250 : null,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["team"] = team,
                ["rep"] = rep,
                ["lead"] = string.Create(CultureInfo.InvariantCulture, $"lead-{random.Next(500)}"),
            });
    }
}
