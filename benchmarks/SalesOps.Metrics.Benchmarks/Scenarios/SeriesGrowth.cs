using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Reporting;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (e) Growth: the shape of (a) with 1 k, 10 k and 100 k rep series (10 teams), the same number of events. The goal
/// compares the engine's cost per event at 100 k with its cost at 1 k; the ratio column compares it with the dense
/// reference at the same size. (g) The footprint columns give the engine's cell bytes per live (series, window).
/// </summary>
[Config(typeof(FootprintConfig))]
public class SeriesGrowth
{
    private const int Events = Workload.DefaultEvents;
    private const int Teams = 10;

    private RecordRig _rig = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Series { get; set; }

    [Params(Spread.OpenPeriod, Spread.Quarter)]
    public Spread Spread { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = Workload.Create(Events, Teams, Series / Teams, Spread);
        _rig = new RecordRig(workload, Shape.TwoByFour, MetricSet.Stats);
        _rig.Engine.RecordAll();
        _rig.RecordDense();
    }

    [IterationSetup(Target = nameof(DenseReference))]
    public void FreshDense()
    {
        if (Spread == Spread.Quarter)
        {
            _rig.FreshDense();
        }
    }

    [IterationSetup(Target = nameof(Engine_Record))]
    public void FreshEngine()
    {
        if (Spread == Spread.Quarter)
        {
            _rig.FreshEngine();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Dense reference loop")]
    public int DenseReference() => _rig.RecordDense();

    [Benchmark(OperationsPerInvoke = Events, Description = "Engine Record(span), 4 metrics")]
    public int Engine_Record() => _rig.Engine.RecordAll();
}
