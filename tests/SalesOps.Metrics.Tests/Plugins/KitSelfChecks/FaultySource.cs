using System.Globalization;

namespace SalesOps.Metrics.Tests.Plugins.KitSelfChecks;

/// <summary>A list-backed source with one planted <see cref="SourceFault"/>; the checkpoint is the number of events before it.</summary>
internal sealed class FaultySource(IReadOnlyList<ActivityEvent> events, SourceFault fault) : IActivitySource, IDisposable
{
    private readonly List<ActivityEvent> _reused = [];
    private bool _disposed;

    public string Name => "faulty";

    public ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        if (fault != SourceFault.IgnoresCancellation)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        var position = after is { } c ? int.Parse(c.Value, CultureInfo.InvariantCulture) : 0;
        var count = Math.Min(fault == SourceFault.IgnoresMaxEvents ? maxEvents + 1 : maxEvents, events.Count - position);
        if (count <= 0)
        {
            return ValueTask.FromResult(SourceBatch.Empty(fault == SourceFault.EmptyBatchMovesCheckpoint ? new Checkpoint("end") : after));
        }

        var next = position + count + fault switch
        {
            SourceFault.CheckpointOneShort => -1,
            SourceFault.CheckpointOneLong => 1,
            _ => 0,
        };
        var batch = events.Skip(position).Take(count).ToList();
        if (fault == SourceFault.ReusesItsList)
        {
            _reused.Clear();
            _reused.AddRange(batch);
            batch = _reused;
        }

        return ValueTask.FromResult(new SourceBatch(batch, new Checkpoint(next.ToString(CultureInfo.InvariantCulture))));
    }

    public void Dispose()
    {
        if (_disposed && fault == SourceFault.DisposeTwiceThrows)
        {
            throw new ObjectDisposedException(Name);
        }

        _disposed = true;
    }
}
