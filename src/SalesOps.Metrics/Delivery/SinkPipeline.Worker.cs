namespace SalesOps.Metrics.Delivery;

// The worker: takes a batch, waits out an open circuit, writes with a timeout, and backs off after a failure.
internal sealed partial class SinkPipeline
{
    private async Task RunAsync(WorkParticipant worker, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await StepAsync(worker, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    // Only a bug in this class gets here; a sink's own exceptions are handled in WriteAsync.
                    SalesOpsLog.SinkWorkerFailed(_logger, exception, Name, _options.PollInterval);
                    await worker.DelayAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            worker.Leave();
        }
    }

    private async Task StepAsync(WorkParticipant worker, CancellationToken stoppingToken)
    {
        var batch = NextBatch(worker);
        if (batch is null)
        {
            await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false);
            worker.EndWait();
            return;
        }

        var now = _time.GetUtcNow();
        TimeSpan pause;
        lock (_gate)
        {
            pause = _breaker.RemainingBreak(now);
        }

        if (pause > TimeSpan.Zero)
        {
            await worker.DelayAsync(pause, stoppingToken).ConfigureAwait(false);
            return;
        }

        var (error, timedOut) = await WriteAsync(worker, batch, stoppingToken).ConfigureAwait(false);
        if (error is null)
        {
            Delivered(batch);
            return;
        }

        var retry = Failed(error, timedOut);
        if (retry > TimeSpan.Zero)
        {
            await worker.DelayAsync(retry, stoppingToken).ConfigureAwait(false);
        }
    }

    // The batch being written, or the next one taken from the queue; when there is none the worker sleeps
    // under the same lock an enqueue takes to wake it, so no scoreboard can slip between the two.
    private IReadOnlyList<Scoreboard>? NextBatch(WorkParticipant worker)
    {
        lock (_gate)
        {
            if (_inFlight.Length == 0)
            {
                var count = Math.Min(_options.SinkBatchSize, _queue.Reader.Count);
                var items = new Scoreboard[count];
                for (var i = 0; i < count; i++)
                {
                    _queue.Reader.TryRead(out items[i]!);
                }

                _inFlight = items;
            }

            if (_inFlight.Length > 0)
            {
                return Array.AsReadOnly(_inFlight);
            }

            _waitTicket = worker.BeginWait();
            _waitingForScoreboards = true;
            worker.Sleep(_waitTicket);
            return null;
        }
    }

    private async Task<(Exception? Error, bool TimedOut)> WriteAsync(WorkParticipant worker, IReadOnlyList<Scoreboard> batch, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(_options.SinkTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        lock (_gate)
        {
            _writing = true;
            _overdue = false;
        }

        using var overdue = timeout.Token.Register(MarkOverdue);
        Task write;
        try
        {
            write = _sink.WriteAsync(batch, linked.Token).AsTask();
        }
        catch (Exception exception)
        {
            write = Task.FromException(exception);
        }

        try
        {
            await worker.WaitAsync(write, stoppingToken).ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested && !write.IsCompleted)
            {
                // Shutting down does not wait for a sink that ignores cancellation; its eventual failure is observed here.
                _ = write.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            stoppingToken.ThrowIfCancellationRequested();
            try
            {
                await write.ConfigureAwait(false);
                return (null, false);
            }
            catch (Exception exception)
            {
                return (exception, timeout.IsCancellationRequested);
            }
        }
        finally
        {
            lock (_gate)
            {
                _writing = false;
                _overdue = false;
            }
        }
    }

    private void MarkOverdue()
    {
        lock (_gate)
        {
            _overdue = _writing;
        }
    }

    private void Delivered(IReadOnlyList<Scoreboard> batch)
    {
        int streak;
        int suppressed;
        lock (_gate)
        {
            _delivered += batch.Count;
            _inFlight = [];
            _breaker.OnSuccess();
            streak = _failures.Succeed(out suppressed);
            _nextAttemptAt = null;
        }

        _instruments.SinkDelivered(Name, batch.Count);
        if (streak > 0)
        {
            SalesOpsLog.SinkRecovered(_logger, Name, streak, suppressed);
        }
    }

    private TimeSpan Failed(Exception error, bool timedOut)
    {
        var now = _time.GetUtcNow();
        bool log;
        int failures;
        int suppressed;
        TimeSpan retry;
        TimeSpan untilNext;
        string circuit;
        lock (_gate)
        {
            log = _failures.Fail(error, now, timedOut, out suppressed);
            failures = _failures.Consecutive;
            var opened = _breaker.OnFailure(now, failures);
            retry = opened
                ? TimeSpan.Zero
                : RetryBackoff.Delay(failures, _options.RetryBaseDelay, _options.MaxRetryDelay, _options.RetryJitter, _jitter.Next());
            untilNext = opened ? _options.BreakDuration : retry;
            _nextAttemptAt = now + untilNext;
            circuit = opened ? "open" : "closed";
        }

        _instruments.SinkFailed(Name, timedOut);
        if (log)
        {
            SalesOpsLog.SinkFailed(_logger, error, Name, failures, suppressed, circuit, untilNext);
        }

        return retry;
    }
}
