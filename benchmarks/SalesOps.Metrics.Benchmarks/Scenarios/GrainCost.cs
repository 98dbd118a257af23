using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (f) The cost of each extra grain: team and rep, count/sum/min/max, over day-week-month-quarter, then with the
/// hour, then with the hour and the year. The goal compares the engine's cost per event across grain sets.
/// </summary>
public class GrainCost
{
    private const int Events = Workload.DefaultEvents;

    private RecordRig _rig = null!;

    [Params("DWMQ", "HDWMQ", "HDWMQY")]
    public string Grains { get; set; } = "DWMQ";

    [Params(Spread.OpenPeriod, Spread.Quarter)]
    public Spread Spread { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = Workload.Create(Events, teams: 10, repsPerTeam: 100, Spread);
        _rig = new RecordRig(workload, Shape.TwoDimensions(Grains), MetricSet.Stats);
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
