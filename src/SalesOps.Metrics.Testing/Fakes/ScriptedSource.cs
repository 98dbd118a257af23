using System.Globalization;

namespace SalesOps.Metrics.Testing.Fakes;

/// <summary>
/// A source over a list of events that can fail on chosen reads, as a CRM export that is sometimes not ready. The
/// checkpoint is the number of events before it (<c>"0"</c> to <c>"Count"</c>, invariant digits).
/// </summary>
/// <remarks>
/// <para>Every call to <see cref="ReadAsync"/> counts as a read, numbered from 1, whether it fails, is cancelled or
/// returns events. A read whose number was given in <c>failingReads</c> throws <see cref="IOException"/>; the others
/// serve at most <c>maxEvents</c> events after the checkpoint, in order, in a new list.</para>
/// <para>Thread-safe: <see cref="Add"/> may append events while the engine reads, as a feed that keeps growing. The
/// source passes <see cref="SourceConformanceTests"/>.</para>
/// </remarks>
public sealed class ScriptedSource : IActivitySource
{
    private readonly Lock _gate = new();
    private readonly List<ActivityEvent> _events;
    private readonly HashSet<int> _failingReads;
    private readonly Tally _reads = new();
    private readonly Tally _failures = new();

    /// <summary>Creates a source.</summary>
    /// <param name="events">The events it serves, in order.</param>
    /// <param name="name">The source's name.</param>
    /// <param name="failingReads">The numbers (from 1) of the reads that throw <see cref="IOException"/>; none by default.</param>
    public ScriptedSource(IEnumerable<ActivityEvent> events, string name = "scripted", IEnumerable<int>? failingReads = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _events = [.. events];
        _failingReads = [.. failingReads ?? []];
        if (_failingReads.Any(read => read < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(failingReads), "Reads are numbered from 1.");
        }

        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of reads so far: failed, cancelled and successful together.</summary>
    public int Reads => _reads.Value;

    /// <summary>The number of reads that threw <see cref="IOException"/>.</summary>
    public int Failures => _failures.Value;

    /// <summary>The number of events the source holds.</summary>
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

    /// <summary>Completes once at least <paramref name="count"/> reads have been made.</summary>
    /// <param name="count">The number of reads to wait for.</param>
    /// <returns>A task that completes then (at once when they already have been).</returns>
    public Task WhenRead(int count) => _reads.WhenAtLeast(count);

    /// <summary>Appends events after the ones the source holds.</summary>
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEvents"/> is under 1, or the checkpoint is past the last event.</exception>
    /// <exception cref="ArgumentException">The checkpoint is not one this source returns.</exception>
    /// <exception cref="IOException">The read's number is one of the failing reads: <c>Scripted failure on read 2.</c></exception>
    public ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        var read = _reads.Increment();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        cancellationToken.ThrowIfCancellationRequested();
        if (_failingReads.Contains(read))
        {
            _failures.Increment();
            throw new IOException($"Scripted failure on read {read}.");
        }

        var position = Position(after);
        lock (_gate)
        {
            if (position > _events.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(after), after, $"The checkpoint is past the last of {_events.Count} events.");
            }

            var count = Math.Min(maxEvents, _events.Count - position);
            return count == 0
                ? ValueTask.FromResult(SourceBatch.Empty(after))
                : ValueTask.FromResult(new SourceBatch(_events.GetRange(position, count), new Checkpoint((position + count).ToString(CultureInfo.InvariantCulture))));
        }
    }

    private static int Position(Checkpoint? checkpoint)
    {
        if (checkpoint is not { } c)
        {
            return 0;
        }

        return int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw new ArgumentException($"\"{c.Value}\" is not a checkpoint of a scripted source (a number of events).", nameof(checkpoint));
    }
}
