using Microsoft.Extensions.Logging;

namespace SalesOps.Metrics.Delivery;

/// <summary>
/// Every log line of the hosting layer. Failure lines are rate-limited by <see cref="FailureHistory"/>: at most
/// one per plugin per period; <c>Suppressed</c> says how many failures happened since the previous line.
/// </summary>
internal static partial class SalesOpsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Source {Source} failed {Failures} times in a row ({Suppressed} more since the last line); retrying in {Backoff}")]
    public static partial void SourceFailed(ILogger logger, Exception exception, string source, int failures, int suppressed, TimeSpan backoff);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Sink {Sink} failed {Failures} times in a row ({Suppressed} more since the last line); circuit {Circuit}, next attempt in {Delay}")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sink, int failures, int suppressed, string circuit, TimeSpan delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Source {Source} recovered after failing {Failures} times in a row ({Suppressed} more since the last line)")]
    public static partial void SourceRecovered(ILogger logger, string source, int failures, int suppressed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Sink {Sink} recovered after failing {Failures} times in a row ({Suppressed} more since the last line)")]
    public static partial void SinkRecovered(ILogger logger, string sink, int failures, int suppressed);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Sink {Sink} queue is full ({Capacity}): dropping the oldest waiting scoreboards, {Dropped} dropped so far")]
    public static partial void SinkDropped(ILogger logger, string sink, int capacity, long dropped);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Publishing scoreboards failed {Failures} times in a row ({Suppressed} more since the last line); retrying in {Backoff}")]
    public static partial void PublishFailed(ILogger logger, Exception exception, int failures, int suppressed, TimeSpan backoff);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Publishing scoreboards recovered after failing {Failures} times in a row ({Suppressed} more since the last line)")]
    public static partial void PublishRecovered(ILogger logger, int failures, int suppressed);

    [LoggerMessage(EventId = 8, Level = LogLevel.Critical, Message = "The SalesOps hosting loop failed unexpectedly; it carries on in {Delay}")]
    public static partial void LoopFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 9, Level = LogLevel.Critical, Message = "The worker of sink {Sink} failed unexpectedly; it carries on in {Delay}")]
    public static partial void SinkWorkerFailed(ILogger logger, Exception exception, string sink, TimeSpan delay);
}
