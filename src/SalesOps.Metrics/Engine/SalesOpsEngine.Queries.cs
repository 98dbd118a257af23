using NodaTime;
using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Engine;

namespace SalesOps.Metrics;

public sealed partial class SalesOpsEngine
{
    private WindowResolver? _resolver;

    private WindowResolver Resolver => _resolver ??= new WindowResolver(Calendar, _grains);

    /// <summary>A metric's value over a window at the clock's current instant.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="window">The window.</param>
    /// <param name="filter">Dimension values to keep, such as <c>("team", "BDR")</c>; each must be a group-by dimension of the metric.</param>
    /// <returns>The value; <see langword="null"/> where there is none (min/max/average of nothing, a ratio with a zero denominator).</returns>
    public double? Query(string metric, Window window, params (string Dimension, string Value)[] filter) =>
        QueryValue(metric, window, Now, filter).Value;

    /// <summary>A metric's value and event count over a window evaluated at <paramref name="at"/>.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="window">The window.</param>
    /// <param name="at">The instant the window is evaluated at.</param>
    /// <param name="filter">Dimension values to keep.</param>
    /// <returns>The value with the filter as its dimensions.</returns>
    public SeriesValue QueryValue(string metric, Window window, Instant at, params (string Dimension, string Value)[] filter)
    {
        var runtime = MetricOf(metric);
        var terms = Terms(filter);
        lock (_gate)
        {
            var resolved = Resolver.Resolve(window, at);
            return new SeriesValue(ToDictionary(terms), ValueOver(runtime, resolved.Buckets, terms, out var count), count);
        }
    }

    /// <summary>A metric broken down by one dimension over a window: leaderboard rows, best first.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="window">The window.</param>
    /// <param name="dimension">The group-by dimension to break down by.</param>
    /// <param name="filter">Dimension values to keep.</param>
    /// <returns>One row per value of <paramref name="dimension"/> that had events, ordered by value (highest first, no value last), then by name.</returns>
    public IReadOnlyList<SeriesValue> Breakdown(string metric, Window window, string dimension, params (string Dimension, string Value)[] filter)
    {
        var runtime = MetricOf(metric);
        var terms = Terms(filter);
        lock (_gate)
        {
            var resolved = Resolver.Resolve(window, Now);
            return BreakdownOver(runtime, resolved.Buckets, dimension, terms);
        }
    }

    /// <summary>A metric over consecutive periods (daily values across a month, for charts).</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="grain">The grain of each point.</param>
    /// <param name="from">An instant in the first period.</param>
    /// <param name="count">The number of periods.</param>
    /// <param name="filter">Dimension values to keep.</param>
    /// <returns>One point per period, in order.</returns>
    public IReadOnlyList<(PeriodInfo Period, double? Value)> Series(string metric, Grain grain, Instant from, int count, params (string Dimension, string Value)[] filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var runtime = MetricOf(metric);
        var terms = Terms(filter);
        lock (_gate)
        {
            var points = new List<(PeriodInfo, double?)>(count);
            var period = Calendar.PeriodOf(from, grain);
            for (var i = 0; i < count; i++)
            {
                var resolved = Resolver.Period(period);
                points.Add((period, ValueOver(runtime, resolved.Buckets, terms, out _)));
                period = Calendar.Next(period);
            }

            return points;
        }
    }

    private static List<KeyValuePair<string, string>> Terms((string Dimension, string Value)[] filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = new List<KeyValuePair<string, string>>(filter.Length);
        foreach (var (dimension, value) in filter)
        {
            ArgumentNullException.ThrowIfNull(dimension, nameof(filter));
            ArgumentNullException.ThrowIfNull(value, nameof(filter));
            terms.Add(new(dimension, value));
        }

        return terms;
    }

    private static Dictionary<string, string> ToDictionary(IReadOnlyList<KeyValuePair<string, string>> terms)
    {
        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (dimension, value) in terms)
        {
            dictionary[dimension] = value;
        }

        return dictionary;
    }

    private static double? ValueOver(MetricRuntime runtime, IReadOnlyList<(Grain Grain, long Key)> buckets, IReadOnlyList<KeyValuePair<string, string>> terms, out long count)
    {
        if (runtime.IsRatio)
        {
            var numerator = ValueOver(runtime.Numerator!, buckets, terms, out count);
            var denominator = ValueOver(runtime.Denominator!, buckets, terms, out _);
            return Ratio(numerator, denominator);
        }

        var aggregator = runtime.Aggregator!;
        var filter = aggregator.ResolveFilter(terms);
        var accumulator = new CellAccumulator();
        foreach (var (grain, key) in buckets)
        {
            aggregator.Accumulate(grain, key, filter, ref accumulator);
        }

        count = accumulator.Count;
        return accumulator.ValueOf(runtime.Definition.Aggregation);
    }

    private static double? Ratio(double? numerator, double? denominator) =>
        denominator is null or 0 || numerator is null ? null : numerator / denominator;

    private static List<SeriesValue> BreakdownOver(MetricRuntime runtime, IReadOnlyList<(Grain Grain, long Key)> buckets, string dimension, IReadOnlyList<KeyValuePair<string, string>> terms)
    {
        var rows = BreakdownValues(runtime, buckets, dimension, terms)
            .Select(pair =>
            {
                var dimensions = ToDictionary(terms);
                dimensions[dimension] = pair.Key;
                return new SeriesValue(dimensions, pair.Value.Value, pair.Value.Count);
            })
            .ToList();
        rows.Sort((a, b) =>
        {
            var byValue = (b.Value ?? double.NegativeInfinity).CompareTo(a.Value ?? double.NegativeInfinity);
            return byValue != 0 ? byValue : string.CompareOrdinal(a.Dimensions[dimension], b.Dimensions[dimension]);
        });
        return rows;
    }

    private static Dictionary<string, (double? Value, long Count)> BreakdownValues(MetricRuntime runtime, IReadOnlyList<(Grain Grain, long Key)> buckets, string dimension, IReadOnlyList<KeyValuePair<string, string>> terms)
    {
        if (runtime.IsRatio)
        {
            var numerator = BreakdownValues(runtime.Numerator!, buckets, dimension, terms);
            var denominator = BreakdownValues(runtime.Denominator!, buckets, dimension, terms);
            var result = new Dictionary<string, (double?, long)>(StringComparer.Ordinal);
            foreach (var key in numerator.Keys.Union(denominator.Keys, StringComparer.Ordinal))
            {
                var (num, count) = numerator.GetValueOrDefault(key);
                var (den, _) = denominator.GetValueOrDefault(key);
                result[key] = (Ratio(num ?? 0, den), count);
            }

            return result;
        }

        var aggregator = runtime.Aggregator!;
        var position = aggregator.PositionOf(dimension);
        if (position < 0)
        {
            throw new ArgumentException($"Metric '{runtime.Name}' is not grouped by '{dimension}'.", nameof(dimension));
        }

        var filter = aggregator.ResolveFilter(terms);
        var byValue = new Dictionary<int, CellAccumulator>();
        foreach (var (grain, key) in buckets)
        {
            aggregator.AccumulateBy(grain, key, filter, position, byValue);
        }

        var values = new Dictionary<string, (double?, long)>(StringComparer.Ordinal);
        foreach (var (valueId, accumulator) in byValue)
        {
            values[aggregator.ValueName(position, valueId)] = (accumulator.ValueOf(runtime.Definition.Aggregation), accumulator.Count);
        }

        return values;
    }
}
