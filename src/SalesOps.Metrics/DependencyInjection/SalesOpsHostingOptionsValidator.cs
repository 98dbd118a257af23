using System.Globalization;
using FluentValidation;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>Validates <see cref="SalesOpsHostingOptions"/> at start-up; every problem is reported with its path.</summary>
internal sealed class SalesOpsHostingOptionsValidator : AbstractValidator<SalesOpsHostingOptions>
{
    // Timers on a TimeProvider take at most about 49 days; a day is far beyond any sensible wait here.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public SalesOpsHostingOptionsValidator()
    {
        Duration(o => o.PollInterval, "pollInterval", "poll interval");
        Count(o => o.BatchSize, "batchSize", "batch size");
        Duration(o => o.SourceTimeout, "sourceTimeout", "source timeout");
        Duration(o => o.MaxSourceBackoff, "maxSourceBackoff", "max source backoff");
        Count(o => o.SinkQueueCapacity, "sinkQueueCapacity", "sink queue capacity");
        Count(o => o.SinkBatchSize, "sinkBatchSize", "sink batch size");
        Duration(o => o.SinkTimeout, "sinkTimeout", "sink timeout");
        Duration(o => o.RetryBaseDelay, "retryBaseDelay", "retry base delay");
        Duration(o => o.MaxRetryDelay, "maxRetryDelay", "max retry delay");
        RuleFor(o => o.MaxRetryDelay).Named("maxRetryDelay").Custom((max, context) =>
        {
            var baseDelay = context.InstanceToValidate.RetryBaseDelay;
            if (baseDelay > TimeSpan.Zero && max > TimeSpan.Zero && max < baseDelay)
            {
                context.Fail($"max retry delay must not be shorter than the retry base delay ({Text(max)} < {Text(baseDelay)})");
            }
        });
        RuleFor(o => o.RetryJitter).Named("retryJitter").Custom((jitter, context) =>
        {
            if (!double.IsFinite(jitter) || jitter < 0 || jitter > 1)
            {
                context.Fail($"retry jitter must be a fraction from 0 to 1 ({InvariantText.Of(jitter)})");
            }
        });
        Count(o => o.BreakerFailureThreshold, "breakerFailureThreshold", "breaker failure threshold");
        Duration(o => o.BreakDuration, "breakDuration", "break duration");
    }

    private void Duration(System.Linq.Expressions.Expression<Func<SalesOpsHostingOptions, TimeSpan>> property, string path, string noun) =>
        RuleFor(property).Named(path).Custom((value, context) =>
        {
            if (value <= TimeSpan.Zero)
            {
                context.Fail($"{noun} must be positive ({Text(value)})");
            }
            else if (value > Longest)
            {
                context.Fail($"{noun} must be at most {Text(Longest)} ({Text(value)})");
            }
        });

    private void Count(System.Linq.Expressions.Expression<Func<SalesOpsHostingOptions, int>> property, string path, string noun) =>
        RuleFor(property).Named(path).Custom((value, context) =>
        {
            if (value < 1)
            {
                context.Fail($"{noun} must be at least 1 ({InvariantText.Of(value)})");
            }
        });

    private static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
