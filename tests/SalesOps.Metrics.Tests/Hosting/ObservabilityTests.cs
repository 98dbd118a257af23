using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NodaTime;
using SalesOps.Metrics.Tests.Hosting.Support;
using static SalesOps.Metrics.Tests.Hosting.Support.HostHarness;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>Health checks, self-metrics and rate-limited logging tell operators what each plugin is going through.</summary>
public sealed class ObservabilityTests
{
    private static IReadOnlyList<ActivityEvent> Events(params double?[] values) =>
        [.. values.Select((v, i) => new ActivityEvent($"e{i}", "call.made", NodaTime.Instant.FromUtc(2026, 11, 16, 8, i), v))];

    private static HostHarness FlakyHost(Func<bool> failing, IActivitySource source, Action<Metrics.DependencyInjection.SalesOpsHostingOptions>? hosting = null) => Create(
        (ops, time) => ops
            .AddMetric("calls", m => m.Count("call.made").ReviewEvery(Duration.FromMinutes(1)))
            .AddSource(source)
            .AddSink(ScriptedSink.Collecting("dashboard", time))
            .AddSink(new ScriptedSink("wallboard", time, _ => failing() ? SinkMove.Throw : SinkMove.Succeed)),
        hosting);

    private static async Task<HealthReport> Health(HostHarness host) =>
        await host.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Test]
    public async Task HealthChecks_SinkRetryingThenOpenThenRecovered_ReportDegradedThenUnhealthyThenHealthy()
    {
        var failing = true;
        var source = new MidStreamFailingSource("crm", Events(1, 2), failAtRead: 1, failures: 1);
        await using var host = FlakyHost(() => Volatile.Read(ref failing), source, o => o.SinkQueueCapacity = 2);

        await host.StartAsync();
        await host.RunUntilAsync(At(1));
        var report = await Health(host);

        Assert.That(report.Entries.Keys, Is.EquivalentTo(new[] { "salesops:source:crm", "salesops:sink:dashboard", "salesops:sink:wallboard", "salesops:publisher" }));
        Assert.That(report.Status, Is.EqualTo(HealthStatus.Degraded));
        var crm = report.Entries["salesops:source:crm"];
        Assert.That((crm.Status, crm.Description), Is.EqualTo((HealthStatus.Degraded, "source 'crm': retrying after 1 failures in a row; IOException: The CRM connection dropped at read 1.")));
        Assert.That(crm.Data["nextAttemptAt"], Is.EqualTo("2026-11-16T08:32:00Z"));
        var wallboard = report.Entries["salesops:sink:wallboard"];
        Assert.That(wallboard.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(wallboard.Data["consecutiveFailures"], Is.EqualTo(1));
        Assert.That(wallboard.Data["inFlight"], Is.EqualTo(1));
        Assert.That(wallboard.Data["lastError"], Is.EqualTo("InvalidOperationException: The dashboard is down."));
        Assert.That(report.Entries["salesops:sink:dashboard"].Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(report.Entries["salesops:publisher"].Status, Is.EqualTo(HealthStatus.Healthy));

        // The third failure in a row (08:31:02.7) opens the circuit for 30 s.
        await host.RunUntilAsync(At(1, 2.7));
        wallboard = (await Health(host)).Entries["salesops:sink:wallboard"];
        Assert.That((wallboard.Status, wallboard.Description), Is.EqualTo((HealthStatus.Unhealthy, "sink 'wallboard': circuit open after 3 failures in a row; InvalidOperationException: The dashboard is down.")));
        Assert.That(wallboard.Data["nextAttemptAt"], Is.EqualTo("2026-11-16T08:31:32.7Z"));

        // 08:34: the source recovered at 08:32; the wallboard failed 8 times (the last probe at 08:33:32.7), and its
        // queue of 2 is full: 08:34's scoreboard pushed out 08:32's.
        await host.RunUntilAsync(At(4));
        report = await Health(host);
        Assert.That(report.Entries["salesops:source:crm"].Status, Is.EqualTo(HealthStatus.Healthy));
        wallboard = report.Entries["salesops:sink:wallboard"];
        Assert.That((wallboard.Data["queued"], wallboard.Data["dropped"], wallboard.Data["totalFailures"]), Is.EqualTo((2, 1L, 8L)));
        Assert.That(report.Status, Is.EqualTo(HealthStatus.Unhealthy));

        Volatile.Write(ref failing, false);
        await host.RunUntilAsync(At(4, 30));
        wallboard = (await Health(host)).Entries["salesops:sink:wallboard"];
        Assert.That((wallboard.Status, wallboard.Description), Is.EqualTo((HealthStatus.Healthy, "sink 'wallboard': healthy")));
        Assert.That((wallboard.Data["delivered"], wallboard.Data["dropped"], wallboard.Data["queued"]), Is.EqualTo((3L, 1L, 0)));
    }

    [Test]
    public async Task HealthCheck_SinkStalledPastItsTimeout_IsUnhealthy()
    {
        await using var host = Create((ops, time) => ops
            .AddMetric("calls", m => m.Count("call.made").ReviewEvery(Duration.FromMinutes(1)))
            .AddSink(new ScriptedSink("frozen", time, _ => SinkMove.HangIgnoringCancellation)));

        await host.StartAsync();
        await host.RunUntilAsync(At(1, 5));
        var frozen = (await Health(host)).Entries["salesops:sink:frozen"];

        Assert.That((frozen.Status, frozen.Description), Is.EqualTo((HealthStatus.Unhealthy, "sink 'frozen': a call outlived its timeout and ignored cancellation")));
        await host.StopAsync();
        host.ScriptedSinks["frozen"].ReleaseStalled();
    }

    [Test]
    public async Task SelfMetrics_IngestionSinkFailuresAndDrops_AreCountedOnTheSalesOpsMeter()
    {
        var failing = true;
        var source = new MidStreamFailingSource("crm", Events(1, 2, double.NaN, 4), failAtRead: 1, failures: 1);
        await using var host = FlakyHost(() => Volatile.Read(ref failing), source, o => o.SinkQueueCapacity = 1);
        var factory = host.Provider.GetRequiredService<IMeterFactory>();
        MetricCollector<long> Counter(string name) => new(factory, "SalesOps.Metrics", name);
        using var received = Counter("salesops.events.received");
        using var applied = Counter("salesops.events.applied");
        using var rejected = Counter("salesops.events.rejected");
        using var late = Counter("salesops.events.late");
        using var sourceFailures = Counter("salesops.source.failures");
        using var sinkFailures = Counter("salesops.sink.failures");
        using var timeouts = Counter("salesops.sink.timeouts");
        using var drops = Counter("salesops.sink.drops");
        using var delivered = Counter("salesops.sink.delivered");
        using var depth = new MetricCollector<int>(factory, "SalesOps.Metrics", "salesops.sink.queue.depth");

        await host.StartAsync();
        await host.RunUntilAsync(At(3, 30));
        depth.RecordObservableInstruments();
        var depths = depth.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["salesops.sink"]!, m => m.Value);

        // 08:30 the read fails; 08:32 it brings 4 events: 3 applied, all late (08:31 was published), 1 rejected (NaN).
        Assert.That(sourceFailures.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
        Assert.That(received.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(4));
        Assert.That(applied.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(3));
        Assert.That(late.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(3));
        Assert.That(rejected.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["salesops.reason"])), Is.EqualTo(new[] { (1L, (object?)"InvalidValue") }));
        Assert.That(received.LastMeasurement!.Tags["salesops.source"], Is.EqualTo("crm"));

        // 08:33:30: the wallboard holds 08:31's scoreboard in flight and 08:33's in its queue of 1 (08:32's was dropped).
        Assert.That(depths, Is.EqualTo(new Dictionary<string, int> { ["dashboard"] = 0, ["wallboard"] = 2 }));

        Volatile.Write(ref failing, false);
        await host.RunUntilAsync(At(5, 30));

        // Failures at 08:31:00, :00.9, :02.7, then probes every 30 s until 08:33:02.7 (7); the probe at 08:33:32.7
        // writes 08:31's scoreboard, then 08:33's; 08:34's and 08:35's follow. 08:32's was pushed out of the queue.
        Assert.That(sinkFailures.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(7));
        Assert.That(sinkFailures.LastMeasurement!.Tags["salesops.sink"], Is.EqualTo("wallboard"));
        Assert.That(timeouts.GetMeasurementSnapshot(), Is.Empty);
        Assert.That(drops.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
        var deliveredBySink = delivered.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["salesops.sink"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.That(deliveredBySink, Is.EqualTo(new Dictionary<string, long> { ["dashboard"] = 5, ["wallboard"] = 4 }));
    }

    [Test]
    public async Task Logging_SinkFailingEveryThirtySeconds_LogsAtMostOneErrorLinePerMaxRetryDelay_AndSumsUpTheRest()
    {
        var failing = true;
        await using var host = FlakyHost(() => Volatile.Read(ref failing), new MidStreamFailingSource("crm", [], 1, 0), o => o.MaxRetryDelay = TimeSpan.FromMinutes(1));

        await host.StartAsync();
        await host.RunUntilAsync(At(10, 40));
        Volatile.Write(ref failing, false);
        await host.RunUntilAsync(At(11, 30));

        // 22 failures (08:31:00, :00.9, :02.7, then probes at :32.7 and :02.7 up to 08:40:32.7); 10 error lines,
        // 60 s or more apart, each saying how many failures it did not log; the recovery line sums up the last one.
        var lines = host.Errors.Where(e => e.Message.StartsWith("Sink wallboard", StringComparison.Ordinal)).ToList();
        Assert.That(host.Sink("wallboard").TotalFailures, Is.EqualTo(22));
        Assert.That(lines.Select(l => l.Timestamp), Is.EqualTo(new[] { At(1) }.Concat(Enumerable.Range(2, 9).Select(m => At(m, 2.7)))));
        Assert.That(lines.Zip(lines.Skip(1), (a, b) => b.Timestamp - a.Timestamp), Has.All.GreaterThanOrEqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(lines[0].Message, Does.Contain("failed 1 times in a row (0 more since the last line)"));
        Assert.That(lines[1].Message, Does.Contain("failed 5 times in a row (3 more since the last line)"));
        Assert.That(lines.Skip(2).Select(l => l.Message), Has.All.Contain("(1 more since the last line)"));
        Assert.That(lines.Select(l => l.Exception), Has.All.InstanceOf<InvalidOperationException>());
        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.Member("Sink wallboard recovered after failing 22 times in a row (1 more since the last line)"));
    }
}
