namespace SalesOps.Metrics.Tests.Support;

/// <summary>A sink that always fails, counting its attempts.</summary>
internal sealed class ThrowingSink : IScoreboardSink
{
    private int _attempts;

    public string Name => "throwing";

    public int Attempts => Volatile.Read(ref _attempts);

    public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        throw new InvalidOperationException("The dashboard is down.");
    }
}
