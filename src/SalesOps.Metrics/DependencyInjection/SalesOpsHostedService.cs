using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesOps.Metrics.Delivery;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>
/// Pulls every source into the engine and publishes scoreboards on each metric's review cadence; each sink is
/// written by its own <see cref="SinkPipeline"/> worker, so publishing only enqueues.
/// </summary>
/// <remarks>
/// Nothing it does can throw into the host: a <see cref="BackgroundService"/> whose <c>ExecuteAsync</c> throws
/// stops the whole application by default. Source, sink, store and engine failures are caught, counted, logged
/// and retried; even an unexpected failure of the loop itself is logged and the loop carries on.
/// </remarks>
internal sealed class SalesOpsHostedService : BackgroundService
{
    private readonly SalesOpsEngine _engine;
    private readonly PluginSupervisor _supervisor;
    private readonly TimeProvider _time;
    private readonly SalesOpsHostingOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<Duration, Instant> _nextPublish = [];

    public SalesOpsHostedService(
        SalesOpsEngine engine,
        PluginSupervisor supervisor,
        TimeProvider time,
        IOptions<SalesOpsHostingOptions> options,
        ILogger<SalesOpsHostedService>? logger = null)
    {
        _engine = engine;
        _supervisor = supervisor;
        _time = time;
        _options = options.Value;
        _logger = new GuardedLogger(logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>How many times the loop and every sink worker have all gone to wait; lets tests on fake time step in lockstep.</summary>
    internal long IdleCount => _supervisor.Idle.IdleCount;

    /// <summary>Completes once the loop and every sink worker have all gone to wait more than <paramref name="count"/> times.</summary>
    internal Task WaitForIdleAsync(long count) => _supervisor.Idle.WaitForIdleAsync(count);

    /// <summary>Completes when the loop and every sink worker are waiting for time to pass or for work.</summary>
    internal Task WaitForQuiescenceAsync() => _supervisor.Idle.WaitForQuiescenceAsync();

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The loop joins first, so the host never looks idle before it has made its first pass.
        var loop = _supervisor.Idle.Join(_time);
        var workers = new List<Task>();
        try
        {
            foreach (var sink in _supervisor.Sinks)
            {
                workers.Add(sink.Start(stoppingToken));
            }

            await RunAsync(loop, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // RunAsync catches every failure of a pass; this is the last line of defence for the host.
            SalesOpsLog.LoopFailed(_logger, exception, _options.PollInterval);
        }
        finally
        {
            loop.Leave();
        }

        try
        {
            // Workers end on the stopping token (never waiting for a sink that ignores it) and never throw.
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            SalesOpsLog.LoopFailed(_logger, exception, TimeSpan.Zero);
        }
    }

    private async Task RunAsync(WorkParticipant loop, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                ScheduleCadences();
                var pulledAny = await PullSourcesAsync(loop, stoppingToken).ConfigureAwait(false);
                PublishDue();
                if (pulledAny)
                {
                    continue;
                }

                wait = (NextWakeUp() - Now).ToTimeSpan();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                SalesOpsLog.LoopFailed(_logger, exception, _options.PollInterval);
                wait = _options.PollInterval;
            }

            if (wait > TimeSpan.Zero)
            {
                await loop.DelayAsync(wait, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void ScheduleCadences()
    {
        if (_nextPublish.Count > 0)
        {
            return;
        }

        var now = Now;
        foreach (var cadence in _engine.Definition.Metrics.Select(m => m.Review).Distinct())
        {
            _nextPublish[cadence] = NextDue(cadence, now);
        }
    }

    private Instant NextWakeUp()
    {
        var next = Now + Duration.FromTimeSpan(_options.PollInterval);
        foreach (var due in _nextPublish.Values)
        {
            next = due < next ? due : next;
        }

        foreach (var source in _supervisor.Sources)
        {
            if (source.RetryAt is { } retryAt && Instant.FromDateTimeOffset(retryAt) < next)
            {
                next = Instant.FromDateTimeOffset(retryAt);
            }
        }

        return next;
    }

    private async Task<bool> PullSourcesAsync(WorkParticipant loop, CancellationToken stoppingToken)
    {
        var pulledAny = false;
        foreach (var source in _supervisor.Sources)
        {
            pulledAny |= await source.PullAsync(_engine, loop, stoppingToken).ConfigureAwait(false);
        }

        return pulledAny;
    }

    private void PublishDue()
    {
        var now = Now;
        var due = _nextPublish.Where(p => p.Value <= now).Select(p => p.Key).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var metrics = _engine.Definition.Metrics.Where(m => due.Contains(m.Review)).Select(m => m.Name).ToList();
        IReadOnlyList<Scoreboard> scoreboards;
        try
        {
            scoreboards = _engine.Publish(metrics);
        }
        catch (Exception exception)
        {
            // Such as a store that cannot commit: the same metrics are published again after a backoff,
            // or at their next review if that comes first.
            var nextReview = due.Select(cadence => NextDue(cadence, now)).Min();
            var retry = Instant.FromDateTimeOffset(_supervisor.Publisher.Failed(exception, nextReview.ToDateTimeOffset()));
            foreach (var cadence in due)
            {
                _nextPublish[cadence] = retry;
            }

            return;
        }

        foreach (var cadence in due)
        {
            _nextPublish[cadence] = NextDue(cadence, now);
        }

        _supervisor.Publisher.Succeeded(scoreboards.Count);
        foreach (var sink in _supervisor.Sinks)
        {
            sink.Enqueue(scoreboards);
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
}
