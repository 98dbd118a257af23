using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>
/// Pulls every source into the engine and publishes scoreboards to every sink on each metric's review
/// cadence. Nothing it does can throw into the host: source and sink failures are caught, logged and retried.
/// </summary>
internal sealed partial class SalesOpsHostedService : BackgroundService
{
    private readonly SalesOpsEngine _engine;
    private readonly IActivitySource[] _sources;
    private readonly IScoreboardSink[] _sinks;
    private readonly TimeProvider _time;
    private readonly SalesOpsHostingOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<IActivitySource, SourceState> _sourceStates = [];
    private readonly Dictionary<Duration, Instant> _nextPublish = [];
    private readonly Lock _idleGate = new();
    private TaskCompletionSource _idleChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _idleCount;

    public SalesOpsHostedService(
        SalesOpsEngine engine,
        IEnumerable<IActivitySource> sources,
        IEnumerable<IScoreboardSink> sinks,
        TimeProvider time,
        IOptions<SalesOpsHostingOptions> options,
        ILogger<SalesOpsHostedService>? logger = null)
    {
        _engine = engine;
        _sources = [.. sources];
        _sinks = [.. sinks];
        _time = time;
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        foreach (var source in _sources)
        {
            _sourceStates[source] = new SourceState();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var now = Now;
        foreach (var cadence in _engine.Definition.Metrics.Select(m => m.Review).Distinct())
        {
            _nextPublish[cadence] = NextDue(cadence, now);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var pulledAny = await PullSourcesAsync(stoppingToken);
            await PublishDueAsync(stoppingToken);
            if (pulledAny)
            {
                continue;
            }

            var wait = NextWakeUp() - Now;
            if (wait > Duration.Zero)
            {
                try
                {
                    var delay = Task.Delay(wait.ToTimeSpan(), _time, stoppingToken);
                    MarkIdle();
                    await delay;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>How many times the loop has gone to wait for time to pass; lets tests on fake time step in lockstep.</summary>
    internal long IdleCount
    {
        get
        {
            lock (_idleGate)
            {
                return _idleCount;
            }
        }
    }

    /// <summary>Completes once the loop has gone idle more than <paramref name="count"/> times.</summary>
    internal async Task WaitForIdleAsync(long count)
    {
        while (true)
        {
            Task changed;
            lock (_idleGate)
            {
                if (_idleCount > count)
                {
                    return;
                }

                changed = _idleChanged.Task;
            }

            await changed;
        }
    }

    private void MarkIdle()
    {
        TaskCompletionSource changed;
        lock (_idleGate)
        {
            _idleCount++;
            changed = _idleChanged;
            _idleChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    private Instant NextWakeUp()
    {
        var next = Now + Duration.FromTimeSpan(_options.PollInterval);
        foreach (var due in _nextPublish.Values)
        {
            next = due < next ? due : next;
        }

        foreach (var state in _sourceStates.Values)
        {
            next = state.RetryAt is { } retry && retry < next ? retry : next;
        }

        return next;
    }

    private async Task<bool> PullSourcesAsync(CancellationToken cancellationToken)
    {
        var pulledAny = false;
        foreach (var source in _sources)
        {
            var state = _sourceStates[source];
            if (state.RetryAt is { } retryAt && Now < retryAt)
            {
                continue;
            }

            try
            {
                // The engine keeps the checkpoint with the batch it commits, so a restart resumes exactly after it.
                var batch = await source.ReadAsync(_engine.CheckpointOf(source.Name), _options.BatchSize, cancellationToken);
                if (!batch.IsEmpty)
                {
                    _engine.Ingest(batch.Events, source.Name, batch.Checkpoint);
                    pulledAny = true;
                }

                state.Failures = 0;
                state.RetryAt = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                state.Failures++;
                var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxSourceBackoff.Ticks, _options.PollInterval.Ticks << Math.Min(state.Failures, 20)));
                state.RetryAt = Now + Duration.FromTimeSpan(backoff);
                LogSourceFailed(_logger, exception, source.Name, state.Failures, backoff);
            }
        }

        return pulledAny;
    }

    private async Task PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var due = _nextPublish.Where(p => p.Value <= now).Select(p => p.Key).ToList();
        if (due.Count == 0)
        {
            return;
        }

        foreach (var cadence in due)
        {
            _nextPublish[cadence] = NextDue(cadence, now);
        }

        var metrics = _engine.Definition.Metrics.Where(m => due.Contains(m.Review)).Select(m => m.Name).ToList();
        var scoreboards = _engine.Publish(metrics);
        await Task.WhenAll(_sinks.Select(sink => WriteAsync(sink, scoreboards, cancellationToken)));
    }

    private async Task WriteAsync(IScoreboardSink sink, IReadOnlyList<Scoreboard> scoreboards, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.SinkTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await sink.WriteAsync(scoreboards, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogSinkFailed(_logger, exception, sink.Name);
        }
    }

    // Cadences align to the local day: hourly reviews fire on the hour, daily ones at local midnight.
    private Instant NextDue(Duration cadence, Instant now)
    {
        var calendar = _engine.Calendar;
        var date = calendar.DateOf(now);
        var dayStart = calendar.StartOfDay(date);
        var nextDay = calendar.StartOfDay(date.PlusDays(1));
        if (cadence >= nextDay - dayStart)
        {
            return nextDay;
        }

        var steps = ((now - dayStart).BclCompatibleTicks / cadence.BclCompatibleTicks) + 1;
        var next = dayStart + Duration.FromTicks(steps * cadence.BclCompatibleTicks);
        return next < nextDay ? next : nextDay;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Source {Source} failed ({Failures} in a row); retrying in {Backoff}")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string source, int failures, TimeSpan backoff);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Sink {Sink} failed to write scoreboards")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink);

    private sealed class SourceState
    {
        public int Failures { get; set; }

        public Instant? RetryAt { get; set; }
    }
}
