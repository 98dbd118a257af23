using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (a) Pre-resolved events, team and rep × day, week, month and quarter, count/sum/min/max: 3 roll-up levels × 4
/// grains = 12 cells per event. Results are per event. The four statistics share one stream, so one
/// <see cref="ResolvedEvent"/> per event updates them all; <c>Engine_Record_CountOnly</c> defines one count metric.
/// </summary>
public class PreResolvedIngest : RecordBenchmark
{
    private RecordRig _countOnly = null!;

    public override void Setup()
    {
        base.Setup();
        _countOnly = new RecordRig(Rig.Workload, Shape.TwoByFour, MetricSet.Count);
        _countOnly.Engine.RecordAll();
    }

    [IterationSetup(Target = nameof(Engine_Record_CountOnly))]
    public void FreshCountEngine()
    {
        if (Spread == Spread.Quarter)
        {
            _countOnly.FreshEngine();
            Settle();
        }
    }

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

    [Benchmark(OperationsPerInvoke = Events, Description = "Engine Record(span), count only (1 metric)")]
    public int Engine_Record_CountOnly() => _countOnly.Engine.RecordAll();

    private protected override RecordRig CreateRig()
    {
        var rig = new RecordRig(Workload.Create(Events, teams: 10, repsPerTeam: 100, Spread), Shape.TwoByFour, MetricSet.Stats);
        rig.CheckAgreement();
        return rig;
    }
}
