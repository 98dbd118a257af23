using Microsoft.Extensions.Logging;
using NodaTime;
using SalesOps.Metrics.Delivery;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>
/// The state of the engine's publication: a failure (such as a store that cannot commit) is logged, counted and
/// retried with backoff; it never leaves the hosting loop.
/// </summary>
internal sealed class PublicationMonitor : IPluginMonitor
{
    private readonly SalesOpsHostingOptions _options;
    private readonly TimeProvider _time;
    private readonly SalesOpsInstruments _instruments;
    private readonly ILogger _logger;
    private readonly FailureHistory _failures;
    private readonly Lock _gate = new();
    private DateTimeOffset? _retryAt;
    private long _published;

    public PublicationMonitor(SalesOpsHostingOptions options, TimeProvider time, SalesOpsInstruments instruments, ILogger logger)
    {
        _options = options;
        _time = time;
        _instruments = instruments;
        _logger = logger;
        _failures = new FailureHistory(options.MaxSourceBackoff);
    }

    /// <inheritdoc />
    public string Name => "publisher";

    /// <summary>Records a failed publication and decides when to publish again.</summary>
    /// <param name="exception">What went wrong.</param>
    /// <param name="nextReview">When the failed metrics are next due anyway.</param>
    /// <returns>When to publish them again: after a backoff, or at their next review if that comes first.</returns>
    public DateTimeOffset Failed(Exception exception, DateTimeOffset nextReview)
    {
        var now = _time.GetUtcNow();
        bool log;
        int failures;
        int suppressed;
        DateTimeOffset retryAt;
        lock (_gate)
        {
            log = _failures.Fail(exception, now, timedOut: false, out suppressed);
            failures = _failures.Consecutive;
            var backoff = RetryBackoff.Delay(failures + 1, _options.PollInterval, _options.MaxSourceBackoff, jitter: 0, random: 0);
            retryAt = now + backoff < nextReview ? now + backoff : nextReview;
            _retryAt = retryAt;
        }

        _instruments.PublishFailed();
        if (log)
        {
            SalesOpsLog.PublishFailed(_logger, exception, failures, suppressed, retryAt - now);
        }

        return retryAt;
    }

    /// <summary>Records a publication.</summary>
    /// <param name="scoreboards">How many scoreboards it produced.</param>
    public void Succeeded(int scoreboards)
    {
        int streak;
        int suppressed;
        lock (_gate)
        {
            _published += scoreboards;
            _retryAt = null;
            streak = _failures.Succeed(out suppressed);
        }

        if (streak > 0)
        {
            SalesOpsLog.PublishRecovered(_logger, streak, suppressed);
        }
    }

    /// <inheritdoc />
    public PluginStatus Snapshot()
    {
        lock (_gate)
        {
            return new PluginStatus
            {
                Name = Name,
                Kind = PluginKind.Publisher,
                State = _failures.Consecutive > 0 ? PluginState.Retrying : PluginState.Healthy,
                ConsecutiveFailures = _failures.Consecutive,
                TotalFailures = _failures.Total,
                Received = _published,
                Delivered = _published,
                LastError = _failures.LastError,
                LastErrorAt = _failures.LastErrorAt is { } at ? Instant.FromDateTimeOffset(at) : null,
                NextAttemptAt = _retryAt is { } retry ? Instant.FromDateTimeOffset(retry) : null,
            };
        }
    }
}
