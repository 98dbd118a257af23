using System.Globalization;

namespace SalesOps.Metrics.Tests.Hosting.Support;

/// <summary>
/// A source over a fixed list of events whose checkpoint is the number of events read; reads number
/// <c>failAtRead</c> to <c>failAtRead + failures − 1</c> (counted from 1) throw, the others serve the next batch.
/// </summary>
internal sealed class MidStreamFailingSource(string name, IReadOnlyList<ActivityEvent> events, int failAtRead, int failures) : IActivitySource
{
    private readonly Lock _gate = new();
    private readonly List<string?> _asked = [];

    public string Name { get; } = name;

    /// <summary>Runs before each read with its number (from 1), such as to make the store fail.</summary>
    public Action<int>? OnRead { get; init; }

    /// <summary>The checkpoint each read was asked to resume after, in order (<see langword="null"/> for the first).</summary>
    public IReadOnlyList<string?> Asked
    {
        get
        {
            lock (_gate)
            {
                return [.. _asked];
            }
        }
    }

    public ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        int read;
        lock (_gate)
        {
            _asked.Add(after?.Value);
            read = _asked.Count;
        }

        OnRead?.Invoke(read);
        if (read >= failAtRead && read < failAtRead + failures)
        {
            throw new IOException($"The CRM connection dropped at read {read}.");
        }

        var position = after is { } checkpoint ? int.Parse(checkpoint.Value, CultureInfo.InvariantCulture) : 0;
        var batch = events.Skip(position).Take(maxEvents).ToList();
        var next = new Checkpoint((position + batch.Count).ToString(CultureInfo.InvariantCulture));
        return ValueTask.FromResult(batch.Count == 0 ? SourceBatch.Empty(after) : new SourceBatch(batch, next));
    }
}
