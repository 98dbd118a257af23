using SalesOps.Metrics.Benchmarks.References;

namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>
/// One workload and shape with the three implementations that aggregate it: the engine through
/// <see cref="SalesOpsEngine.Record(ReadOnlySpan{ResolvedEvent})"/>, the dense reference and the dictionary fan-out.
/// </summary>
internal sealed class RecordRig
{
    public RecordRig(Workload workload, Shape shape, MetricSet metrics)
    {
        Workload = workload;
        Shape = shape;
        Metrics = metrics;
        Periods = new PeriodTable(workload.Start, workload.End);
        Engine = EngineRig.Create(workload, shape, metrics);
        Dense = new DenseReference(workload, shape, Periods);
        Dictionary = new DictionaryFanOut(shape, Periods);
    }

    public Workload Workload { get; }

    public Shape Shape { get; }

    public MetricSet Metrics { get; }

    public PeriodTable Periods { get; }

    public EngineRig Engine { get; private set; }

    public DenseReference Dense { get; private set; }

    public DictionaryFanOut Dictionary { get; private set; }

    public ReadOnlySpan<RawEvent> Events => Workload.Events;

    /// <summary>Records one pass everywhere and checks that the engine agrees with both references.</summary>
    public void CheckAgreement()
    {
        Engine.RecordAll();
        Dense.Record(Events);
        Dictionary.Record(Events);
        Agreement.Check(Workload, Shape, Engine, Dense.Get, "dense reference");
        Agreement.Check(Workload, Shape, Engine, Dictionary.Get, "dictionary fan-out");
    }

    public void FreshEngine() => Engine = EngineRig.Create(Workload, Shape, Metrics);

    public void FreshDense() => Dense = new DenseReference(Workload, Shape, Periods);

    public void FreshDictionary() => Dictionary = new DictionaryFanOut(Shape, Periods);

    public int RecordDense()
    {
        Dense.Record(Events);
        return Events.Length;
    }

    public int RecordDictionary()
    {
        Dictionary.Record(Events);
        return Dictionary.Count;
    }
}
