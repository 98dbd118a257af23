using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Store;
using SalesOps.Metrics.Tests.Hosting.Support;
using SalesOps.Metrics.Tests.Support;
using static SalesOps.Metrics.Tests.Hosting.Support.HostHarness;
using SalesOps.Metrics.Testing.Fakes;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>
/// A <see cref="Microsoft.Extensions.Hosting.BackgroundService"/> whose ExecuteAsync throws stops the whole
/// application by default: whatever fails under the hosting loop is logged, counted and retried instead.
/// </summary>
public sealed class PublishFaultTests
{
    [Test]
    public async Task ExecuteAsync_StoreFailsEveryCommitForFourMinutes_NeverThrows_PublishesAgainOnceTheStoreRecovers()
    {
        var store = new FailingStore(new InMemoryMetricStore());
        var crm = new InMemoryActivitySource("crm");
        crm.Add(Enumerable.Range(0, 3).Select(i => new ActivityEvent($"c{i}", "call.made", NodaTime.Instant.FromUtc(2026, 11, 16, 8, i))));
        await using var host = Create((ops, time) => ops
            .AddMetric("calls", m => m.Count("call.made").ReviewEvery(Duration.FromMinutes(1)))
            .UseStore(_ => store)
            .AddSource(crm)
            .AddSink(ScriptedSink.Collecting("dashboard", time)));
        var dashboard = host.ScriptedSinks["dashboard"];
        store.FailCommits = true;

        await host.StartAsync();
        await host.RunUntilAsync(At(4, 30));

        // Publication failed at 08:31, 08:32, 08:33 and 08:34 (each commit of the scoreboards threw); the source's
        // commit failed at 08:30 and 08:32 (it backs off to 08:36). The loop is alive and nothing reached the sink.
        Assert.That(host.Service.ExecuteTask!.IsCompleted, Is.False);
        var publisher = host.Status.Publisher;
        Assert.That((publisher.State, publisher.TotalFailures, publisher.Delivered), Is.EqualTo((PluginState.Retrying, 4L, 0L)));
        Assert.That(publisher.LastError, Does.StartWith("StoreException"));
        Assert.That(host.Source("crm").TotalFailures, Is.EqualTo(2));
        Assert.That(dashboard.Delivered, Is.Empty);

        store.FailCommits = false;
        await host.RunUntilAsync(At(7));

        // 08:35 publishes (no event committed yet), 08:36 the source commits its three calls, then publishes them.
        Assert.That(dashboard.Delivered.Select(b => (b.At, b.Metrics[0].Total.Value)), Is.EqualTo(new[]
        {
            (Instant(5), (double?)0),
            (Instant(6), 3),
            (Instant(7), 3),
        }));
        publisher = host.Status.Publisher;
        Assert.That((publisher.State, publisher.TotalFailures, publisher.ConsecutiveFailures, publisher.Delivered), Is.EqualTo((PluginState.Healthy, 4L, 0, 3L)));
        Assert.That(host.Engine.Report.Applied, Is.EqualTo(3));

        // One error line each per 5 minutes: the source at 08:30, the publisher at 08:31; the recovery sums up the rest.
        Assert.That(host.Errors.Select(e => (e.Timestamp, e.Message)), Is.EqualTo(new[]
        {
            (At(0), "Source crm failed 1 times in a row (0 more since the last line); retrying in 00:02:00"),
            (At(1), "Publishing scoreboards failed 1 times in a row (0 more since the last line); retrying in 00:01:00"),
        }));
        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.Member("Publishing scoreboards recovered after failing 4 times in a row (3 more since the last line)"));

        await host.StopAsync();
        Assert.That(host.Service.ExecuteTask!.Status, Is.EqualTo(TaskStatus.RanToCompletion));
    }

    [Test]
    public async Task ExecuteAsync_SourceAndSinkThrowingSynchronously_NeverThrows_AndStopsCleanly()
    {
        await using var host = Create((ops, _) => ops
            .AddMetric("calls", m => m.Count("call.made").ReviewEvery(Duration.FromMinutes(1)))
            .AddSource(new ThrowingSource())
            .AddSink(new ThrowingSink()));

        await host.StartAsync();
        await host.RunUntilAsync(At(3));

        Assert.That(host.Service.ExecuteTask!.IsCompleted, Is.False);
        Assert.That(host.Source("throwing").TotalFailures, Is.EqualTo(2), "08:30 and 08:32");
        Assert.That(host.Sink("throwing").Received, Is.EqualTo(3));
        await host.StopAsync();
        Assert.That(host.Service.ExecuteTask!.Status, Is.EqualTo(TaskStatus.RanToCompletion));
    }

    [Test]
    public async Task ExecuteAsync_LoggingProviderThatThrows_NeverThrows_PluginsStillRetried()
    {
        await using var host = Create(
            (ops, _) => ops
                .AddMetric("calls", m => m.Count("call.made").ReviewEvery(Duration.FromMinutes(1)))
                .AddSource(new ThrowingSource())
                .AddSink(new ThrowingSink()),
            services: s => s.AddLogging(l => l.AddProvider(new ThrowingLoggerProvider())));

        await host.StartAsync();
        await host.RunUntilAsync(At(3));

        Assert.That(host.Service.ExecuteTask!.IsCompleted, Is.False);
        Assert.That((host.Source("throwing").TotalFailures, host.Sink("throwing").TotalFailures), Is.EqualTo((2L, 6L)), "source: 08:30, 08:32; sink: 08:31:00, :00.9, :02.7, then probes at :32.7, 08:32:02.7, :32.7");
        await host.StopAsync();
        Assert.That(host.Service.ExecuteTask!.Status, Is.EqualTo(TaskStatus.RanToCompletion));
    }

    private sealed class ThrowingLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ThrowingLogger();

        public void Dispose()
        {
        }

        private sealed class ThrowingLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => throw new InvalidOperationException("The log disk is full.");

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                throw new InvalidOperationException("The log disk is full.");
        }
    }

    private sealed class ThrowingSource : IActivitySource
    {
        public string Name => "throwing";

        public ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Not a ValueTask: thrown before returning one.");
    }
}
