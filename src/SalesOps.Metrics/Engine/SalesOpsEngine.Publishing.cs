using NodaTime;
using SalesOps.Metrics.Engine;
using SalesOps.Metrics.Targets;

namespace SalesOps.Metrics;

public sealed partial class SalesOpsEngine
{
    /// <summary>The instant of the last publication; events before it are late.</summary>
    public Instant? PublishedThrough
    {
        get
        {
            lock (_gate)
            {
                return _publishedThrough;
            }
        }
    }

    /// <summary>
    /// The scoreboard at the clock's current instant, without publishing it: late-event accounting
    /// and corrections are unaffected.
    /// </summary>
    /// <param name="metrics">The metrics to include (with the targets on them); all when <see langword="null"/>.</param>
    /// <returns>The scoreboard.</returns>
    public Scoreboard Snapshot(IReadOnlyCollection<string>? metrics = null)
    {
        lock (_gate)
        {
            return BuildScoreboard(Now, Select(metrics));
        }
    }

    /// <summary>
    /// Publishes: returns the corrections for windows that late events changed since the last
    /// publication (oldest first), then the scoreboard at the clock's current instant. From now on,
    /// events before this instant are late.
    /// </summary>
    /// <param name="metrics">The metrics due for review (with the targets on them); all when <see langword="null"/>.</param>
    /// <returns>The corrections, then the regular scoreboard.</returns>
    public IReadOnlyList<Scoreboard> Publish(IReadOnlyCollection<string>? metrics = null)
    {
        lock (_gate)
        {
            var now = Now;
            var selected = Select(metrics);
            var result = new List<Scoreboard>();
            if (_dirty.Count > 0 && BuildCorrection(now) is { } correction)
            {
                result.Add(correction);
            }

            result.Add(BuildScoreboard(now, selected));
            if (_store is not null)
            {
                // The history is what the screen showed; keeping it also tells a restarted engine what is late.
                Commit(new StoreCommit
                {
                    Source = PushSource,
                    EventIds = [],
                    Scoreboards = [.. result.Select(b => new StoredScoreboard(b.At, b.Kind, ScoreboardJson.Serialize(b)))],
                });
                if (Definition.Ingestion.EventRetention is { } retention && retention < Duration.MaxValue)
                {
                    _store.PurgeEvents(now - retention);
                }
            }

            // Only a publication that reached the store settles the corrections; a failed one keeps them for the next.
            _dirty.Clear();
            if (_publishedThrough is null || now > _publishedThrough)
            {
                _publishedThrough = now;
            }

            return result;
        }
    }

    private List<MetricRuntime> Select(IReadOnlyCollection<string>? metrics)
    {
        if (metrics is null)
        {
            return _metricOrder;
        }

        var names = new HashSet<string>(metrics, StringComparer.Ordinal);
        foreach (var name in names)
        {
            MetricOf(name);
        }

        return [.. _metricOrder.Where(m => names.Contains(m.Name))];
    }

    private Scoreboard BuildScoreboard(Instant now, IReadOnlyList<MetricRuntime> metrics)
    {
        var snapshots = new List<MetricSnapshot>();
        foreach (var metric in metrics)
        {
            foreach (var grain in Definition.Scoreboard.Grains)
            {
                snapshots.Add(Snapshot(metric, Resolver.Period(Calendar.PeriodOf(now, grain))));
            }
        }

        var evaluations = new List<TargetEvaluation>();
        foreach (var target in _targetOrder.Where(t => metrics.Contains(t.Metric)))
        {
            evaluations.AddRange(EvaluateAllLocked(target, Context(target, Calendar.PeriodOf(now, target.Definition.Grain), now)));
        }

        return NewScoreboard(ScoreboardKind.Regular, now, snapshots, evaluations);
    }

    private Scoreboard? BuildCorrection(Instant now)
    {
        var snapshots = new List<MetricSnapshot>();
        var evaluations = new List<TargetEvaluation>();
        var periods = _dirty
            .Select(d => (d.Metric, d.Grain, Period: Calendar.PeriodOfKey(d.Grain, d.Key)))
            .Where(d => !d.Period.Contains(now))
            .OrderBy(d => d.Period.Start)
            .ThenBy(d => d.Grain)
            .ToList();
        foreach (var metric in _metricOrder)
        {
            foreach (var (_, grain, period) in periods.Where(d => metric.DependsOn(d.Metric) && Definition.Scoreboard.Grains.Contains(d.Grain)).Distinct())
            {
                snapshots.Add(Snapshot(metric, Resolver.Period(period)));
            }
        }

        foreach (var target in _targetOrder)
        {
            var targetPeriods = periods
                .Where(d => d.Grain == target.Definition.Grain && target.Metric.DependsOn(d.Metric))
                .Select(d => d.Period)
                .Distinct();
            foreach (var period in targetPeriods)
            {
                var at = now < period.End ? now : period.End;
                evaluations.AddRange(EvaluateAllLocked(target, Context(target, period, at)));
            }
        }

        if (snapshots.Count == 0 && evaluations.Count == 0)
        {
            return null;
        }

        return NewScoreboard(ScoreboardKind.Correction, now, snapshots, evaluations);
    }

    private Scoreboard NewScoreboard(ScoreboardKind kind, Instant now, List<MetricSnapshot> snapshots, List<TargetEvaluation> evaluations) => new()
    {
        At = now,
        Kind = kind,
        Zone = Calendar.Zone.Id,
        Metrics = snapshots,
        Targets = evaluations,
        Ingestion = _total.ToReport(),
    };

    private MetricSnapshot Snapshot(MetricRuntime metric, ResolvedWindow window)
    {
        var total = new SeriesValue(new Dictionary<string, string>(StringComparer.Ordinal), ValueOver(metric, window.Buckets, [], out var count), count);
        var dimensions = metric.Dimensions;
        var breakdown = dimensions.Count == 0 ? [] : BreakdownOver(metric, window.Buckets, dimensions[0], []);
        return new MetricSnapshot(metric.Name, metric.Definition.Unit, metric.Definition.Format, window.Period, total, breakdown);
    }
}
