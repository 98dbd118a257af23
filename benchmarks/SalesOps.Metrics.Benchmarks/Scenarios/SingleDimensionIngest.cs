using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (c) Pre-resolved events, team only × day, count/sum/min/max: 2 roll-up levels × 1 grain = 2 cells per event.
/// The smallest shape, where fixed per-event overhead shows most.
/// </summary>
public class SingleDimensionIngest : RecordBenchmark
{
    [IterationSetup(Target = nameof(DictionaryFanOut))]
    public void FreshDictionary()
    {
        if (Spread == Spread.Quarter)
        {
            Rig.FreshDictionary();
            Settle();
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Dictionary fan-out, mixing comparer")]
    public int DictionaryFanOut() => Rig.RecordDictionary();

    private protected override RecordRig CreateRig()
    {
        var rig = new RecordRig(Workload.Create(Events, teams: 10, repsPerTeam: 100, Spread), Shape.OneByOne, MetricSet.Stats);
        rig.CheckAgreement();
        return rig;
    }
}
