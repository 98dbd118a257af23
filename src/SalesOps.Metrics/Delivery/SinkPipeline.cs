using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NodaTime;
using SalesOps.Metrics.DependencyInjection;

namespace SalesOps.Metrics.Delivery;

/// <summary>
/// Delivers scoreboards to one sink on its own worker, so a throwing, hanging or slow sink never holds up
/// ingestion, publication or the other sinks: publishing only enqueues.
/// </summary>
/// <remarks>
/// <para><b>Queue.</b> Bounded (<see cref="SalesOpsHostingOptions.SinkQueueCapacity"/>). When it is full the
/// <em>oldest waiting</em> scoreboard is dropped and counted: a scoreboard is a snapshot, and the newest one
/// says what is true now. The batch being written is never dropped.</para>
/// <para><b>Batches.</b> The worker takes up to <see cref="SalesOpsHostingOptions.SinkBatchSize"/> waiting
/// scoreboards, oldest first, and retries that same batch until it is written.</para>
/// <para><b>Each write</b> gets a token cancelled after <see cref="SalesOpsHostingOptions.SinkTimeout"/>; the
/// worker waits for the sink to return (calls on one sink never overlap), and a sink that ignores the token is
/// reported as <see cref="PluginState.Stalled"/> meanwhile.</para>
/// <para><b>Failures</b> are retried after an exponential backoff with jitter; after
/// <see cref="SalesOpsHostingOptions.BreakerFailureThreshold"/> failures in a row the circuit opens for
/// <see cref="SalesOpsHostingOptions.BreakDuration"/>, then one probe write decides whether it closes.</para>
/// <para><b>Accounting.</b> Under one lock, at every instant: <c>Received = Delivered + Dropped + Pending</c>,
/// where pending counts the waiting scoreboards and the batch being written.</para>
/// </remarks>
internal sealed partial class SinkPipeline : IPluginMonitor
{
    private readonly IScoreboardSink _sink;
    private readonly SalesOpsHostingOptions _options;
    private readonly TimeProvider _time;
    private readonly RetryJitter _jitter;
    private readonly SalesOpsInstruments _instruments;
    private readonly IdleTracker _idle;
    private readonly ILogger _logger;
    private readonly Channel<Scoreboard> _queue;
    private readonly CircuitBreaker _breaker;
    private readonly FailureHistory _failures;
    private readonly LogGate _dropLog;
    private readonly Lock _gate = new();
    private WorkParticipant? _worker;
    private Scoreboard[] _inFlight = [];
    private long _waitTicket;
    private bool _waitingForScoreboards;
    private bool _writing;
    private bool _overdue;
    private long _received;
    private long _delivered;
    private long _dropped;
    private int _droppedNow;
    private DateTimeOffset? _nextAttemptAt;

    public SinkPipeline(
        IScoreboardSink sink,
        string name,
        SalesOpsHostingOptions options,
        TimeProvider time,
        RetryJitter jitter,
        SalesOpsInstruments instruments,
        IdleTracker idle,
        ILogger logger)
    {
        _sink = sink;
        Name = name;
        _options = options;
        _time = time;
        _jitter = jitter;
        _instruments = instruments;
        _idle = idle;
        _logger = logger;
        _breaker = new CircuitBreaker(options.BreakerFailureThreshold, options.BreakDuration);
        _failures = new FailureHistory(options.MaxRetryDelay);
        _dropLog = new LogGate(options.MaxRetryDelay);

        // Every write and read happens under _gate, so the drop callback (run synchronously inside TryWrite)
        // updates the counters in the same critical section as the enqueue that caused it.
        _queue = Channel.CreateBounded<Scoreboard>(
            new BoundedChannelOptions(options.SinkQueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            _ => OnDropped());
    }

    /// <summary>The sink's name, as used in status, metrics and logs.</summary>
    public string Name { get; }

    /// <summary>Scoreboards waiting or being written.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Reader.Count + _inFlight.Length;
            }
        }
    }

    /// <summary>Queues scoreboards for the sink; never blocks and never throws. A full queue drops its oldest.</summary>
    /// <param name="scoreboards">The scoreboards, oldest first.</param>
    public void Enqueue(IReadOnlyList<Scoreboard> scoreboards)
    {
        int dropped;
        long droppedTotal;
        lock (_gate)
        {
            _droppedNow = 0;
            foreach (var scoreboard in scoreboards)
            {
                _received++;
                _queue.Writer.TryWrite(scoreboard);
            }

            dropped = _droppedNow;
            droppedTotal = _dropped;
            if (_waitingForScoreboards && _queue.Reader.Count > 0)
            {
                _waitingForScoreboards = false;
                _worker?.Wake(_waitTicket);
            }
        }

        if (dropped > 0)
        {
            _instruments.SinkDropped(Name, dropped);
            LogDrops(droppedTotal);
        }
    }

    /// <summary>Starts the worker; it runs until <paramref name="stoppingToken"/> is cancelled and never throws.</summary>
    /// <param name="stoppingToken">Stops the worker and cancels the write in progress.</param>
    /// <returns>The worker.</returns>
    /// <remarks>What is still queued at stop stays pending: it is neither delivered nor dropped.</remarks>
    public Task Start(CancellationToken stoppingToken)
    {
        // Joined before the worker's task starts, so a test never sees the host idle before this worker has waited.
        var worker = _idle.Join(_time);
        lock (_gate)
        {
            _worker = worker;
        }

        return Task.Run(() => RunAsync(worker, stoppingToken), CancellationToken.None);
    }

    /// <inheritdoc />
    public PluginStatus Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var circuit = _breaker.StateAt(now);
            var state = (_writing && _overdue) ? PluginState.Stalled : circuit switch
            {
                CircuitState.Open => PluginState.Open,
                CircuitState.HalfOpen => PluginState.HalfOpen,
                _ => _failures.Consecutive > 0 ? PluginState.Retrying : PluginState.Healthy,
            };
            return new PluginStatus
            {
                Name = Name,
                Kind = PluginKind.Sink,
                State = state,
                ConsecutiveFailures = _failures.Consecutive,
                TotalFailures = _failures.Total,
                TimedOut = _failures.TimedOut,
                Received = _received,
                Delivered = _delivered,
                Dropped = _dropped,
                Queued = _queue.Reader.Count,
                InFlight = _inFlight.Length,
                QueueCapacity = _options.SinkQueueCapacity,
                LastError = _failures.LastError,
                LastErrorAt = ToInstant(_failures.LastErrorAt),
                NextAttemptAt = _failures.Consecutive > 0 ? ToInstant(_nextAttemptAt) : null,
            };
        }
    }

    private void OnDropped()
    {
        _dropped++;
        _droppedNow++;
    }

    private void LogDrops(long droppedTotal)
    {
        var now = _time.GetUtcNow();
        bool log;
        lock (_gate)
        {
            log = _dropLog.TryPass(now, out _);
        }

        if (log)
        {
            SalesOpsLog.SinkDropped(_logger, Name, _options.SinkQueueCapacity, droppedTotal);
        }
    }

    private static Instant? ToInstant(DateTimeOffset? time) => time is { } t ? Instant.FromDateTimeOffset(t) : null;
}
