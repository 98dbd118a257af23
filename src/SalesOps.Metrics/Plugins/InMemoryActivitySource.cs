using System.Globalization;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// A source backed by an append-only in-memory list: the application adds events, the engine
/// pulls them. The checkpoint is the number of events already read.
/// </summary>
/// <remarks>Thread-safe: any thread may add while the engine reads.</remarks>
public sealed class InMemoryActivitySource : IActivitySource
{
    private readonly Lock _gate = new();
    private readonly List<ActivityEvent> _events = [];

    /// <summary>Creates a source.</summary>
    /// <param name="name">The source name; event ids are unique within it.</param>
    public InMemoryActivitySource(string name = "in-memory")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of events added so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Appends events.</summary>
    /// <param name="events">The events, in order.</param>
    public void Add(params IEnumerable<ActivityEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_gate)
        {
            _events.AddRange(events);
        }
    }

    /// <inheritdoc />
    public ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        cancellationToken.ThrowIfCancellationRequested();
        var position = 0;
        if (after is { } checkpoint && !int.TryParse(checkpoint.Value, NumberStyles.None, CultureInfo.InvariantCulture, out position))
        {
            throw new ArgumentException($"'{checkpoint.Value}' is not a checkpoint of this source (a count of events read).", nameof(after));
        }

        lock (_gate)
        {
            if (position > _events.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(after), after, $"The checkpoint is past the last of {_events.Count} events.");
            }

            var count = Math.Min(maxEvents, _events.Count - position);
            if (count == 0)
            {
                return ValueTask.FromResult(SourceBatch.Empty(after));
            }

            var batch = _events.GetRange(position, count);
            var next = new Checkpoint((position + count).ToString(CultureInfo.InvariantCulture));
            return ValueTask.FromResult(new SourceBatch(batch, next));
        }
    }
}
