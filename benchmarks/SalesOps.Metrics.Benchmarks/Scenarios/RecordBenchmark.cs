using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// What the pre-resolved scenarios share: a rig built once per parameter set, the dense reference as baseline, the
/// engine's <c>Record(span)</c>, and, for the <c>Quarter</c> and <c>SecondQuarter</c> spreads, fresh state before
/// every pass so that period roll-over is part of what is measured.
/// </summary>
public abstract class RecordBenchmark
{
    /// <summary>Events per invocation; results are per event.</summary>
    protected const int Events = Workload.DefaultEvents;

    /// <summary>Where the events fall in time; a scenario that measures more spreads overrides the values.</summary>
    [Params(Spread.OpenPeriod, Spread.Quarter)]
    public virtual Spread Spread { get; set; }

    /// <summary>The workload with its engine and references.</summary>
    private protected RecordRig Rig { get; private set; } = null!;

    [GlobalSetup]
    public virtual void Setup() => Rig = CreateRig();

    [IterationSetup(Target = nameof(DenseReference))]
    public void FreshDense()
    {
        if (Spread != Spread.OpenPeriod)
        {
            Rig.FreshDense();
            Settle();
        }
    }

    [IterationSetup(Target = nameof(Engine_Record))]
    public void FreshEngine()
    {
        if (Spread != Spread.OpenPeriod)
        {
            Rig.FreshEngine();
            if (Spread == Spread.SecondQuarter)
            {
                Rig.Engine.RecordQuarterBefore();
            }

            Settle();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Dense reference loop")]
    public int DenseReference() => Rig.RecordDense();

    [Benchmark(OperationsPerInvoke = Events, Description = "Engine Record(span), count/sum/min/max")]
    public int Engine_Record() => Rig.Engine.RecordAll();

    /// <summary>
    /// Collects the previous pass's state before the next, so every measured pass starts from the same heap: otherwise
    /// whether a full collection (of garbage the setup made) lands inside a pass depends on where the run started.
    /// </summary>
    private protected static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Builds the rig for the current parameters (and checks agreement, where the scenario does).</summary>
    private protected abstract RecordRig CreateRig();
}
