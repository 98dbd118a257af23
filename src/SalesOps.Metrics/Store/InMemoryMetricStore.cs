using NodaTime;

namespace SalesOps.Metrics.Store;

/// <summary>
/// A store held in memory: everything survives an engine being rebuilt on the same instance, nothing
/// survives the process. The reference implementation of <see cref="IMetricStore"/>, and the store
/// for tests and for applications that keep no state between runs.
/// </summary>
/// <remarks>Thread-safe, though the engine never calls it concurrently.</remarks>
public sealed class InMemoryMetricStore : IMetricStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Checkpoint> _checkpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Metric, int Level, int SeriesId), StoredSeries> _series = [];
    private readonly Dictionary<(string Metric, int Level, int SeriesId, Grain Grain, long PeriodKey), (StoredCell Cell, HashSet<string> Distinct)> _cells = [];
    private readonly List<StoredEvent> _events = [];
    private readonly List<StoredEvent> _held = [];
    private readonly List<StoredGoal> _goals = [];
    private readonly List<StoredScoreboard> _scoreboards = [];
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private long _sequence;
    private bool _open;

    /// <inheritdoc />
    public string Name => "in-memory";

    /// <summary>How many commits have been written, for tests of batching.</summary>
    public int Commits { get; private set; }

    /// <inheritdoc />
    public StoreContents Open()
    {
        lock (_gate)
        {
            _open = true;
            return new StoreContents
            {
                Checkpoints = new Dictionary<string, Checkpoint>(_checkpoints, StringComparer.Ordinal),
                Series = [.. _series.Values.OrderBy(s => s.Metric, StringComparer.Ordinal).ThenBy(s => s.Level).ThenBy(s => s.SeriesId)],
                Cells = [.. _cells.Values.Select(c => c.Cell with { DistinctValues = [.. c.Distinct.Order(StringComparer.Ordinal)] })],
                Goals = [.. _goals],
                HeldEvents = [.. _held],
                MetricFingerprints = new Dictionary<string, string>(_fingerprints, StringComparer.Ordinal),
                PublishedThrough = _scoreboards.Count == 0 ? null : _scoreboards.Max(s => s.At),
            };
        }
    }

    /// <inheritdoc />
    public IReadOnlySet<string> FindSeen(string source, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            if (_seen.TryGetValue(source, out var seen))
            {
                foreach (var id in ids)
                {
                    if (seen.Contains(id))
                    {
                        found.Add(id);
                    }
                }
            }

            return found;
        }
    }

    /// <inheritdoc />
    public void Commit(StoreCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        lock (_gate)
        {
            ThrowIfNotOpen();
            foreach (var metric in commit.ResetMetrics)
            {
                foreach (var key in _cells.Keys.Where(k => k.Metric == metric).ToList())
                {
                    _cells.Remove(key);
                }

                foreach (var key in _series.Keys.Where(k => k.Metric == metric).ToList())
                {
                    _series.Remove(key);
                }
            }

            if (!_seen.TryGetValue(commit.Source, out var seen))
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                _seen.Add(commit.Source, seen);
            }

            seen.UnionWith(commit.EventIds);
            if (commit.Checkpoint is { } checkpoint)
            {
                _checkpoints[commit.Source] = checkpoint;
            }

            foreach (var series in commit.NewSeries)
            {
                _series[(series.Metric, series.Level, series.SeriesId)] = series with { Values = [.. series.Values] };
            }

            foreach (var cell in commit.Cells)
            {
                var key = (cell.Metric, cell.Level, cell.SeriesId, cell.Grain, cell.PeriodKey);
                var distinct = _cells.TryGetValue(key, out var existing) ? existing.Distinct : new HashSet<string>(StringComparer.Ordinal);
                distinct.UnionWith(cell.DistinctValues);
                _cells[key] = (cell with { DistinctValues = [] }, distinct);
            }

            foreach (var activity in commit.RetainedEvents)
            {
                _events.Add(new StoredEvent(++_sequence, commit.Source, activity));
            }

            if (commit.ClearHeld)
            {
                _held.Clear();
            }

            foreach (var activity in commit.HeldEvents)
            {
                _held.Add(new StoredEvent(++_sequence, commit.Source, activity));
            }

            _goals.AddRange(commit.Goals);
            _scoreboards.AddRange(commit.Scoreboards);
            foreach (var (metric, fingerprint) in commit.MetricFingerprints)
            {
                _fingerprints[metric] = fingerprint;
            }

            Commits++;
        }
    }

    /// <inheritdoc />
    public IEnumerable<StoredEvent> ReadEvents(Instant from, Instant to, IReadOnlyCollection<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        lock (_gate)
        {
            return [.. _events.Where(e => e.Event.OccurredAt >= from && e.Event.OccurredAt < to && (types.Count == 0 || types.Contains(e.Event.Type)))];
        }
    }

    /// <inheritdoc />
    public int PurgeEvents(Instant before)
    {
        lock (_gate)
        {
            return _events.RemoveAll(e => e.Event.OccurredAt < before);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredScoreboard> ReadScoreboards(Instant from, Instant to)
    {
        lock (_gate)
        {
            return [.. _scoreboards.Where(s => s.At >= from && s.At < to).OrderBy(s => s.At)];
        }
    }

    /// <summary>Closes the store; the data stays for the next <see cref="Open"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _open = false;
        }
    }

    private void ThrowIfNotOpen()
    {
        if (!_open)
        {
            throw new InvalidOperationException("The store is not open.");
        }
    }
}
