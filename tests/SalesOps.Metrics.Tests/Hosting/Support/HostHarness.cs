using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;
using SalesOps.Metrics.Delivery;
using SalesOps.Metrics.DependencyInjection;

namespace SalesOps.Metrics.Tests.Hosting.Support;

/// <summary>
/// The hosted service in a container on <see cref="SteppedTime"/>, with fake logging, real metrics and the health
/// checks. <see cref="RunUntilAsync"/> jumps from one due timer to the next and waits, after each jump, until the
/// loop and every sink worker wait again: each scenario is exact and takes milliseconds, and nothing sleeps.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    /// <summary>Monday 2026-11-16 08:30 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 16, 8, 30, 0, TimeSpan.Zero);

    // A safety net against a hang in real time; a passing test never comes near it.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private HostHarness(SteppedTime time, ServiceProvider provider)
    {
        Time = time;
        Provider = provider;
        Service = provider.GetServices<IHostedService>().OfType<SalesOpsHostedService>().Single();
        Engine = provider.GetRequiredService<SalesOpsEngine>();
        Status = provider.GetRequiredService<SalesOpsStatus>();
        Logs = provider.GetFakeLogCollector();
    }

    public SteppedTime Time { get; }

    public ServiceProvider Provider { get; }

    public SalesOpsHostedService Service { get; }

    public SalesOpsEngine Engine { get; }

    public SalesOpsStatus Status { get; }

    public FakeLogCollector Logs { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>
    /// Builds the container. Defaults: poll every minute; retry after 1 s, at most 8 s, jitter 0.2 drawn as 0.5 (so
    /// every retry delay is exactly 0.9 × its nominal value); the circuit opens after 3 failures for 30 s; writes time
    /// out after 5 s.
    /// </summary>
    public static HostHarness Create(Action<SalesOpsMetricsBuilder, SteppedTime> configure, Action<SalesOpsHostingOptions>? hosting = null, Action<IServiceCollection>? services = null)
    {
        var time = new SteppedTime(Start);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton(new RetryJitter(new FixedRandom(0.5)));
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging(o => o.TimeProvider = time));
        collection.AddMetrics();
        collection.AddHealthChecks().AddSalesOpsHealthChecks();
        collection.AddSalesOpsMetrics(ops =>
        {
            ops.ConfigureHosting(o =>
            {
                o.PollInterval = TimeSpan.FromMinutes(1);
                o.RetryBaseDelay = TimeSpan.FromSeconds(1);
                o.MaxRetryDelay = TimeSpan.FromSeconds(8);
                o.RetryJitter = 0.2;
                o.BreakerFailureThreshold = 3;
                o.BreakDuration = TimeSpan.FromSeconds(30);
                o.SinkTimeout = TimeSpan.FromSeconds(5);
                hosting?.Invoke(o);
            });
            configure(ops, time);
        });
        services?.Invoke(collection);
        return new HostHarness(time, collection.BuildServiceProvider());
    }

    /// <summary>A moment of the scenario: <see cref="Start"/> plus minutes and seconds.</summary>
    public static DateTimeOffset At(int minutes, double seconds = 0) => Start + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);

    public static Instant Instant(int minutes, double seconds = 0) => NodaTime.Instant.FromDateTimeOffset(At(minutes, seconds));

    /// <summary>Starts the service and waits until its first pass is done.</summary>
    public async Task StartAsync()
    {
        await Service.StartAsync(CancellationToken.None);
        await Service.WaitForIdleAsync(0).WaitAsync(Patience);
    }

    /// <summary>
    /// Moves time to <paramref name="end"/>, stopping at every timer due on the way (and at <paramref name="end"/>);
    /// after each stop, waits until everything is idle again and calls <paramref name="sample"/>.
    /// </summary>
    public async Task RunUntilAsync(DateTimeOffset end, Action? sample = null)
    {
        await QuietAsync();
        while (Time.NextDue is { } next && next <= end)
        {
            Time.SetUtcNow(next > Now ? next : Now);
            await QuietAsync();
            sample?.Invoke();
        }

        if (Now < end)
        {
            Time.SetUtcNow(end);
            await QuietAsync();
            sample?.Invoke();
        }
    }

    public Task QuietAsync() => Service.WaitForQuiescenceAsync().WaitAsync(Patience);

    public async Task StopAsync()
    {
        await Service.StopAsync(CancellationToken.None).WaitAsync(Patience);
    }

    public PluginStatus Sink(string name) => Status.Find(PluginKind.Sink, name) ?? throw new InvalidOperationException($"No sink '{name}'.");

    public PluginStatus Source(string name) => Status.Find(PluginKind.Source, name) ?? throw new InvalidOperationException($"No source '{name}'.");

    /// <summary>The error lines logged so far, oldest first.</summary>
    public IReadOnlyList<FakeLogRecord> Errors => [.. Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error)];

    /// <summary>The registered sinks that are <see cref="ScriptedSink"/>s, by name.</summary>
    public IReadOnlyDictionary<string, ScriptedSink> ScriptedSinks =>
        Provider.GetServices<IScoreboardSink>().OfType<ScriptedSink>().ToDictionary(s => s.Name, StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (Service.ExecuteTask is { IsCompleted: false })
        {
            await StopAsync();
        }

        await Provider.DisposeAsync();
    }
}
