using NodaTime;

namespace SalesOps.Metrics.Testing.Fakes;

/// <summary>
/// A sink that keeps every scoreboard it receives, for tests to inspect and await: <see cref="Received"/> is every
/// delivery in order (re-deliveries included), <see cref="Scoreboards"/> what a sink that stores scoreboards would hold
/// (the latest per <see cref="Scoreboard.At"/> and <see cref="Scoreboard.Kind"/>).
/// </summary>
/// <remarks>
/// Thread-safe: tests may read and await it while the engine writes. A write whose token is already cancelled throws
/// <see cref="OperationCanceledException"/> and keeps nothing. The sink passes <see cref="SinkConformanceTests"/>.
/// </remarks>
public sealed class CollectingSink : IScoreboardSink
{
    private readonly Lock _gate = new();
    private readonly List<Scoreboard> _received = [];
    private readonly List<Scoreboard> _held = [];
    private readonly Dictionary<(Instant At, ScoreboardKind Kind), int> _heldIndex = [];
    private readonly Tally _receivedCount = new();
    private readonly Tally _writes = new();
    private TaskCompletionSource _nextWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a sink.</summary>
    /// <param name="name">The sink's name.</param>
    public CollectingSink(string name = "collecting")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Every scoreboard received, in the order received, re-deliveries included.</summary>
    /// <value>A copy, safe to enumerate while the sink keeps receiving.</value>
    public IReadOnlyList<Scoreboard> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The latest scoreboard received for each <see cref="Scoreboard.At"/> and <see cref="Scoreboard.Kind"/>, in the order first received.</summary>
    /// <value>A copy, safe to enumerate while the sink keeps receiving.</value>
    public IReadOnlyList<Scoreboard> Scoreboards
    {
        get
        {
            lock (_gate)
            {
                return [.. _held];
            }
        }
    }

    /// <summary>The number of writes that completed.</summary>
    public int Writes => _writes.Value;

    /// <summary>Completes when a write next completes after this property is read.</summary>
    /// <remarks>Read it before the action that causes the write; <see cref="WhenReceived"/> and <see cref="WhenWritten"/> cannot miss a write that already happened.</remarks>
    public Task NextWrite
    {
        get
        {
            lock (_gate)
            {
                return _nextWrite.Task;
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> scoreboards have been received in all, re-deliveries included.</summary>
    /// <param name="count">The number of scoreboards to wait for.</param>
    /// <returns>A task that completes then (at once when they already have been).</returns>
    public Task WhenReceived(int count) => _receivedCount.WhenAtLeast(count);

    /// <summary>Completes once at least <paramref name="count"/> writes have completed.</summary>
    /// <param name="count">The number of writes to wait for.</param>
    /// <returns>A task that completes then (at once when they already have).</returns>
    public Task WhenWritten(int count) => _writes.WhenAtLeast(count);

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource written;
        lock (_gate)
        {
            foreach (var scoreboard in batch)
            {
                _received.Add(scoreboard);
                if (_heldIndex.TryGetValue((scoreboard.At, scoreboard.Kind), out var index))
                {
                    _held[index] = scoreboard;
                }
                else
                {
                    _heldIndex.Add((scoreboard.At, scoreboard.Kind), _held.Count);
                    _held.Add(scoreboard);
                }
            }

            written = _nextWrite;
            _nextWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _receivedCount.Add(batch.Count);
        _writes.Increment();
        written.SetResult();
        return ValueTask.CompletedTask;
    }
}
