using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (c) Pre-resolved events, team only × day, count/sum/min/max: 2 roll-up levels × 1 grain = 2 cells per event.
/// The smallest shape, where fixed per-event overhead shows most.
/// </summary>
public class SingleDimensionIngest
{
    private const int Events = Workload.DefaultEvents;

    private RecordRig _rig = null!;

    [Params(Spread.OpenPeriod, Spread.Quarter)]
    public Spread Spread { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = Workload.Create(Events, teams: 10, repsPerTeam: 100, Spread);
        _rig = new RecordRig(workload, Shape.OneByOne, MetricSet.Stats);
        _rig.CheckAgreement();
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

    [IterationSetup(Target = nameof(DictionaryFanOut))]
    public void FreshDictionary()
    {
        if (Spread == Spread.Quarter)
        {
            _rig.FreshDictionary();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Dense reference loop")]
    public int DenseReference() => _rig.RecordDense();

    [Benchmark(OperationsPerInvoke = Events, Description = "Engine Record(span), 4 metrics")]
    public int Engine_Record() => _rig.Engine.RecordAll();

    [Benchmark(OperationsPerInvoke = Events, Description = "Dictionary fan-out, mixing comparer")]
    public int DictionaryFanOut() => _rig.RecordDictionary();
}
