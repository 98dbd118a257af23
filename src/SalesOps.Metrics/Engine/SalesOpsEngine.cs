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
    private readonly MetricAggregator[] _aggregators;
    private readonly Dictionary<string, MetricRuntime> _metrics = new(StringComparer.Ordinal);
    private readonly List<MetricRuntime> _metricOrder = [];
    private readonly Dictionary<string, MetricAggregator[]> _byEventType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetRuntime> _targets = new(StringComparer.Ordinal);
    private readonly List<TargetRuntime> _targetOrder = [];
    private readonly Grain[] _grains;
    private readonly Grain _finestGrain;

    /// <summary>Builds an engine from a definition, validating it first.</summary>
    /// <param name="definition">The calendar, metrics, targets and options.</param>
    /// <param name="clock">The only source of "now".</param>
    /// <exception cref="DefinitionValidationException">The definition is invalid; the exception lists every problem with its path.</exception>
    public SalesOpsEngine(SalesOpsDefinition definition, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(clock);
        DefinitionValidation.ThrowIfInvalid(definition);

        Definition = definition;
        _clock = clock;
        Calendar = new SalesCalendar(definition.Calendar);
        _grains = [.. definition.Ingestion.Grains.Distinct().Order()];
        _finestGrain = _grains[0];

        var aggregators = new List<MetricAggregator>();
        foreach (var metric in definition.Metrics.Where(m => m.Aggregation != AggregationKind.Ratio))
        {
            var aggregator = new MetricAggregator(aggregators.Count + 1, metric, _grains, definition.Ingestion.MaxSeriesPerMetric);
            aggregators.Add(aggregator);
            _metrics.Add(metric.Name, new MetricRuntime(metric, aggregator));
        }

        _aggregators = [.. aggregators];
        foreach (var metric in definition.Metrics.Where(m => m.Aggregation == AggregationKind.Ratio))
        {
            _metrics.Add(metric.Name, new MetricRuntime(metric, _metrics[metric.Ratio!.Numerator], _metrics[metric.Ratio.Denominator]));
        }

        _metricOrder.AddRange(definition.Metrics.Select(m => _metrics[m.Name]));
        foreach (var group in _aggregators
            .SelectMany(a => a.Definition.EventTypes.Distinct(StringComparer.Ordinal).Select(type => (type, a)))
            .GroupBy(x => x.type, StringComparer.Ordinal))
        {
            _byEventType.Add(group.Key, [.. group.Select(x => x.a)]);
        }

        foreach (var target in definition.Targets)
        {
            var runtime = new TargetRuntime(target, _metrics[target.Metric], Calendar);
            _targets.Add(target.Name, runtime);
            _targetOrder.Add(runtime);
        }
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
