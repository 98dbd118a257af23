using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesOps.Metrics.DependencyInjection;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>Hosting options are validated at start-up, with every problem listed at once.</summary>
public sealed class HostingOptionsTests
{
    private static IReadOnlyList<string> Problems(Action<SalesOpsHostingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSalesOpsMetrics(ops => ops.AddMetric("calls", m => m.Count("call.made")).ConfigureHosting(configure));
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<SalesOpsHostingOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
    }

    [Test]
    public void Validate_Defaults_AreValid()
    {
        Assert.That(Problems(_ => { }), Is.Empty);
    }

    [Test]
    public void Validate_EveryOptionInvalid_ListsEveryProblemWithItsPath()
    {
        var problems = Problems(o =>
        {
            o.PollInterval = TimeSpan.Zero;
            o.BatchSize = 0;
            o.SourceTimeout = TimeSpan.FromSeconds(-1);
            o.MaxSourceBackoff = TimeSpan.FromDays(2);
            o.SinkQueueCapacity = 0;
            o.SinkBatchSize = -3;
            o.SinkTimeout = TimeSpan.Zero;
            o.RetryBaseDelay = TimeSpan.FromSeconds(10);
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
            o.RetryJitter = 1.5;
            o.BreakerFailureThreshold = 0;
            o.BreakDuration = TimeSpan.Zero;
        });

        Assert.That(problems, Is.EqualTo(new[]
        {
            "hosting.pollInterval: poll interval must be positive (00:00:00)",
            "hosting.batchSize: batch size must be at least 1 (0)",
            "hosting.sourceTimeout: source timeout must be positive (-00:00:01)",
            "hosting.maxSourceBackoff: max source backoff must be at most 1.00:00:00 (2.00:00:00)",
            "hosting.sinkQueueCapacity: sink queue capacity must be at least 1 (0)",
            "hosting.sinkBatchSize: sink batch size must be at least 1 (-3)",
            "hosting.sinkTimeout: sink timeout must be positive (00:00:00)",
            "hosting.maxRetryDelay: max retry delay must not be shorter than the retry base delay (00:00:05 < 00:00:10)",
            "hosting.retryJitter: retry jitter must be a fraction from 0 to 1 (1.5)",
            "hosting.breakerFailureThreshold: breaker failure threshold must be at least 1 (0)",
            "hosting.breakDuration: break duration must be positive (00:00:00)",
        }));
    }

    [Test]
    public void Validate_NaNJitter_IsRefused()
    {
        Assert.That(Problems(o => o.RetryJitter = double.NaN), Is.EqualTo(new[] { "hosting.retryJitter: retry jitter must be a fraction from 0 to 1 (NaN)" }));
    }
}
