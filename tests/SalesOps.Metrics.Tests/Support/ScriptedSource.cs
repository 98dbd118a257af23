namespace SalesOps.Metrics.Tests.Support;

/// <summary>A source that fails a given number of reads, then serves its events in one batch per read.</summary>
internal sealed class ScriptedSource(string name, int failures, IReadOnlyList<ActivityEvent> events) : IActivitySource
{
    private int _failuresLeft = failures;
    private int _reads;

    public string Name { get; } = name;

    public int Reads => Volatile.Read(ref _reads);

    public ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new IOException("The CRM export is not ready.");
        }

        var position = after is { } checkpoint ? int.Parse(checkpoint.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var batch = events.Skip(position).Take(maxEvents).ToList();
        return ValueTask.FromResult(new SourceBatch(batch, new Checkpoint((position + batch.Count).ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
