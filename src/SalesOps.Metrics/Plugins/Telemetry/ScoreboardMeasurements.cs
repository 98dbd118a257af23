using System.Diagnostics.Metrics;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// The latest measurements of a scoreboard's metrics and targets, replaced metric by metric and target by target, so a
/// publication that reviews only some metrics (the hourly ones) leaves the others as they were.
/// </summary>
internal sealed class ScoreboardMeasurements
{
    // Tags that name what a measurement is; a dimension with one of these names is tagged "dimension.<name>" instead.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "metric", "target", "grain", "member" };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Measurement<double>[]> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetRow[]> _targets = new(StringComparer.Ordinal);

    public void Update(Scoreboard scoreboard)
    {
        var values = scoreboard.Metrics
            .GroupBy(m => m.Metric, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(MetricValues).ToArray(), StringComparer.Ordinal);
        var targets = scoreboard.Targets
            .GroupBy(t => t.Target, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(TargetRow.Of).ToArray(), StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (metric, measurements) in values)
            {
                _values[metric] = measurements;
            }

            foreach (var (target, rows) in targets)
            {
                _targets[target] = rows;
            }
        }
    }

    public IEnumerable<Measurement<double>> Values()
    {
        lock (_gate)
        {
            return [.. _values.Values.SelectMany(m => m)];
        }
    }

    public IEnumerable<Measurement<double>> Targets(Func<TargetEvaluation, double?> value)
    {
        lock (_gate)
        {
            return [.. _targets.Values.SelectMany(rows => rows)
                .Select(row => (row.Tags, Value: value(row.Evaluation)))
                .Where(row => row.Value is not null)
                .Select(row => new Measurement<double>(row.Value!.Value, row.Tags))];
        }
    }

    private static IEnumerable<Measurement<double>> MetricValues(MetricSnapshot snapshot)
    {
        foreach (var series in snapshot.Breakdown.Prepend(snapshot.Total))
        {
            if (series.Value is { } value)
            {
                var tags = new List<KeyValuePair<string, object?>>(2 + series.Dimensions.Count)
                {
                    new("metric", snapshot.Metric),
                    new("grain", snapshot.Period.Grain.ToString()),
                };
                AddDimensions(tags, series.Dimensions);
                yield return new Measurement<double>(value, tags);
            }
        }
    }

    private static void AddDimensions(List<KeyValuePair<string, object?>> tags, IReadOnlyDictionary<string, string> dimensions)
    {
        foreach (var (dimension, value) in dimensions)
        {
            tags.Add(new(Reserved.Contains(dimension) ? "dimension." + dimension : dimension, value));
        }
    }

    private sealed record TargetRow(TargetEvaluation Evaluation, KeyValuePair<string, object?>[] Tags)
    {
        public static TargetRow Of(TargetEvaluation evaluation)
        {
            var tags = new List<KeyValuePair<string, object?>>(4 + evaluation.Scope.Count)
            {
                new("target", evaluation.Target),
                new("metric", evaluation.Metric),
                new("grain", evaluation.Period.Grain.ToString()),
            };
            if (evaluation.Member is { } member)
            {
                tags.Add(new("member", member));
            }

            AddDimensions(tags, evaluation.Scope);
            return new TargetRow(evaluation, [.. tags]);
        }
    }
}
