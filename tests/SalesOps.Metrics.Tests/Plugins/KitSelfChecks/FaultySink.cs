namespace SalesOps.Metrics.Tests.Plugins.KitSelfChecks;

/// <summary>A sink that stores scoreboards keyed by instant and kind, with one planted <see cref="SinkFault"/>.</summary>
internal sealed class FaultySink(SinkFault fault) : IScoreboardSink, IAsyncDisposable
{
    private readonly List<Scoreboard> _held = [];
    private bool _disposed;

    public string Name => "faulty";

    public IReadOnlyList<Scoreboard> Held => _held;

    public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        if (fault is not (SinkFault.IgnoresCancellation or SinkFault.WritesBeforeCheckingCancellation))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        foreach (var scoreboard in batch)
        {
            Store(scoreboard);
        }

        if (fault == SinkFault.WritesBeforeCheckingCancellation)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed && fault == SinkFault.DisposeTwiceThrows)
        {
            throw new ObjectDisposedException(Name);
        }

        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private void Store(Scoreboard scoreboard)
    {
        if (fault == SinkFault.MutatesTheBatch)
        {
            foreach (var row in scoreboard.Metrics.SelectMany(m => m.Breakdown))
            {
                ((IDictionary<string, string>)row.Dimensions).Clear();
            }
        }

        var stored = fault == SinkFault.RoundsValues
            ? scoreboard with { Targets = [.. scoreboard.Targets.Select(t => t with { Actual = Math.Round(t.Actual), Remaining = Math.Round(t.Remaining) })] }
            : scoreboard;
        var index = fault == SinkFault.AppendsRedeliveries
            ? -1
            : _held.FindIndex(s => s.At == scoreboard.At && (fault == SinkFault.KeysByInstantOnly || s.Kind == scoreboard.Kind));
        if (index >= 0)
        {
            _held[index] = stored;
        }
        else
        {
            _held.Add(stored);
        }
    }
}
