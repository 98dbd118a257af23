using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Reporting;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (e) Growth: the shape of (a) with 1 k, 10 k, 100 k and 1 M rep series (10 teams), the same number of events. The
/// goal compares the engine's cost per event at 100 k with its cost at 1 k; the ratio column compares it with the
/// dense reference at the same size. (g) The footprint columns give the engine's cell bytes per live (series, window).
/// </summary>
/// <remarks>
/// Roll-over is measured twice: a fresh engine's first quarter (<see cref="Spread.Quarter"/>), which also grows the
/// engine's memory, and a quarter after a quarter (<see cref="Spread.SecondQuarter"/>), the steady state of a host.
/// </remarks>
[Config(typeof(FootprintConfig))]
public class SeriesGrowth : RecordBenchmark
{
    private const int Teams = 10;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int Series { get; set; }

    /// <inheritdoc />
    [Params(Spread.OpenPeriod, Spread.Quarter, Spread.SecondQuarter)]
    public override Spread Spread { get; set; }

    private protected override RecordRig CreateRig()
    {
        var rig = new RecordRig(Workload.Create(Events, Teams, Series / Teams, Spread), Shape.TwoByFour, MetricSet.Stats);
        rig.Engine.RecordAll();
        rig.RecordDense();
        return rig;
    }
}
