using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Engine;

/// <summary>What one batch changed, gathered while it is applied, so that exactly those cells are committed.</summary>
internal sealed class ChangeSet
{
    private readonly HashSet<CellRef> _cells = [];
    private readonly Dictionary<CellRef, HashSet<string>> _distinct = [];
    private readonly Dictionary<(MetricAggregator Metric, int Level), int> _seriesBefore = [];

    public ChangeSet(IEnumerable<MetricAggregator> aggregators)
    {
        foreach (var aggregator in aggregators)
        {
            for (var level = 0; level < aggregator.LevelCount; level++)
            {
                _seriesBefore[(aggregator, level)] = aggregator.SeriesCount(level);
            }
        }
    }

    public List<string> EventIds { get; } = [];

    public List<ActivityEvent> Retained { get; } = [];

    public List<ActivityEvent> Held { get; } = [];

    public bool ClearHeld { get; set; }

    public bool IsEmpty => _cells.Count == 0 && EventIds.Count == 0 && Held.Count == 0 && !ClearHeld;

    public void Record(MetricAggregator aggregator, in LevelIds ids, in PeriodKeys keys, string? distinctValue)
    {
        foreach (var grain in aggregator.Grains)
        {
            for (var level = 0; level < aggregator.LevelCount; level++)
            {
                var cell = new CellRef(aggregator, level, grain, keys[(int)grain], ids[level]);
                _cells.Add(cell);
                if (distinctValue is not null)
                {
                    if (!_distinct.TryGetValue(cell, out var values))
                    {
                        values = new HashSet<string>(StringComparer.Ordinal);
                        _distinct.Add(cell, values);
                    }

                    values.Add(distinctValue);
                }
            }
        }
    }

    public StoreCommit ToCommit(string source, Checkpoint? checkpoint)
    {
        var series = new List<StoredSeries>();
        foreach (var ((aggregator, level), before) in _seriesBefore)
        {
            for (var id = before; id < aggregator.SeriesCount(level); id++)
            {
                series.Add(new StoredSeries(aggregator.Name, level, id, aggregator.SeriesValues(level, id)));
            }
        }

        var cells = new List<StoredCell>(_cells.Count);
        foreach (var reference in _cells)
        {
            var cell = reference.Metric.GetCell(reference.Level, reference.Grain, reference.PeriodKey, reference.Series);
            var distinct = _distinct.TryGetValue(reference, out var values) ? (IReadOnlyList<string>)[.. values] : [];
            cells.Add(new StoredCell(
                reference.Metric.Name,
                reference.Level,
                reference.Series,
                reference.Grain,
                reference.PeriodKey,
                cell.Count,
                cell.ValueCount,
                cell.Sum,
                cell.Min,
                cell.Max,
                distinct));
        }

        return new StoreCommit
        {
            Source = source,
            Checkpoint = checkpoint,
            EventIds = EventIds,
            NewSeries = series,
            Cells = cells,
            RetainedEvents = Retained,
            HeldEvents = Held,
            ClearHeld = ClearHeld,
        };
    }

    private readonly record struct CellRef(MetricAggregator Metric, int Level, Grain Grain, long PeriodKey, int Series);
}
