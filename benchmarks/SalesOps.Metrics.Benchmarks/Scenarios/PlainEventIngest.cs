using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using NodaTime;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using SalesOps.Metrics.Benchmarks.References;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (b) Plain events as a source yields them (string id, type and dimensions), 1,000 reps in 10 teams, every event in
/// the open hour. The engine runs the full plain path (validation, de-duplication of ids, type match, dimension
/// interning, series look-up, then team and rep × day, week, month and quarter) against one counter increment with
/// two tags in each telemetry library. Every row reads the two tags from the event's dimensions.
/// </summary>
/// <remarks>
/// <para>Every row runs one pass of 65,536 events per iteration (<c>InvocationCount(1)</c>), because the engine rows need
/// fresh state per pass and rows compared by ratio must share one job.</para>
/// <para>De-duplication is real cost. By default the engine remembers every id per source for ever, so each engine
/// iteration starts from a fresh engine that already ingested the same events under another source (all series and
/// periods exist), and the measured pass adds 65,536 new ids to an empty per-source set, including its growth.</para>
/// <para>With a de-duplication window of an hour the record is bounded, which is the steady state of a long-running
/// host: the windowed engine has also ingested, under the measured source, 65,536 other events in each of the two
/// hours before, so the measured pass looks every id up in the previous hour's full set, forgets the older hour at
/// once and reuses its storage.</para>
/// </remarks>
[InvocationCount(1)]
public class PlainEventIngest : IDisposable
{
    private const int Events = Workload.DefaultEvents;
    private const string BenchSource = "bench";

    private Workload _workload = null!;
    private ActivityEvent[] _events = null!;
    private int[] _repOf = null!;
    private PeriodTable _periods = null!;
    private SalesOpsEngine _countEngine = null!;
    private SalesOpsEngine _statsEngine = null!;
    private SalesOpsEngine _windowedEngine = null!;
    private ActivityEvent[][] _earlier = null!;
    private Meter _aloneMeter = null!;
    private Counter<long> _aloneCounter = null!;
    private Meter _listenedMeter = null!;
    private Counter<long> _listenedCounter = null!;
    private ListenerAggregate _listener = null!;
    private Meter _otelMeter = null!;
    private Counter<long> _otelCounter = null!;
    private MeterProvider _otelProvider = null!;
    private Prometheus.Counter _promBound = null!;
    private Prometheus.Counter.Child[] _promChildren = null!;
    private Prometheus.Counter _promLabels = null!;
    private Dictionary<string, StatCell> _naive = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = Workload.Create(Events, teams: 10, repsPerTeam: 100, Spread.OpenPeriod);
        _events = PlainEvents.From(_workload, "evt-");
        _earlier = [Earlier(hours: 2), Earlier(hours: 1)];
        _repOf = [.. _workload.Events.Select(static e => e.Rep)];
        _periods = new PeriodTable(_workload.Start, _workload.End);
        _naive = new Dictionary<string, StatCell>(StringComparer.Ordinal);

        _aloneMeter = new Meter("SalesOps.Benchmarks.Alone");
        _aloneCounter = _aloneMeter.CreateCounter<long>("deals");
        _listenedMeter = new Meter("SalesOps.Benchmarks.Listened");
        _listenedCounter = _listenedMeter.CreateCounter<long>("deals");
        _listener = new ListenerAggregate(_listenedMeter);

        // Cumulative temporality is the SDK's default; 1,000 series stay under its default cardinality limit (2,000).
        _otelMeter = new Meter("SalesOps.Benchmarks.OpenTelemetry");
        _otelCounter = _otelMeter.CreateCounter<long>("deals");
        _otelProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(_otelMeter.Name)
            .AddReader(new BaseExportingMetricReader(new NullMetricExporter()))
            .Build();

        var prometheus = Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry());
        _promBound = prometheus.CreateCounter("deals_bound", "Deals won, children bound once.", "team", "rep");
        _promLabels = prometheus.CreateCounter("deals_labels", "Deals won, labels given per event.", "team", "rep");
        _promChildren = new Prometheus.Counter.Child[_workload.Reps];
        for (var rep = 0; rep < _promChildren.Length; rep++)
        {
            _promChildren[rep] = _promBound.WithLabels(Workload.TeamName(rep / _workload.RepsPerTeam), Workload.RepName(rep));
        }

        _countEngine = WarmEngine(MetricSet.Count);
        _statsEngine = WarmEngine(MetricSet.Stats);
        _windowedEngine = WindowedEngine();
        Ingest(_countEngine);
        Ingest(_statsEngine);
        Ingest(_windowedEngine);
    }

    [IterationSetup(Target = nameof(Engine_Ingest_Count))]
    public void FreshCountEngine()
    {
        _countEngine = WarmEngine(MetricSet.Count);
        Settle();
    }

    [IterationSetup(Target = nameof(Engine_Ingest_Stats))]
    public void FreshStatsEngine()
    {
        _statsEngine = WarmEngine(MetricSet.Stats);
        Settle();
    }

    [IterationSetup(Target = nameof(Engine_Ingest_Stats_Windowed))]
    public void FreshWindowedEngine()
    {
        _windowedEngine = WindowedEngine();
        Settle();
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "OpenTelemetry SDK Counter.Add, 2 tags")]
    public void OpenTelemetry_CounterAdd()
    {
        foreach (var e in _events)
        {
            _otelCounter.Add(1, new("team", e.Dimensions["team"]), new("rep", e.Dimensions["rep"]));
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Engine Ingest, 1 count metric")]
    public long Engine_Ingest_Count() => Ingest(_countEngine);

    [Benchmark(OperationsPerInvoke = Events, Description = "Engine Ingest, 4 metrics (count/sum/min/max)")]
    public long Engine_Ingest_Stats() => Ingest(_statsEngine);

    [Benchmark(OperationsPerInvoke = Events, Description = "Engine Ingest, count/sum/min/max, 1 h de-dup window")]
    public long Engine_Ingest_Stats_Windowed() => Ingest(_windowedEngine);

    [Benchmark(OperationsPerInvoke = Events, Description = "S.D.Metrics Counter.Add, no listener")]
    public void Diagnostics_CounterAdd_NoListener()
    {
        foreach (var e in _events)
        {
            _aloneCounter.Add(1, new("team", e.Dimensions["team"]), new("rep", e.Dimensions["rep"]));
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "S.D.Metrics Counter.Add, aggregating MeterListener")]
    public int Diagnostics_CounterAdd_MeterListener()
    {
        foreach (var e in _events)
        {
            _listenedCounter.Add(1, new("team", e.Dimensions["team"]), new("rep", e.Dimensions["rep"]));
        }

        return _listener.Count;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "prometheus-net Inc, pre-bound child")]
    public void Prometheus_PreBound()
    {
        var children = _promChildren;
        foreach (var rep in _repOf)
        {
            children[rep].Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "prometheus-net WithLabels(team, rep).Inc")]
    public void Prometheus_WithLabels()
    {
        foreach (var e in _events)
        {
            _promLabels.WithLabels(e.Dimensions["team"], e.Dimensions["rep"]).Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "LINQ GroupBy (team, rep), one window")]
    public int Linq_GroupBy() => _events
        .Where(static e => e.Type == EngineRig.EventType)
        .GroupBy(static e => (Team: e.Dimensions["team"], Rep: e.Dimensions["rep"]))
        .Select(static g => (g.Key, Count: g.Count(), Sum: g.Sum(static e => e.Value ?? 0), Min: g.Min(static e => e.Value ?? 0), Max: g.Max(static e => e.Value ?? 0)))
        .ToList()
        .Count;

    [Benchmark(OperationsPerInvoke = Events, Description = "Naive string-keyed Dictionary, 3 levels x 4 grains")]
    public int NaiveStringDictionary()
    {
        Grain[] grains = [Grain.Day, Grain.Week, Grain.Month, Grain.Quarter];
        foreach (var e in _events)
        {
            if (e.Type != EngineRig.EventType)
            {
                continue;
            }

            var team = e.Dimensions["team"];
            var rep = e.Dimensions["rep"];
            var value = e.Value ?? 0;
            var seconds = e.OccurredAt.ToUnixTimeSeconds();
            foreach (var grain in grains)
            {
                var period = _periods.KeyOf(seconds, grain);
                AddNaive(string.Create(CultureInfo.InvariantCulture, $"{e.Type}|{grain}:{period}"), value);
                AddNaive(string.Create(CultureInfo.InvariantCulture, $"{e.Type}|{team}|{grain}:{period}"), value);
                AddNaive(string.Create(CultureInfo.InvariantCulture, $"{e.Type}|{team}|{rep}|{grain}:{period}"), value);
            }
        }

        return _naive.Count;
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _listener?.Dispose();
            _otelProvider?.Dispose();
            _aloneMeter?.Dispose();
            _listenedMeter?.Dispose();
            _otelMeter?.Dispose();
        }
    }

    // Every measured pass starts from the same heap, with the garbage of the previous engine collected.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private void AddNaive(string key, double value)
    {
        ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_naive, key, out var exists);
        if (!exists)
        {
            cell = StatCell.Empty;
        }

        cell.Add(value);
    }

    private long Ingest(SalesOpsEngine engine)
    {
        var report = engine.Ingest(_events, BenchSource);
        if (report.Applied != Events)
        {
            throw new InvalidOperationException($"The engine applied {report.Applied} of {Events} events ({report.Duplicates} duplicates).");
        }

        return report.Applied;
    }

    // A new engine that already holds every series and period of the workload, fed under another source name.
    private SalesOpsEngine WarmEngine(MetricSet metrics, Duration? deduplicationWindow = null)
    {
        var definition = EngineRig.Definition(Shape.TwoByFour, metrics, _workload.Reps);
        definition = definition with { Ingestion = definition.Ingestion with { DeduplicationWindow = deduplicationWindow } };
        var engine = new SalesOpsEngine(definition, new FixedClock(_workload.End));
        engine.Ingest(_events, "warm-up");
        return engine;
    }

    // A warm engine whose record for the measured source holds a full window of ids, all older than the workload's.
    private SalesOpsEngine WindowedEngine()
    {
        var engine = WarmEngine(MetricSet.Stats, Duration.FromHours(1));
        foreach (var earlier in _earlier)
        {
            if (engine.Ingest(earlier, BenchSource).Applied != Events)
            {
                throw new InvalidOperationException("The windowed engine did not apply the earlier events.");
            }
        }

        return engine;
    }

    // The workload moved the given number of hours back, under other ids.
    private ActivityEvent[] Earlier(int hours) =>
        [.. PlainEvents.From(_workload, $"earlier-{hours}-").Select(e => e with { OccurredAt = e.OccurredAt - Duration.FromHours(hours) })];
}
