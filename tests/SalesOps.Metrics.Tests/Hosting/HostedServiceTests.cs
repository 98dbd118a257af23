using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Tests.Support;
using SalesOps.Metrics.Testing.Fakes;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>The hosted service pulls sources and publishes on each metric's review cadence, on injected time.</summary>
public sealed class HostedServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static (ServiceProvider Provider, FakeTimeProvider Time) Host(Action<SalesOps.Metrics.DependencyInjection.SalesOpsMetricsBuilder> configure)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 8, 30, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSalesOpsMetrics(ops =>
        {
            ops.ConfigureHosting(o => o.PollInterval = TimeSpan.FromMinutes(1));
            configure(ops);
        });
        return (services.BuildServiceProvider(), time);
    }

    // The loop runs on its own task: wait until it has done its first pass and is waiting for time to pass.
    private static async Task Start(IHostedService service)
    {
        await service.StartAsync(CancellationToken.None);
        await ((SalesOps.Metrics.DependencyInjection.SalesOpsHostedService)service).WaitForIdleAsync(0).WaitAsync(Patience);
    }

    // Advances fake time and waits until the service has done its work and gone back to waiting.
    private static async Task Step(IHostedService service, FakeTimeProvider time, TimeSpan step)
    {
        var hosted = (SalesOps.Metrics.DependencyInjection.SalesOpsHostedService)service;
        var idle = hosted.IdleCount;
        time.Advance(step);
        await hosted.WaitForIdleAsync(idle).WaitAsync(Patience);
    }

    [Test]
    public async Task HostedService_HourlyMetric_PublishesOnTheHourToEverySinkDespiteAFailingOne()
    {
        var source = new InMemoryActivitySource("crm");
        source.Add(
            new ActivityEvent("1", "call.made", Instant.FromUtc(2026, 11, 16, 8, 10)),
            new ActivityEvent("2", "call.made", Instant.FromUtc(2026, 11, 16, 8, 20)));
        var sink = new CollectingSink();
        var failing = new ThrowingSink();
        var (provider, time) = Host(ops => ops
            .AddMetric("calls", m => m.Count("call.made").ReviewHourly())
            .AddSource(source)
            .AddSink(failing)
            .AddSink(sink));
        await using var _ = provider;
        var service = provider.GetServices<IHostedService>().Single();

        await Start(service);
        await Step(service, time, TimeSpan.FromMinutes(30));
        await service.StopAsync(CancellationToken.None);

        var board = sink.Received.Single();
        Assert.That(board.At, Is.EqualTo(Instant.FromUtc(2026, 11, 16, 9, 0)));
        Assert.That(board.Metrics.Select(m => (m.Period.Label, m.Total.Value)), Is.EqualTo(new[] { ("2026-11-16", (double?)2), ("2026-11", 2) }));
        Assert.That(failing.Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task HostedService_SourceFailsTwice_IsRetriedAndNothingIsLost()
    {
        var events = Enumerable.Range(0, 5)
            .Select(i => new ActivityEvent($"e{i}", "call.made", Instant.FromUtc(2026, 11, 16, 8, i)))
            .ToList();
        var source = new ScriptedSource(events, "flaky", failingReads: [1, 2]);
        var sink = new CollectingSink();
        var (provider, time) = Host(ops => ops
            .AddMetric("calls", m => m.Count("call.made").ReviewHourly())
            .AddSource(source)
            .AddSink(sink));
        await using var _ = provider;
        var service = provider.GetServices<IHostedService>().Single();
        var engine = provider.GetRequiredService<SalesOpsEngine>();

        await Start(service);
        for (var minute = 0; minute < 30; minute++)
        {
            await Step(service, time, TimeSpan.FromMinutes(1));
        }

        await service.StopAsync(CancellationToken.None);

        Assert.That(source.Reads, Is.GreaterThanOrEqualTo(3), "two failures, then the read that succeeds");
        Assert.That(engine.Report.Applied, Is.EqualTo(5));
        Assert.That(sink.Received.Last().Metrics[0].Total.Value, Is.EqualTo(5));
    }

    [Test]
    public void Start_InvalidDefinition_FailsWithEveryProblem()
    {
        var (provider, _) = Host(ops => ops
            .UseCalendar(c => c.InZone("Mars/Olympus"))
            .AddMetric("conversion", m => m.Ratio("qualified-opps", "appointments")));
        using (provider)
        {
            var error = Assert.Throws<DefinitionValidationException>(() => provider.GetServices<IHostedService>().ToList());

            Assert.That(error!.Errors.Select(e => e.Path), Is.SupersetOf(new[] { "calendar.zone", "metrics[0].ratio.numerator", "metrics[0].ratio.denominator" }));
            Assert.That(error.Message, Does.Contain("metrics[0].ratio.numerator: unknown metric 'qualified-opps'"));
        }
    }
}
