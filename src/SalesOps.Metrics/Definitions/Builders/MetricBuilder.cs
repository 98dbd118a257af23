using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Configures one <see cref="MetricDefinition"/>.</summary>
/// <remarks>
/// Obtained from <see cref="SalesOpsBuilder.AddMetric"/>. Choosing an aggregation (<see cref="Count"/>,
/// <see cref="Ratio"/>, …) replaces any earlier choice. Methods check only for missing arguments; everything else
/// (known metrics in a ratio, at most four group-by dimensions, a usable format) is checked by
/// <see cref="DefinitionValidation"/>, which reports every problem at once.
/// </remarks>
public sealed class MetricBuilder
{
    private readonly List<string> _eventTypes = [];
    private readonly Dictionary<string, List<string>> _filters = new(StringComparer.Ordinal);
    private readonly List<string> _groupBy = [];
    private MetricDefinition _metric;

    internal MetricBuilder(string name)
    {
        _metric = new MetricDefinition { Name = name };
    }

    /// <summary>Counts the events of the given types.</summary>
    /// <param name="eventTypes">The event types, such as <c>appointment.set</c>.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Count(params string[] eventTypes) => Aggregate(AggregationKind.Count, eventTypes);

    /// <summary>Sums the values of the events of the given types.</summary>
    /// <param name="eventTypes">The event types.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Sum(params string[] eventTypes) => Aggregate(AggregationKind.Sum, eventTypes);

    /// <summary>Takes the smallest value of the events of the given types.</summary>
    /// <param name="eventTypes">The event types.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Min(params string[] eventTypes) => Aggregate(AggregationKind.Min, eventTypes);

    /// <summary>Takes the largest value of the events of the given types.</summary>
    /// <param name="eventTypes">The event types.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Max(params string[] eventTypes) => Aggregate(AggregationKind.Max, eventTypes);

    /// <summary>Averages the values of the events of the given types (Σ value ÷ count).</summary>
    /// <param name="eventTypes">The event types.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Average(params string[] eventTypes) => Aggregate(AggregationKind.Average, eventTypes);

    /// <summary>Counts the distinct values of <paramref name="dimension"/> (leads, accounts) among the events of the given types.</summary>
    /// <param name="dimension">The dimension whose distinct values are counted.</param>
    /// <param name="eventTypes">The event types.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder DistinctCount(string dimension, params string[] eventTypes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dimension);
        Aggregate(AggregationKind.DistinctCount, eventTypes);
        _metric = _metric with { DistinctDimension = dimension };
        return this;
    }

    /// <summary>
    /// Divides two other metrics: Σ numerator ÷ Σ denominator over each window, no value when the denominator is 0.
    /// A ratio has no event types, filters or group-by of its own; it uses the group-by dimensions its parts share.
    /// </summary>
    /// <param name="numerator">The numerator metric's name.</param>
    /// <param name="denominator">The denominator metric's name.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Ratio(string numerator, string denominator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(numerator);
        ArgumentException.ThrowIfNullOrWhiteSpace(denominator);
        _eventTypes.Clear();
        _metric = _metric with
        {
            Aggregation = AggregationKind.Ratio,
            DistinctDimension = null,
            Ratio = new RatioDefinition(numerator, denominator),
        };
        return this;
    }

    /// <summary>Matches only events whose <paramref name="dimension"/> is one of <paramref name="values"/>.</summary>
    /// <param name="dimension">The dimension, such as <c>channel</c>.</param>
    /// <param name="values">The accepted values; a second call for the same dimension adds to them.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Where(string dimension, params string[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dimension);
        ThrowIfAnyNullOrWhiteSpace(values);
        if (!_filters.TryGetValue(dimension, out var accepted))
        {
            _filters[dimension] = accepted = [];
        }

        accepted.AddRange(values);
        return this;
    }

    /// <summary>Groups by the given dimensions, outermost first (team, then rep); each prefix is a roll-up level.</summary>
    /// <param name="dimensions">The dimensions, appended to any given before.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder By(params string[] dimensions)
    {
        ThrowIfAnyNullOrWhiteSpace(dimensions);
        _groupBy.AddRange(dimensions);
        return this;
    }

    /// <summary>Marks the metric as effort: activity that drives results, such as calls made.</summary>
    /// <returns>This builder.</returns>
    public MetricBuilder Effort()
    {
        _metric = _metric with { Kind = MetricKind.Effort };
        return this;
    }

    /// <summary>Marks the metric as a result: an outcome, such as qualified opportunities or revenue.</summary>
    /// <returns>This builder.</returns>
    public MetricBuilder Result()
    {
        _metric = _metric with { Kind = MetricKind.Result };
        return this;
    }

    /// <summary>Sets the unit shown beside values, such as <c>appointments</c> or <c>USD</c>; may be empty.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Unit(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        _metric = _metric with { Unit = unit };
        return this;
    }

    /// <summary>Sets the .NET numeric format string used for display, such as <c>N0</c> or <c>P1</c>.</summary>
    /// <param name="format">The format string.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder Format(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        _metric = _metric with { Format = format };
        return this;
    }

    /// <summary>Reviews and publishes the metric every hour.</summary>
    /// <returns>This builder.</returns>
    public MetricBuilder ReviewHourly() => ReviewEvery(Duration.FromHours(1));

    /// <summary>Reviews and publishes the metric every day.</summary>
    /// <returns>This builder.</returns>
    public MetricBuilder ReviewDaily() => ReviewEvery(Duration.FromDays(1));

    /// <summary>Reviews and publishes the metric at the given interval.</summary>
    /// <param name="interval">The review interval; must be positive.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder ReviewEvery(Duration interval)
    {
        _metric = _metric with { Review = interval };
        return this;
    }

    internal MetricDefinition Build() => _metric with
    {
        EventTypes = Frozen.List(_eventTypes),
        Filters = Frozen.Dictionary(_filters.Select(f => KeyValuePair.Create(f.Key, Frozen.List(f.Value)))),
        GroupBy = Frozen.List(_groupBy),
    };

    private static void ThrowIfAnyNullOrWhiteSpace(string[] values, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(values))] string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(values, parameterName);
        foreach (var value in values)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        }
    }

    private MetricBuilder Aggregate(AggregationKind aggregation, string[] eventTypes)
    {
        ThrowIfAnyNullOrWhiteSpace(eventTypes);
        _eventTypes.Clear();
        _eventTypes.AddRange(eventTypes);
        _metric = _metric with { Aggregation = aggregation, DistinctDimension = null, Ratio = null };
        return this;
    }
}
