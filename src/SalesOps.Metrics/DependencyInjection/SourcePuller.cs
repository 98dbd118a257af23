using Microsoft.Extensions.Logging;
using NodaTime;
using SalesOps.Metrics.Delivery;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>
/// Pulls one source into the engine: reads from the engine's checkpoint for it, ingests the batch with the
/// checkpoint after it (one commit), and on any failure backs off while the other sources carry on.
/// </summary>
/// <remarks>
/// <para>The checkpoint is never kept here: every read starts from <see cref="SalesOpsEngine.CheckpointOf"/>, which
/// the engine moves only together with a committed batch, so a failure at any step (read, ingest, store commit)
/// leaves it on the last committed event and the retry reads the same events again.</para>
/// <para>A read gets a token cancelled after <see cref="SalesOpsHostingOptions.SourceTimeout"/>. A source that
/// ignores it is left behind (<see cref="PluginState.Stalled"/>): the loop carries on with the other sources and
/// publication, and this source is not read again until that read returns, so calls never overlap.</para>
/// </remarks>
internal sealed class SourcePuller : IPluginMonitor
{
    private readonly IActivitySource _source;
    private readonly SalesOpsHostingOptions _options;
    private readonly TimeProvider _time;
    private readonly SalesOpsInstruments _instruments;
    private readonly ILogger _logger;
    private readonly FailureHistory _failures;
    private readonly Lock _gate = new();
    private Task? _abandoned;
    private DateTimeOffset? _retryAt;
    private long _read;
    private long _committed;

    public SourcePuller(IActivitySource source, string name, SalesOpsHostingOptions options, TimeProvider time, SalesOpsInstruments instruments, ILogger logger)
    {
        _source = source;
        Name = name;
        _options = options;
        _time = time;
        _instruments = instruments;
        _logger = logger;
        _failures = new FailureHistory(options.MaxSourceBackoff);
    }

    /// <summary>The source's name: it scopes event ids and the checkpoint.</summary>
    public string Name { get; }

    /// <summary>When a failing source may be read again.</summary>
    public DateTimeOffset? RetryAt
    {
        get
        {
            lock (_gate)
            {
                return _retryAt;
            }
        }
    }

    /// <summary>Reads one batch, if the source is due, and ingests it. Never throws but on cancellation of <paramref name="stoppingToken"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="loop">The loop's worker handle: it is idle while the read is pending.</param>
    /// <param name="stoppingToken">Stops the read.</param>
    /// <returns><see langword="true"/> when events were ingested, so the loop reads again at once.</returns>
    public async Task<bool> PullAsync(SalesOpsEngine engine, WorkParticipant loop, CancellationToken stoppingToken)
    {
        if (!IsDue())
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(_options.SourceTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        Task<SourceBatch> read;
        var after = engine.CheckpointOf(Name);
        try
        {
            // The engine moves the checkpoint only with a committed batch: reading from it never skips an event.
            read = _source.ReadAsync(after, _options.BatchSize, linked.Token).AsTask();
        }
        catch (Exception exception)
        {
            read = Task.FromException<SourceBatch>(exception);
        }

        await loop.WaitAsync(read, linked.Token).ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        if (!read.IsCompleted)
        {
            lock (_gate)
            {
                _abandoned = read;
            }

            Failed(new TimeoutException($"Source '{Name}' did not return within {_options.SourceTimeout} and ignored cancellation."), timedOut: true);
            return false;
        }

        SourceBatch? batch;
        try
        {
            batch = await read.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Failed(exception, timeout.IsCancellationRequested);
            return false;
        }

        if (batch?.Events is null)
        {
            Failed(new InvalidOperationException($"Source '{Name}' returned no batch."), timedOut: false);
            return false;
        }

        lock (_gate)
        {
            _read += batch.Events.Count;
        }

        // An empty batch may still move the checkpoint past records that yield no event (rows the source skipped):
        // commit it alone so those records are not read again on every poll.
        if (!batch.IsEmpty || (batch.Checkpoint is { } moved && moved != after))
        {
            IngestionReport report;
            try
            {
                report = engine.Ingest(batch.Events, Name, batch.Checkpoint);
            }
            catch (Exception exception)
            {
                // A store failure: the engine undid the batch and kept the checkpoint; the same events come again.
                Failed(exception, timedOut: false);
                return false;
            }

            _instruments.Ingested(Name, report);
        }

        Succeeded(batch.Events.Count);
        return !batch.IsEmpty;
    }

    /// <inheritdoc />
    public PluginStatus Snapshot()
    {
        lock (_gate)
        {
            var state = _abandoned is { IsCompleted: false }
                ? PluginState.Stalled
                : _failures.Consecutive > 0 ? PluginState.Retrying : PluginState.Healthy;
            return new PluginStatus
            {
                Name = Name,
                Kind = PluginKind.Source,
                State = state,
                ConsecutiveFailures = _failures.Consecutive,
                TotalFailures = _failures.Total,
                TimedOut = _failures.TimedOut,
                Received = _read,
                Delivered = _committed,
                LastError = _failures.LastError,
                LastErrorAt = _failures.LastErrorAt is { } at ? Instant.FromDateTimeOffset(at) : null,
                NextAttemptAt = _retryAt is { } retry ? Instant.FromDateTimeOffset(retry) : null,
            };
        }
    }

    private bool IsDue()
    {
        lock (_gate)
        {
            if (_abandoned is { } abandoned)
            {
                if (!abandoned.IsCompleted)
                {
                    return false;
                }

                // Its outcome no longer matters: the checkpoint did not move, so the next read covers the same events.
                _ = abandoned.Exception;
                _abandoned = null;
            }

            return _retryAt is not { } retryAt || _time.GetUtcNow() >= retryAt;
        }
    }

    private void Failed(Exception exception, bool timedOut)
    {
        var now = _time.GetUtcNow();
        bool log;
        int failures;
        int suppressed;
        TimeSpan backoff;
        lock (_gate)
        {
            log = _failures.Fail(exception, now, timedOut, out suppressed);
            failures = _failures.Consecutive;
            backoff = RetryBackoff.Delay(failures + 1, _options.PollInterval, _options.MaxSourceBackoff, jitter: 0, random: 0);
            _retryAt = now + backoff;
        }

        _instruments.SourceFailed(Name);
        if (log)
        {
            SalesOpsLog.SourceFailed(_logger, exception, Name, failures, suppressed, backoff);
        }
    }

    private void Succeeded(int events)
    {
        int streak;
        int suppressed;
        lock (_gate)
        {
            _committed += events;
            _retryAt = null;
            streak = _failures.Succeed(out suppressed);
        }

        if (streak > 0)
        {
            SalesOpsLog.SourceRecovered(_logger, Name, streak, suppressed);
        }
    }
}
