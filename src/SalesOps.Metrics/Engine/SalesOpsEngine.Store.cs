using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Engine;

namespace SalesOps.Metrics;

public sealed partial class SalesOpsEngine
{
    private readonly HashSet<string> _needsRecompute = new(StringComparer.Ordinal);

    /// <summary>
    /// Metrics whose stored aggregates could not be used at start-up: added since the store was written, or whose
    /// definition (or the calendar) changed. They count only events ingested since; <see cref="Recompute"/> rebuilds
    /// them from the retained events.
    /// </summary>
    public IReadOnlyCollection<string> MetricsNeedingRecompute
    {
        get
        {
            lock (_gate)
            {
                return [.. _needsRecompute.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Rebuilds a metric from the retained raw events: a metric added later is back-filled, a changed definition is
    /// applied to history. The result is committed in one transaction that replaces the metric's stored aggregates
    /// (shared with the other metrics over the same events, which are rebuilt with it).
    /// </summary>
    /// <param name="metric">The metric (not a ratio: recompute its parts).</param>
    /// <returns>The number of retained events applied.</returns>
    /// <exception cref="InvalidOperationException">The engine has no store, or raw events are not retained.</exception>
    public int Recompute(string metric)
    {
        var runtime = MetricOf(metric);
        var store = RetainingStore();
        if (runtime.Aggregator is not { } old)
        {
            throw new ArgumentException($"Metric '{metric}' is a ratio; recompute its numerator and denominator.", nameof(metric));
        }

        lock (_gate)
        {
            var fresh = new MetricAggregator(old.Index, old.Stream, _grains, Definition.Ingestion.MaxSeriesPerMetric);
            var name = old.Name;
            var applied = 0;
            foreach (var stored in store.ReadEvents(Instant.MinValue, Instant.MaxValue, [.. old.Stream.EventTypes]))
            {
                if (fresh.Matches(stored.Event))
                {
                    fresh.Apply(stored.Event, PeriodKeys.For(Calendar.GetDay(stored.Event.OccurredAt), stored.Event.OccurredAt));
                    applied++;
                }
            }

            var series = new List<StoredSeries>();
            for (var level = 0; level < fresh.LevelCount; level++)
            {
                for (var id = 0; id < fresh.SeriesCount(level); id++)
                {
                    series.Add(new StoredSeries(name, level, id, fresh.SeriesValues(level, id)));
                }
            }

            var cells = fresh.AllCells()
                .Select(c => new StoredCell(
                    name,
                    c.Level,
                    c.Series,
                    c.Grain,
                    c.PeriodKey,
                    c.Cell.Count,
                    c.Cell.ValueCount,
                    c.Cell.Sum,
                    c.Cell.Min,
                    c.Cell.Max,
                    c.Cell.Distinct is { } set ? [.. set.Select(fresh.DistinctValueName)] : []))
                .ToList();
            Commit(new StoreCommit
            {
                Source = PushSource,
                EventIds = [],
                ResetMetrics = [name],
                NewSeries = series,
                Cells = cells,
                MetricFingerprints = new Dictionary<string, string>(StringComparer.Ordinal) { [name] = Fingerprint(old) },
            });
            Replace(old, fresh);
            _needsRecompute.ExceptWith(MetricsOn(fresh));
            return applied;
        }
    }

    /// <summary>
    /// The audit drill-down: the retained events that make up a metric's value for a window and a dimension filter,
    /// so anyone can check a number on the wall screen event by event.
    /// </summary>
    /// <param name="metric">The metric (not a ratio).</param>
    /// <param name="window">The window, evaluated at the clock's current instant.</param>
    /// <param name="filter">Dimension values to keep.</param>
    /// <returns>The contributing events in commit order.</returns>
    /// <exception cref="InvalidOperationException">The engine has no store, or raw events are not retained.</exception>
    public IReadOnlyList<StoredEvent> Contributors(string metric, Window window, params (string Dimension, string Value)[] filter)
    {
        var runtime = MetricOf(metric);
        var store = RetainingStore();
        var aggregator = runtime.Aggregator
            ?? throw new ArgumentException($"Metric '{metric}' is a ratio; drill into its numerator and denominator.", nameof(metric));
        var terms = Terms(filter);
        foreach (var (dimension, _) in terms)
        {
            if (aggregator.PositionOf(dimension) < 0)
            {
                throw new ArgumentException($"Metric '{metric}' is not grouped by '{dimension}'.", nameof(filter));
            }
        }

        lock (_gate)
        {
            var resolved = Resolver.Resolve(window, Now);
            var needsValue = runtime.Definition.Aggregation is not (Definitions.AggregationKind.Count or Definitions.AggregationKind.DistinctCount);
            return [.. store.ReadEvents(resolved.Period.Start, resolved.Period.End, [.. aggregator.Stream.EventTypes])
                .Where(e => aggregator.Matches(e.Event)
                    && (!needsValue || e.Event.Value is not null)
                    && terms.All(t => DimensionOf(e.Event, t.Key) == t.Value))];
        }
    }

    /// <summary>The scoreboards published with <c>At</c> in <c>[from, to)</c>, oldest first: what the screen showed.</summary>
    /// <param name="from">The earliest instant (inclusive).</param>
    /// <param name="to">The latest instant (exclusive).</param>
    /// <returns>The scoreboards; empty without a store.</returns>
    public IReadOnlyList<Scoreboard> History(Instant from, Instant to)
    {
        if (_store is null)
        {
            return [];
        }

        lock (_gate)
        {
            return [.. _store.ReadScoreboards(from, to).Select(s => ScoreboardJson.Deserialize(s.Json))];
        }
    }

    private static string DimensionOf(ActivityEvent activity, string dimension) =>
        activity.Dimensions.TryGetValue(dimension, out var value) ? value : Aggregation.DimensionValues.Missing;

    private IMetricStore RetainingStore()
    {
        if (_store is null)
        {
            throw new InvalidOperationException("The engine has no store: raw events are not kept.");
        }

        if (Definition.Ingestion.EventRetention is null)
        {
            throw new InvalidOperationException("Raw events are not retained: set Ingestion.EventRetention to keep them.");
        }

        return _store;
    }

    private void Replace(MetricAggregator old, MetricAggregator fresh)
    {
        _aggregators[old.Index - 1] = fresh;
        foreach (var runtime in _metrics.Values)
        {
            runtime.ReplaceAggregator(old, fresh);
        }

        foreach (var (type, candidates) in _byEventType)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                if (ReferenceEquals(candidates[i], old))
                {
                    candidates[i] = fresh;
                }
            }
        }
    }

    // Writes a batch; if the store fails, the in-memory state returns to what the store holds, so the two never diverge.
    private void Commit(StoreCommit commit)
    {
        try
        {
            _store!.Commit(commit);
        }
        catch (Exception exception)
        {
            // The windows late events changed still need their corrections: keep them, on the rebuilt aggregators.
            var dirty = _dirty.Select(d => (d.Metric.Index, d.Grain, d.Key)).ToList();
            BuildState();
            _held.Clear();
            _dirty.Clear();
            foreach (var (index, grain, key) in dirty)
            {
                _dirty.Add((_aggregators[index - 1], grain, key));
            }

            _needsRecompute.Clear();
            Restore(_store!.Open());
            throw new StoreException($"Store '{_store.Name}' could not commit a batch from '{commit.Source}'; the batch was undone.", exception);
        }
    }

    private void Restore(StoreContents contents)
    {
        _checkpoints.Clear();
        foreach (var (source, checkpoint) in contents.Checkpoints)
        {
            _checkpoints[source] = checkpoint;
        }

        var byName = _aggregators.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var usable = new HashSet<string>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        var storeHasData = contents.Series.Count > 0 || contents.Checkpoints.Count > 0 || contents.MetricFingerprints.Count > 0;
        foreach (var aggregator in _aggregators)
        {
            var name = aggregator.Name;
            var current = Fingerprint(aggregator);
            if (contents.MetricFingerprints.TryGetValue(name, out var stored) && stored == current)
            {
                usable.Add(name);
            }
            else if (storeHasData)
            {
                _needsRecompute.UnionWith(MetricsOn(aggregator));
            }
            else
            {
                fingerprints[name] = current;
                usable.Add(name);
            }
        }

        foreach (var series in contents.Series)
        {
            if (usable.Contains(series.Metric) && byName.TryGetValue(series.Metric, out var aggregator))
            {
                aggregator.RestoreSeries(series.Level, series.SeriesId, series.Values);
            }
        }

        foreach (var cell in contents.Cells)
        {
            if (usable.Contains(cell.Metric) && byName.TryGetValue(cell.Metric, out var aggregator))
            {
                aggregator.RestoreCell(cell);
            }
        }

        // Restoring may have opened or compacted periods behind the write path's back.
        foreach (var aggregator in _aggregators)
        {
            aggregator.InvalidateOpen();
        }

        foreach (var goal in contents.Goals)
        {
            if (_targets.TryGetValue(goal.Target, out var target))
            {
                target.Add(new Definitions.GoalVersion(goal.EffectiveFrom, goal.Goal), Calendar);
            }
        }

        _held.Clear();
        _held.AddRange(contents.HeldEvents.Select(h => (h.Source, h.Event)));
        _publishedThrough = contents.PublishedThrough;
        if (fingerprints.Count > 0)
        {
            _store!.Commit(new StoreCommit { Source = PushSource, EventIds = [], MetricFingerprints = fingerprints });
        }
    }

    private List<string> MetricsOn(MetricAggregator aggregator) =>
        [.. _metricOrder.Where(m => ReferenceEquals(m.Aggregator, aggregator)).Select(m => m.Name)];

    // What a stream's stored cells depend on: a change to any of it makes them wrong.
    private string Fingerprint(MetricAggregator aggregator)
    {
        var calendar = Definition.Calendar;
        var text = new StringBuilder()
            .Append(aggregator.Stream.Canonical).Append('|')
            .Append(calendar.Zone).Append('|')
            .Append(calendar.FirstDayOfWeek).Append('|')
            .Append(calendar.FiscalYearStartMonth.ToString(CultureInfo.InvariantCulture)).Append('|')
            .AppendJoin(',', _grains).Append('|')
            .Append(Definition.Ingestion.MaxSeriesPerMetric.ToString(CultureInfo.InvariantCulture))
            .ToString();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
