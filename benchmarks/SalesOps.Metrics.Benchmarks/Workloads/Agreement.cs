using System.Globalization;
using NodaTime;
using SalesOps.Metrics.Benchmarks.References;

namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>
/// Checks, once per class in <c>[GlobalSetup]</c>, that the engine and the references hold the same numbers after
/// one pass, so that every row of a table provably does the same updates.
/// </summary>
internal static class Agreement
{
    public static void Check(Workload workload, Shape shape, EngineRig rig, Func<Grain, int, int, long, StatCell> reference, string referenceName)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(reference);
        var periods = new PeriodTable(workload.Start, workload.End);
        var sample = workload.Events[workload.Events.Length / 3];
        Instant[] instants = [workload.Start, Instant.FromUnixTimeSeconds(sample.Seconds), workload.End - Duration.FromSeconds(1)];
        var stats = rig.MetricsPerEvent > 1;
        foreach (var at in instants)
        {
            foreach (var grain in shape.Grains)
            {
                var key = periods.KeyOf(at.ToUnixTimeSeconds(), grain);
                for (var level = 0; level < shape.Levels; level++)
                {
                    var series = Shape.SeriesAt(sample, level);
                    var filter = Filter(sample, level);
                    var expected = reference(grain, level, series, key);
                    var window = Window.Current(grain);
                    var count = rig.Engine.QueryValue(EngineRig.Deals, window, at, filter).Value ?? 0;
                    Same(count, expected.Count, EngineRig.Deals, grain, level, at, referenceName);
                    if (stats)
                    {
                        Same(rig.Engine.QueryValue(EngineRig.Amount, window, at, filter).Value ?? 0, expected.Sum, EngineRig.Amount, grain, level, at, referenceName);
                        if (expected.Count > 0)
                        {
                            Same(rig.Engine.QueryValue(EngineRig.Smallest, window, at, filter).Value ?? double.NaN, expected.Min, EngineRig.Smallest, grain, level, at, referenceName);
                            Same(rig.Engine.QueryValue(EngineRig.Largest, window, at, filter).Value ?? double.NaN, expected.Max, EngineRig.Largest, grain, level, at, referenceName);
                        }
                    }
                }
            }
        }
    }

    private static (string, string)[] Filter(in RawEvent e, int level) => level switch
    {
        0 => [],
        1 => [("team", Workload.TeamName(e.Team))],
        _ => [("team", Workload.TeamName(e.Team)), ("rep", Workload.RepName(e.Rep))],
    };

    private static void Same(double engine, double reference, string metric, Grain grain, int level, Instant at, string referenceName)
    {
        if (Math.Abs(engine - reference) > 1e-6 * Math.Max(1, Math.Abs(reference)))
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The engine and the {referenceName} disagree on {metric} at {grain}, level {level}, {at}: {engine} vs {reference}."));
        }
    }
}
