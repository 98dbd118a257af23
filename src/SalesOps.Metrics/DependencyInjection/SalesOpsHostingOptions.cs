namespace SalesOps.Metrics.DependencyInjection;

/// <summary>How the hosted service pulls sources, publishes, and delivers to sinks; validated at start-up.</summary>
/// <remarks>
/// <para>Every sink gets its own bounded queue and worker. When a queue is full the oldest waiting scoreboard is
/// dropped and counted (see <see cref="SalesOpsStatus"/>). A failed write is retried after
/// <c>min(<see cref="MaxRetryDelay"/>, <see cref="RetryBaseDelay"/> · 2^(failures − 1))</c>, shortened by a random
/// fraction of at most <see cref="RetryJitter"/>; after <see cref="BreakerFailureThreshold"/> failures in a row the
/// sink's circuit opens for <see cref="BreakDuration"/>, after which one probe write closes or reopens it.</para>
/// <para>Failure lines are logged at most once per <see cref="MaxRetryDelay"/> per sink and once per
/// <see cref="MaxSourceBackoff"/> per source (and for the publisher); the next line says how many were held back.</para>
/// </remarks>
public sealed class SalesOpsHostingOptions
{
    /// <summary>How often each source is polled when it has nothing new. Default 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most events read from a source at once. Default 1000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long one source read may take before it is cancelled and counted as a failure. Default 30 seconds.</summary>
    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait before retrying a failing source (or publication). Default 5 minutes.</summary>
    public TimeSpan MaxSourceBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many scoreboards wait for each sink before the oldest is dropped. Default 100.</summary>
    public int SinkQueueCapacity { get; set; } = 100;

    /// <summary>The most scoreboards written to a sink in one call. Default 10.</summary>
    public int SinkBatchSize { get; set; } = 10;

    /// <summary>How long one sink write may take before its cancellation token is cancelled. Default 30 seconds.</summary>
    public TimeSpan SinkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first retry of a failed sink write, before jitter. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries of a sink write, before jitter. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest fraction by which jitter shortens a retry delay, from 0 (none) to 1. Default 0.2.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>Failures in a row after which a sink's circuit opens. Default 5.</summary>
    public int BreakerFailureThreshold { get; set; } = 5;

    /// <summary>How long an open circuit stays open before a probe write. Default 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
