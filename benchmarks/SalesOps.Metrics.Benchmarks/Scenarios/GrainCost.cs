using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (f) The cost of each extra grain: team and rep, count/sum/min/max, over day-week-month-quarter, then with the
/// hour, then with the hour and the year. The goal compares the engine's cost per event across grain sets.
/// </summary>
public class GrainCost : RecordBenchmark
{
    [Params("DWMQ", "HDWMQ", "HDWMQY")]
    public string Grains { get; set; } = "DWMQ";

    private protected override RecordRig CreateRig()
    {
        var rig = new RecordRig(Workload.Create(Events, teams: 10, repsPerTeam: 100, Spread), Shape.TwoDimensions(Grains), MetricSet.Stats);
        rig.Engine.RecordAll();
        rig.RecordDense();
        return rig;
    }
}
