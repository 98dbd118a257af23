using System.Collections.Concurrent;

namespace SalesOps.Metrics.Tests.Support;

/// <summary>Keeps every scoreboard it receives and lets a test await the next batch.</summary>
internal sealed class CollectingSink : IScoreboardSink
{
    private readonly ConcurrentQueue<Scoreboard> _received = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "collecting";

    public IReadOnlyList<Scoreboard> Received => [.. _received];

    /// <summary>Completes when the next batch has been written.</summary>
    public Task NextWrite => _next.Task;

    public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        foreach (var scoreboard in batch)
        {
            _received.Enqueue(scoreboard);
        }

        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        return ValueTask.CompletedTask;
    }
}
