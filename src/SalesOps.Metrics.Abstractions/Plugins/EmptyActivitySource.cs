namespace SalesOps.Metrics;

/// <summary>A source that never has events: the null object for <see cref="IActivitySource"/>.</summary>
public sealed class EmptyActivitySource : IActivitySource
{
    private EmptyActivitySource()
    {
    }

    /// <summary>The single instance.</summary>
    public static EmptyActivitySource Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "empty";

    /// <inheritdoc />
    public ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(SourceBatch.Empty(after));
    }
}
