using NodaTime;
using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Calendar;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Engine;
using SalesOps.Metrics.Targets;

namespace SalesOps.Metrics;

/// <summary>
/// The in-memory heart of SalesOps.Metrics: it applies activity events to incremental aggregates,
/// answers queries over calendar windows, evaluates targets and produces scoreboards.
/// </summary>
/// <remarks>
/// <para>All public members are thread-safe: ingestion, queries and publication are serialised by one
/// lock, so readers always see a state in which every event was applied to every grain.</para>
/// <para>Time comes only from the injected <see cref="IClock"/>.</para>
/// <para>Invalid input never throws into the caller's ingestion loop: bad events are rejected, counted
/// by reason and reported. Programming errors (an unknown metric name in a query) throw
/// <see cref="ArgumentException"/>.</para>
/// </remarks>
public sealed partial class SalesOpsEngine
{
    private readonly Lock _gate = new();
    private readonly IClock _clock;
    private readonly IMetricStore? _store;
    private readonly Grain[] _grains;
    private MetricAggregator[] _aggregators = [];
    private Dictionary<string, MetricRuntime> _metrics = new(StringComparer.Ordinal);
    private List<MetricRuntime> _metricOrder = [];
    private Dictionary<string, MetricAggregator[]> _byEventType = new(StringComparer.Ordinal);

    // The last event type looked up and its streams: sources mostly yield runs of one type, and comparing two short
    // strings is cheaper than hashing one.
    private string? _lastType;
    private MetricAggregator[]? _lastCandidates;

    // The keys of the hour the last event fell in, which the next events of a batch mostly share.
    private readonly PeriodKeyCache _periodKeys;
    private Dictionary<string, TargetRuntime> _targets = new(StringComparer.Ordinal);
    private List<TargetRuntime> _targetOrder = [];

    /// <summary>Builds an in-memory engine from a definition, validating it first. Nothing survives the process.</summary>
    /// <param name="definition">The calendar, metrics, targets and options.</param>
    /// <param name="clock">The only source of "now".</param>
    /// <exception cref="DefinitionValidationException">The definition is invalid; the exception lists every problem with its path.</exception>
    public SalesOpsEngine(SalesOpsDefinition definition, IClock clock)
        : this(definition, clock, store: null)
    {
    }

    /// <summary>Builds an engine over a store, validating the definition and resuming from what the store holds.</summary>
    /// <param name="definition">The calendar, metrics, targets and options.</param>
    /// <param name="clock">The only source of "now".</param>
    /// <param name="store">
    /// Where every committed batch is written, and what the engine resumes from; <see langword="null"/> keeps
    /// everything in memory. The engine opens the store but does not dispose it: the caller owns it.
    /// </param>
    /// <exception cref="DefinitionValidationException">The definition is invalid; the exception lists every problem with its path.</exception>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public SalesOpsEngine(SalesOpsDefinition definition, IClock clock, IMetricStore? store)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(clock);
        DefinitionValidation.ThrowIfInvalid(definition);

        Definition = definition;
        _clock = clock;
        _store = store;
        Calendar = new SalesCalendar(definition.Calendar);
        _periodKeys = new PeriodKeyCache(Calendar);
        _grains = [.. definition.Ingestion.Grains.Distinct().Order()];
        BuildState();
        if (store is not null)
        {
            Restore(store.Open());
        }
    }

    // Builds empty aggregates and the runtimes over them; also used to roll back to the store's state.
    private void BuildState()
    {
        var definition = Definition;
        // Metrics over the same events (types, filters, group-by) share one aggregator: one update serves them all.
        var aggregators = new List<MetricAggregator>();
        var streams = new Dictionary<MetricStream, MetricAggregator>();
        var metrics = new Dictionary<string, MetricRuntime>(StringComparer.Ordinal);
        foreach (var metric in definition.Metrics.Where(m => m.Aggregation != AggregationKind.Ratio))
        {
            var stream = MetricStream.Of(metric);
            if (!streams.TryGetValue(stream, out var aggregator))
            {
                aggregator = new MetricAggregator(aggregators.Count + 1, stream, _grains, definition.Ingestion.MaxSeriesPerMetric);
                aggregators.Add(aggregator);
                streams.Add(stream, aggregator);
            }

            metrics.Add(metric.Name, new MetricRuntime(metric, aggregator));
        }

        foreach (var metric in definition.Metrics.Where(m => m.Aggregation == AggregationKind.Ratio))
        {
            metrics.Add(metric.Name, new MetricRuntime(metric, metrics[metric.Ratio!.Numerator], metrics[metric.Ratio.Denominator]));
        }

        var byEventType = new Dictionary<string, MetricAggregator[]>(StringComparer.Ordinal);
        foreach (var group in aggregators
            .SelectMany(a => a.Stream.EventTypes.Select(type => (type, a)))
            .GroupBy(x => x.type, StringComparer.Ordinal))
        {
            byEventType.Add(group.Key, [.. group.Select(x => x.a)]);
        }

        var targets = new Dictionary<string, TargetRuntime>(StringComparer.Ordinal);
        var targetOrder = new List<TargetRuntime>();
        foreach (var target in definition.Targets)
        {
            var runtime = new TargetRuntime(target, metrics[target.Metric], Calendar);
            targets.Add(target.Name, runtime);
            targetOrder.Add(runtime);
        }

        _aggregators = [.. aggregators];
        _metrics = metrics;
        _metricOrder = [.. definition.Metrics.Select(m => metrics[m.Name])];
        _byEventType = byEventType;
        _lastType = null;
        _lastCandidates = null;
        _targets = targets;
        _targetOrder = targetOrder;
    }

    /// <summary>The definition the engine was built from.</summary>
    public SalesOpsDefinition Definition { get; }

    /// <summary>The calendar windows are computed in.</summary>
    public SalesCalendar Calendar { get; }

    /// <summary>The current instant, from the injected clock.</summary>
    public Instant Now => _clock.GetCurrentInstant();

    /// <summary>The metric names, in definition order.</summary>
    public IReadOnlyList<string> MetricNames => [.. _metricOrder.Select(m => m.Name)];

    /// <summary>The target names, in definition order.</summary>
    public IReadOnlyList<string> TargetNames => [.. _targetOrder.Select(t => t.Name)];

    /// <summary>Bytes held by aggregate cells across all metrics, for capacity planning.</summary>
    public long AggregateBytes
    {
        get
        {
            lock (_gate)
            {
                return _aggregators.Sum(a => a.CellBytes());
            }
        }
    }

    /// <summary>The number of series a metric holds at the roll-up level of its first <paramref name="dimensions"/> group-by dimensions.</summary>
    /// <param name="metric">The metric's name (not a ratio).</param>
    /// <param name="dimensions">The level: 0 is the total, 1 the first group-by dimension, and so on.</param>
    /// <returns>The number of series, overflow included.</returns>
    public int SeriesCount(string metric, int dimensions)
    {
        var aggregator = MetricOf(metric).Aggregator
            ?? throw new ArgumentException($"Metric '{metric}' is a ratio and holds no series of its own.", nameof(metric));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimensions, aggregator.LevelCount);
        lock (_gate)
        {
            return aggregator.SeriesCount(dimensions);
        }
    }

    private MetricRuntime MetricOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _metrics.TryGetValue(name, out var metric)
            ? metric
            : throw new ArgumentException($"Unknown metric '{name}'.", nameof(name));
    }

    private TargetRuntime TargetOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _targets.TryGetValue(name, out var target)
            ? target
            : throw new ArgumentException($"Unknown target '{name}'.", nameof(name));
    }
}
