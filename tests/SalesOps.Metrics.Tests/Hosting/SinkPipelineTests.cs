using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NodaTime;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Tests.Hosting.Support;
using static SalesOps.Metrics.Tests.Hosting.Support.HostHarness;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>One sink's queue, driven directly: the test is the producer, so it decides exactly what arrives when.</summary>
public sealed class SinkPipelineTests
{
    private static Scoreboard Board(int second) => new()
    {
        At = Instant(0, second),
        Kind = ScoreboardKind.Regular,
        Zone = "UTC",
        Metrics = [],
        Targets = [],
        Ingestion = IngestionReport.Empty,
    };

    [Test]
    public async Task ProducerTenTimesFasterThanTheSink_AtEverySample_ReceivedEqualsDeliveredPlusDroppedPlusPending()
    {
        var samples = new List<PluginStatus>();
        PluginStatus? Sample(HostHarness h) => h.Status.Find(PluginKind.Sink, "slow");
        HostHarness? host = null;
        await using var created = Create(
            (ops, time) => ops
                .AddMetric("calls", m => m.Count("call.made"))
                .AddSink(new ScriptedSink("slow", time, _ => SinkMove.Slow) { Slowness = TimeSpan.FromSeconds(10), OnWrite = () => samples.Add(Sample(host!)!) }),
            o =>
            {
                o.SinkQueueCapacity = 4;
                o.SinkBatchSize = 1;
                o.SinkTimeout = TimeSpan.FromMinutes(1);
            });
        host = created;
        var factory = host.Provider.GetRequiredService<IMeterFactory>();
        using var drops = new MetricCollector<long>(factory, "SalesOps.Metrics", "salesops.sink.drops");
        using var delivered = new MetricCollector<long>(factory, "SalesOps.Metrics", "salesops.sink.delivered");
        using var depth = new MetricCollector<int>(factory, "SalesOps.Metrics", "salesops.sink.queue.depth");
        var pipeline = host.Provider.GetRequiredService<PluginSupervisor>().Sinks.Single();
        using var stop = new CancellationTokenSource();
        var worker = pipeline.Start(stop.Token);
        var idle = host.Provider.GetRequiredService<PluginSupervisor>().Idle;

        // One scoreboard a second for 100 seconds; each write takes 10 seconds, one scoreboard at a time.
        for (var second = 0; second < 100; second++)
        {
            host.Time.SetUtcNow(At(0, second));
            await idle.WaitForQuiescenceAsync().WaitAsync(TimeSpan.FromSeconds(20));
            samples.Add(Sample(host)!);
            pipeline.Enqueue([Board(second)]);
            await idle.WaitForQuiescenceAsync().WaitAsync(TimeSpan.FromSeconds(20));
            samples.Add(Sample(host)!);
        }

        Assert.That(samples, Has.Count.EqualTo(200 + 10), "two samples a second, and one inside each of the 10 writes");
        Assert.That(samples, Has.All.Matches<PluginStatus>(s => s.Received == s.Delivered + s.Dropped + s.Pending));

        // Writes finish at 10, 20 … 90 s, each taking the oldest waiting scoreboard: 0, then 6, 16 … 76.
        // Drops: 5 in the first ten seconds (1–4 fill the queue), then 9 every ten seconds: 86.
        var sink = host.ScriptedSinks["slow"];
        Assert.That(sink.Delivered.Select(b => (int)(b.At - Instant(0)).TotalSeconds), Is.EqualTo(new[] { 0, 6, 16, 26, 36, 46, 56, 66, 76 }));
        var last = Sample(host)!;
        Assert.That((last.Received, last.Delivered, last.Dropped, last.InFlight, last.Queued), Is.EqualTo((100L, 9L, 86L, 1, 4)));
        Assert.That(samples.Max(s => s.Queued), Is.EqualTo(4), "never more than the capacity waits");
        Assert.That(drops.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(86));
        Assert.That(delivered.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(9));
        depth.RecordObservableInstruments();
        Assert.That(depth.LastMeasurement?.Value, Is.EqualTo(5));
        Assert.That(depth.LastMeasurement?.Tags["salesops.sink"], Is.EqualTo("slow"));
        Assert.That(sink.Overlaps, Is.Zero);
        var health = (await host.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["salesops:sink:slow"];
        Assert.That((health.Status, health.Description), Is.EqualTo((HealthStatus.Unhealthy, "sink 'slow': queue full (4), dropping the oldest scoreboards")));
        Assert.That(health.Data["dropped"], Is.EqualTo(86L));

        await stop.CancelAsync();
        await worker.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(Sample(host)!.Pending, Is.EqualTo(5), "what is queued at stop stays pending: neither delivered nor dropped");
    }
}
