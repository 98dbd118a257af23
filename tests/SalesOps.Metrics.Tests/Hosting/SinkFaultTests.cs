using Microsoft.Extensions.Logging;
using NodaTime;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Tests.Hosting.Support;
using static SalesOps.Metrics.Tests.Hosting.Support.HostHarness;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>
/// A throwing, hanging or flaky sink never stops the host, ingestion or the other sinks (SPEC §7). Each scenario
/// runs on fake time with the harness defaults: a scoreboard every minute from 08:31; retries after 0.9 s, 1.8 s …
/// (1 s doubling, capped at 8 s, jitter drawn as 0.9); the circuit opens after 3 failures for 30 s; writes time out after 5 s.
/// </summary>
public sealed class SinkFaultTests
{
    private static void EveryMinute(SalesOpsMetricsBuilder ops) =>
        ops.AddMetric("calls", m => m.Count("call.made").ReviewEvery(Duration.FromMinutes(1)));

    [Test]
    public async Task SinkThrowingForTenMinutes_HostStaysUp_OtherSinkGetsEveryScoreboard_ThrowingSinkGetsTheQueuedOnesAfter()
    {
        var failing = true;
        var crm = new InMemoryActivitySource("crm");
        await using var host = Create(
            (ops, time) =>
            {
                EveryMinute(ops);
                ops.AddSource(crm)
                    .AddSink(ScriptedSink.Collecting("dashboard", time))
                    .AddSink(new ScriptedSink("wallboard", time, _ => Volatile.Read(ref failing) ? SinkMove.Throw : SinkMove.Succeed));
            },
            o =>
            {
                o.SinkQueueCapacity = 5;
                o.SinkBatchSize = 10;
            });
        var sinks = host.ScriptedSinks;

        await host.StartAsync();
        await host.RunUntilAsync(At(5, 30));
        crm.Add(Enumerable.Range(0, 5).Select(i => new ActivityEvent($"c{i}", "call.made", Instant(5))));
        await host.RunUntilAsync(At(10));

        // Ten minutes of failures: 3 quick retries (08:31:00, :00.9, :02.7), then one probe per 30 s break up to 08:39:32.7.
        var wallboard = host.Sink("wallboard");
        Assert.That(host.Service.ExecuteTask!.IsCompleted, Is.False, "the host is alive");
        Assert.That(sinks["wallboard"].Calls.Select(c => c.StartedAt).Take(4), Is.EqualTo(new[] { At(1), At(1, 0.9), At(1, 2.7), At(1, 32.7) }));
        Assert.That(sinks["wallboard"].Calls, Has.Count.EqualTo(20));
        Assert.That(wallboard.State, Is.EqualTo(PluginState.Open));
        Assert.That((wallboard.Received, wallboard.Delivered, wallboard.Dropped, wallboard.InFlight, wallboard.Queued), Is.EqualTo((10L, 0L, 4L, 1, 5)));
        Assert.That((wallboard.TotalFailures, wallboard.ConsecutiveFailures), Is.EqualTo((20L, 20)));
        Assert.That(wallboard.LastError, Is.EqualTo("InvalidOperationException: The dashboard is down."));

        // The other sink got every scoreboard at its minute, and ingestion went on: the five calls show from 08:36.
        var dashboard = sinks["dashboard"];
        Assert.That(dashboard.Calls.Select(c => c.StartedAt), Is.EqualTo(Enumerable.Range(1, 10).Select(m => At(m))));
        Assert.That(dashboard.Delivered.Select(b => b.At), Is.EqualTo(Enumerable.Range(1, 10).Select(m => Instant(m))));
        Assert.That(dashboard.Delivered.Select(b => b.Metrics[0].Total.Value), Is.EqualTo(new double?[] { 0, 0, 0, 0, 0, 5, 5, 5, 5, 5 }));
        Assert.That(host.Engine.Report.Applied, Is.EqualTo(5));

        Volatile.Write(ref failing, false);
        await host.RunUntilAsync(At(10, 30));

        // The next probe (08:40:02.7) writes the batch it held (08:31), then the five still queued (08:36–08:40);
        // the four pushed out of the full queue (08:32–08:35) are counted as dropped.
        wallboard = host.Sink("wallboard");
        Assert.That(sinks["wallboard"].Delivered.Select(b => b.At), Is.EqualTo(new[] { 1, 6, 7, 8, 9, 10 }.Select(m => Instant(m))));
        Assert.That(sinks["wallboard"].Calls.Skip(20).Select(c => (c.StartedAt, c.BatchSize)), Is.EqualTo(new[] { (At(10, 2.7), 1), (At(10, 2.7), 5) }));
        Assert.That((wallboard.Received, wallboard.Delivered, wallboard.Dropped, wallboard.Pending), Is.EqualTo((10L, 6L, 4L, 0)));
        Assert.That((wallboard.State, wallboard.ConsecutiveFailures, wallboard.TotalFailures), Is.EqualTo((PluginState.Healthy, 0, 20L)));
        Assert.That(sinks["wallboard"].Overlaps + dashboard.Overlaps, Is.Zero);

        await host.StopAsync();
        Assert.That(host.Service.ExecuteTask!.Status, Is.EqualTo(TaskStatus.RanToCompletion));
    }

    [Test]
    public async Task HangingSink_EachWriteIsCancelledAtItsTimeout_OtherSinkUnaffected()
    {
        await using var host = Create((ops, time) =>
        {
            EveryMinute(ops);
            ops.AddSink(new ScriptedSink("tv", time, _ => SinkMove.Hang))
                .AddSink(ScriptedSink.Collecting("dashboard", time));
        });
        var sinks = host.ScriptedSinks;
        var states = new List<(DateTimeOffset At, PluginState State)>();

        await host.StartAsync();
        await host.RunUntilAsync(At(6), () => states.Add((host.Now, host.Sink("tv").State)));

        // Three writes cancelled 5 s after they start (with 0.9 s and 1.8 s between), then the circuit is open
        // 30 s between probes, each cancelled 5 s in: 11 writes up to 08:36, every one cancelled at its timeout.
        var tv = sinks["tv"];
        Assert.That(tv.Calls, Has.Count.EqualTo(11));
        Assert.That(tv.Calls.Select(c => c.StartedAt).Take(5), Is.EqualTo(new[] { At(1), At(1, 5.9), At(1, 12.7), At(1, 47.7), At(2, 22.7) }));
        Assert.That(tv.Calls.Select(c => c.EndedAt - c.StartedAt), Has.All.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(tv.Calls.Count(c => c.Cancelled), Is.EqualTo(11));
        var status = host.Sink("tv");
        Assert.That((status.TimedOut, status.TotalFailures, status.Delivered, status.Received, status.Pending), Is.EqualTo((11L, 11L, 0L, 6L, 6)));
        Assert.That(status.LastError, Does.StartWith("TaskCanceledException"));

        // The state moved from retrying to open, and was half-open while each probe was in flight.
        Assert.That(states.First(s => s.At == At(1, 5)).State, Is.EqualTo(PluginState.Retrying));
        Assert.That(states.First(s => s.At == At(1, 17.7)).State, Is.EqualTo(PluginState.Open));
        Assert.That(states.First(s => s.At == At(1, 47.7)).State, Is.EqualTo(PluginState.HalfOpen));
        Assert.That(status.State, Is.EqualTo(PluginState.Open));

        var dashboard = sinks["dashboard"];
        Assert.That(dashboard.Calls.Select(c => (c.StartedAt, c.EndedAt)), Is.EqualTo(Enumerable.Range(1, 6).Select(m => (At(m), (DateTimeOffset?)At(m)))));
        Assert.That(host.Sink("dashboard").Delivered, Is.EqualTo(6));
    }

    [Test]
    public async Task SinkIgnoringCancellation_IsReportedStalled_OtherSinkAndShutdownUnaffected()
    {
        await using var host = Create((ops, time) =>
        {
            EveryMinute(ops);
            ops.AddSink(new ScriptedSink("frozen", time, _ => SinkMove.HangIgnoringCancellation))
                .AddSink(ScriptedSink.Collecting("dashboard", time));
        });
        var sinks = host.ScriptedSinks;

        await host.StartAsync();
        await host.RunUntilAsync(At(1, 4));
        Assert.That(host.Sink("frozen").State, Is.EqualTo(PluginState.Healthy), "within its timeout");
        await host.RunUntilAsync(At(4));

        var frozen = host.Sink("frozen");
        Assert.That((frozen.State, frozen.InFlight, frozen.Queued, frozen.Received), Is.EqualTo((PluginState.Stalled, 1, 3, 4L)));
        Assert.That(sinks["frozen"].Calls, Has.Count.EqualTo(1), "calls never overlap, so nothing more is written");
        Assert.That(sinks["dashboard"].Delivered, Has.Count.EqualTo(4));

        await host.StopAsync();
        Assert.That(host.Service.ExecuteTask!.Status, Is.EqualTo(TaskStatus.RanToCompletion));
        sinks["frozen"].ReleaseStalled();
    }

    [Test]
    public async Task SinkFailingFiveTimesThenRecovering_DeliversEveryScoreboardProducedInOrder()
    {
        await using var host = Create((ops, time) =>
        {
            EveryMinute(ops);
            ops.AddSink(new ScriptedSink("wallboard", time, attempt => attempt <= 5 ? SinkMove.Throw : SinkMove.Succeed))
                .AddSink(ScriptedSink.Collecting("dashboard", time));
        });
        var sinks = host.ScriptedSinks;

        await host.StartAsync();
        await host.RunUntilAsync(At(10, 30));

        // Failures at 08:31:00, :00.9, :02.7 (circuit opens), probes at 08:31:32.7 and 08:32:02.7 fail,
        // the probe at 08:32:32.7 writes the first scoreboard, then the one queued at 08:32, then each as it comes.
        var wallboard = sinks["wallboard"];
        var produced = host.Status.Publisher.Delivered;
        Assert.That(produced, Is.EqualTo(10));
        Assert.That(wallboard.Calls.Select(c => c.StartedAt).Take(7), Is.EqualTo(new[] { At(1), At(1, 0.9), At(1, 2.7), At(1, 32.7), At(2, 2.7), At(2, 32.7), At(2, 32.7) }));
        Assert.That(wallboard.Calls, Has.Count.EqualTo(15));
        Assert.That(wallboard.Delivered, Is.EqualTo(sinks["dashboard"].Delivered), "the same scoreboards, in the same order");
        var status = host.Sink("wallboard");
        Assert.That((status.Received, status.Delivered, status.Dropped, status.Pending), Is.EqualTo((produced, produced, 0L, 0)));
        Assert.That((status.TotalFailures, status.ConsecutiveFailures, status.State), Is.EqualTo((5L, 0, PluginState.Healthy)));

        // At most one error line per 8 s (the longest retry delay): 08:31:00, 08:31:32.7 (2 held back), 08:32:02.7.
        var errors = host.Errors.Where(e => e.Message.StartsWith("Sink wallboard", StringComparison.Ordinal)).ToList();
        Assert.That(errors.Select(e => e.Timestamp), Is.EqualTo(new[] { At(1), At(1, 32.7), At(2, 2.7) }));
        Assert.That(errors.Select(e => e.Message), Is.EqualTo(new[]
        {
            "Sink wallboard failed 1 times in a row (0 more since the last line); circuit closed, next attempt in 00:00:00.9000000",
            "Sink wallboard failed 4 times in a row (2 more since the last line); circuit open, next attempt in 00:00:30",
            "Sink wallboard failed 5 times in a row (0 more since the last line); circuit open, next attempt in 00:00:30",
        }));
        Assert.That(
            host.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Information).Select(r => r.Message),
            Has.Member("Sink wallboard recovered after failing 5 times in a row (0 more since the last line)"));
    }
}
