namespace SalesOps.Metrics;

/// <summary>A sink that discards everything: the null object for <see cref="IScoreboardSink"/>.</summary>
public sealed class NullScoreboardSink : IScoreboardSink
{
    private NullScoreboardSink()
    {
    }

    /// <summary>The single instance.</summary>
    public static NullScoreboardSink Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "null";

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }
}
