using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Store;
using SalesOps.Metrics.Tests.Hosting.Support;
using SalesOps.Metrics.Tests.Support;
using static SalesOps.Metrics.Tests.Hosting.Support.HostHarness;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>
/// A source that fails mid-stream is retried with backoff (2 min, then 4 min at a 1-minute poll); its checkpoint
/// never passes the last committed event, and after the retry nothing is lost or counted twice (SPEC §7).
/// </summary>
public sealed class SourceFaultTests
{
    // Twelve calls before the scenario starts, read three at a time; hourly review, so nothing is published (or late) meanwhile.
    private static readonly IReadOnlyList<ActivityEvent> Calls =
        [.. Enumerable.Range(0, 12).Select(i => new ActivityEvent($"call-{i}", "call.made", NodaTime.Instant.FromUtc(2026, 11, 16, 8, i)))];

    private static HostHarness Host(IActivitySource source, Action<SalesOpsMetricsBuilder>? more = null) => Create(
        (ops, _) =>
        {
            ops.AddMetric("calls", m => m.Count("call.made").ReviewHourly()).AddSource(source);
            more?.Invoke(ops);
        },
        o => o.BatchSize = 3);

    [Test]
    public async Task SourceThrowingAtItsThirdRead_IsRetried_CheckpointNeverPassesTheLastCommittedEvent_NothingLostOrDoubled()
    {
        var source = new MidStreamFailingSource("crm", Calls, failAtRead: 3, failures: 2);
        await using var host = Host(source);
        var samples = new List<(DateTimeOffset At, string? Checkpoint, long Applied)>();
        void Sample() => samples.Add((host.Now, host.Engine.CheckpointOf("crm")?.Value, host.Engine.Report.Applied));

        await host.StartAsync();
        Sample();
        await host.RunUntilAsync(At(10), Sample);

        // 08:30 reads 0–2 and 3–5, then read 3 throws; 08:32 it throws again; 08:36 it reads 6–8, then 9–11.
        Assert.That(source.Asked.Take(8), Is.EqualTo(new[] { null, "3", "6", "6", "6", "9", "12", "12" }));
        Assert.That(samples.First(s => s.At == At(0)), Is.EqualTo((At(0), "6", 6L)));
        Assert.That(samples.First(s => s.At == At(5)), Is.EqualTo((At(5), "6", 6L)));
        Assert.That(samples.First(s => s.At == At(6)), Is.EqualTo((At(6), "12", 12L)));
        Assert.That(samples, Has.All.Matches<(DateTimeOffset At, string? Checkpoint, long Applied)>(s => s.Checkpoint == s.Applied.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "the checkpoint names exactly the last committed event at every step");

        var report = host.Engine.Report;
        Assert.That((report.Received, report.Applied, report.Duplicates, report.Rejected), Is.EqualTo((12L, 12L, 0L, 0L)));
        Assert.That(host.Engine.Query("calls", Window.Today), Is.EqualTo(12));
        var status = host.Source("crm");
        Assert.That((status.State, status.TotalFailures, status.ConsecutiveFailures, status.Received, status.Delivered), Is.EqualTo((PluginState.Healthy, 2L, 0, 12L, 12L)));

        // One error line per 5 minutes (the longest source backoff): the second failure, 2 minutes later, is summed up on recovery.
        Assert.That(host.Errors.Select(e => (e.Timestamp, e.Message)), Is.EqualTo(new[]
        {
            (At(0), "Source crm failed 1 times in a row (0 more since the last line); retrying in 00:02:00"),
        }));
        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.Member("Source crm recovered after failing 2 times in a row (1 more since the last line)"));
    }

    [Test]
    public async Task StoreFailingToCommitTheThirdBatch_CheckpointStaysOnTheLastCommittedEvent_RetryCommitsEachEventOnce()
    {
        var store = new FailingStore(new InMemoryMetricStore());
        var source = new MidStreamFailingSource("crm", Calls, failAtRead: int.MaxValue, failures: 0) { OnRead = read => store.FailCommits = read == 3 };
        await using var host = Host(source, ops => ops.UseStore(_ => store));
        var samples = new List<(string? Checkpoint, long Applied)>();

        await host.StartAsync();
        samples.Add((host.Engine.CheckpointOf("crm")?.Value, host.Engine.Report.Applied));
        Assert.That(samples[0], Is.EqualTo(("6", 6L)), "the third batch was read, its commit failed and was undone");
        await host.RunUntilAsync(At(5), () => samples.Add((host.Engine.CheckpointOf("crm")?.Value, host.Engine.Report.Applied)));

        Assert.That(source.Asked.Take(6), Is.EqualTo(new[] { null, "3", "6", "6", "9", "12" }));
        Assert.That(samples, Has.All.Matches<(string? Checkpoint, long Applied)>(s => s.Checkpoint == s.Applied.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var report = host.Engine.Report;
        Assert.That((report.Applied, report.Duplicates), Is.EqualTo((12L, 0L)));
        Assert.That(host.Engine.Query("calls", Window.Today), Is.EqualTo(12));
        Assert.That(host.Source("crm").TotalFailures, Is.EqualTo(1));
        Assert.That(host.Source("crm").LastError, Does.StartWith("StoreException"));
    }

    [Test]
    public async Task TwoSources_OneFailingEveryRead_TheOtherIsIngestedOnEveryPoll()
    {
        var broken = new MidStreamFailingSource("broken", Calls, failAtRead: 1, failures: 1_000);
        var crm = new Metrics.Plugins.InMemoryActivitySource("crm");
        await using var host = Host(broken, ops => ops.AddSource(crm));

        await host.StartAsync();
        for (var minute = 1; minute <= 5; minute++)
        {
            crm.Add(new ActivityEvent($"m{minute}", "call.made", Instant(minute - 1)));
            await host.RunUntilAsync(At(minute));
            Assert.That(host.Engine.Report.Applied, Is.EqualTo(minute), $"at minute {minute}");
        }

        // The broken source backs off 2, 4, then 5 (the cap) minutes: reads at 08:30, 08:32 and 08:36 only.
        Assert.That(broken.Asked, Has.Count.EqualTo(2));
        Assert.That(host.Source("broken").State, Is.EqualTo(PluginState.Retrying));
        Assert.That(host.Source("broken").NextAttemptAt, Is.EqualTo(Instant(6)));
    }

    [Test]
    public void Start_TwoSourcesWithTheSameName_IsRefusedBecauseTheyWouldShareACheckpoint()
    {
        var services = new ServiceCollection();
        services.AddSalesOpsMetrics(ops => ops
            .AddMetric("calls", m => m.Count("call.made"))
            .AddSource(new Metrics.Plugins.InMemoryActivitySource("crm"))
            .AddSource(new Metrics.Plugins.InMemoryActivitySource("crm")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<SalesOpsStatus>());

        Assert.That(error!.Message, Does.Contain("shared: 'crm'"));
    }
}
