using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (a) Pre-resolved events, team and rep × day, week, month and quarter, count/sum/min/max: 3 roll-up levels × 4
/// grains = 12 cells per event. Results are per event. The engine needs four metrics (four
/// <see cref="ResolvedEvent"/>s) per event for the four statistics; <c>Engine_Record_CountOnly</c> shows one metric.
/// </summary>
public class PreResolvedIngest
{
    private const int Events = Workload.DefaultEvents;

    private RecordRig _rig = null!;
    private RecordRig _countOnly = null!;

    [Params(Spread.OpenPeriod, Spread.Quarter)]
    public Spread Spread { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = Workload.Create(Events, teams: 10, repsPerTeam: 100, Spread);
        _rig = new RecordRig(workload, Shape.TwoByFour, MetricSet.Stats);
        _rig.CheckAgreement();
        _countOnly = new RecordRig(workload, Shape.TwoByFour, MetricSet.Count);
        _countOnly.Engine.RecordAll();
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

    [IterationSetup(Target = nameof(Engine_Record_CountOnly))]
    public void FreshCountEngine()
    {
        if (Spread == Spread.Quarter)
        {
            _countOnly.FreshEngine();
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

    [Benchmark(OperationsPerInvoke = Events, Description = "Engine Record(span), count only (1 metric)")]
    public int Engine_Record_CountOnly() => _countOnly.Engine.RecordAll();
}
