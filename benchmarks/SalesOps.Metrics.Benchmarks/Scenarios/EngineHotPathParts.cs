using BenchmarkDotNet.Attributes;
using NodaTime;
using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Benchmarks.Workloads;
using SalesOps.Metrics.Calendar;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// A diagnostic, not a goal: where one event of scenario (a) spends its time in the engine, open periods only. The
/// parts call the engine's internals directly: the period keys of an instant (<c>SalesCalendar.GetDay</c> then
/// <c>PeriodKeys.For</c>, which <c>Record</c> does once per metric per event), and <c>MetricAggregator.Apply</c>
/// with precomputed keys (the 3 levels × 4 grains of cell updates) for one count aggregator and for the four
/// aggregators of count/sum/min/max. The baseline is the whole <c>Record(span)</c> path with four metrics.
/// </summary>
public class EngineHotPathParts
{
    private const int Events = Workload.DefaultEvents;

    private RecordRig _rig = null!;
    private SalesCalendar _calendar = null!;
    private Instant[] _instants = null!;
    private PeriodKeys[] _keys = null!;
    private LevelIds[] _ids = null!;
    private double[] _values = null!;
    private MetricAggregator _stream = null!;

    [GlobalSetup]
    public void Setup()
    {
        var workload = Workload.Create(Events, teams: 10, repsPerTeam: 100, Spread.OpenPeriod);
        _rig = new RecordRig(workload, Shape.TwoByFour, MetricSet.Stats);
        _rig.Engine.RecordAll();
        _calendar = _rig.Engine.Engine.Calendar;
        _instants = [.. workload.Events.Select(static e => Instant.FromUnixTimeSeconds(e.Seconds))];
        _values = [.. workload.Events.Select(static e => e.Value)];
        _keys = [.. _instants.Select(i => PeriodKeys.For(_calendar.GetDay(i), i))];

        var definition = EngineRig.Definition(Shape.TwoByFour, MetricSet.Stats, workload.Reps);
        var grains = definition.Ingestion.Grains.Order().ToArray();
        _stream = new MetricAggregator(1, MetricStream.Of(definition.Metrics[0]), grains, definition.Ingestion.MaxSeriesPerMetric);
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        _ids = new LevelIds[workload.Events.Length];
        for (var i = 0; i < _ids.Length; i++)
        {
            var e = workload.Events[i];
            dimensions["team"] = Workload.TeamName(e.Team);
            dimensions["rep"] = Workload.RepName(e.Rep);
            _ids[i] = _stream.Resolve(dimensions);
        }

        Apply_Stream();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Engine Record(span), count/sum/min/max (whole path)")]
    public int Engine_Record() => _rig.Engine.RecordAll();

    [Benchmark(OperationsPerInvoke = Events, Description = "Period keys of an instant (GetDay + PeriodKeys.For), once")]
    public long PeriodKeysOfInstant()
    {
        long sum = 0;
        foreach (var instant in _instants)
        {
            var keys = PeriodKeys.For(_calendar.GetDay(instant), instant);
            sum += keys[(int)Grain.Day];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "MetricAggregator.Apply, one stream (count/sum/min/max), keys given")]
    public int Apply_Stream()
    {
        var stream = _stream;
        for (var i = 0; i < _ids.Length; i++)
        {
            stream.Apply(_ids[i], _keys[i], _values[i]);
        }

        return _ids.Length;
    }
}
