namespace SalesOps.Metrics.Plugins;

/// <summary>Writes each scoreboard as readable text to a <see cref="TextWriter"/> (the console by default).</summary>
public sealed class ConsoleScoreboardSink : IScoreboardSink
{
    private readonly TextWriter _writer;

    /// <summary>Creates a sink writing to the console.</summary>
    public ConsoleScoreboardSink()
        : this(Console.Out)
    {
    }

    /// <summary>Creates a sink writing to <paramref name="writer"/>.</summary>
    /// <param name="writer">The writer; the sink does not dispose it.</param>
    public ConsoleScoreboardSink(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <inheritdoc />
    public string Name => "console";

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var scoreboard in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _writer.WriteAsync(ScoreboardFormatter.Format(scoreboard).AsMemory(), cancellationToken);
            await _writer.FlushAsync(cancellationToken);
        }
    }
}
