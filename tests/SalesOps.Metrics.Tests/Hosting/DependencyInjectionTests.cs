using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Hosting;

/// <summary>Registration: definitions from code and configuration, idempotence, injected time.</summary>
public sealed class DependencyInjectionTests
{
    private const string Json = """
        {
          "SalesOps": {
            "Calendar": { "Zone": "America/Denver", "FiscalYearStartMonth": 2 },
            "Metrics": [
              { "Name": "appointments-set", "Aggregation": "Count", "EventTypes": [ "appointment.set" ], "GroupBy": [ "team", "rep" ] }
            ],
            "Targets": [
              { "Name": "bdr-appointments", "Metric": "appointments-set", "Scope": { "team": "BDR" }, "Each": "rep", "Grain": "Month", "Goal": 40 }
            ]
          }
        }
        """;

    private static IConfiguration Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Test]
    public void AddSalesOpsMetrics_FromConfigurationAndCode_EngineHasBoth()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddSalesOpsMetrics(Configuration(Json).GetSection("SalesOps"), ops => ops
            .AddMetric("calls", m => m.Count("call.made").By("team", "rep")));
        using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<SalesOpsEngine>();
        engine.Ingest(Activity.Rep("appointment.set", Instant.FromUtc(2026, 11, 20, 16, 0), "BDR", "alice"));

        Assert.That(engine.MetricNames, Is.EqualTo(new[] { "appointments-set", "calls" }));
        Assert.That(engine.Calendar.Zone.Id, Is.EqualTo("America/Denver"));
        Assert.That(engine.Now, Is.EqualTo(Instant.FromUtc(2026, 11, 20, 17, 0)), "the engine's clock is the registered TimeProvider");
        Assert.That(engine.Evaluate("bdr-appointments", "alice").Actual, Is.EqualTo(1));
    }

    [Test]
    public void AddSalesOpsMetrics_WithStore_EngineCommitsToItAndResumesFromIt()
    {
        var store = new SalesOps.Metrics.Store.InMemoryMetricStore();
        ServiceProvider Build()
        {
            var services = new ServiceCollection();
            services.AddSalesOpsMetrics(ops => ops.AddMetric("calls", m => m.Count("call.made")).UseStore(_ => store));
            return services.BuildServiceProvider();
        }

        using (var first = Build())
        {
            first.GetRequiredService<SalesOpsEngine>().Ingest([Activity.Event("call.made", Instant.FromUtc(2026, 11, 20, 9, 0))], "crm", new Checkpoint("1"));
        }

        using var second = Build();

        Assert.That(second.GetRequiredService<SalesOpsEngine>().CheckpointOf("crm"), Is.EqualTo(new Checkpoint("1")));
        Assert.That(store.Commits, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void AddSalesOpsMetrics_CalledTwice_RegistersOneEngineAndOneHostedService()
    {
        var services = new ServiceCollection();
        services.AddSalesOpsMetrics(ops => ops.AddMetric("calls", m => m.Count("call.made")).AddSink<ConsoleScoreboardSink>());
        services.AddSalesOpsMetrics(ops => ops.AddMetric("calls", m => m.Count("call.made")).AddSink<ConsoleScoreboardSink>());
        using var provider = services.BuildServiceProvider();

        Assert.That(services.Count(d => d.ServiceType == typeof(SalesOpsEngine)), Is.EqualTo(1));
        Assert.That(provider.GetServices<IHostedService>().Count(), Is.EqualTo(1));
        Assert.That(provider.GetServices<IScoreboardSink>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void AddSalesOpsMetrics_InvalidConfiguration_ResolvingTheEngineListsEveryProblem()
    {
        const string invalid = """
            { "SalesOps": {
                "Calendar": { "Zone": "Mars/Olympus" },
                "Metrics": [ { "Name": "calls", "Aggregation": "Median", "EventTypes": [ "call.made" ] } ],
                "Targets": [ { "Name": "t", "Metric": "nope", "Goal": -5 } ] } }
            """;
        var services = new ServiceCollection();
        services.AddSalesOpsMetrics(Configuration(invalid).GetSection("SalesOps"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<DefinitionValidationException>(() => provider.GetRequiredService<SalesOpsEngine>());

        Assert.That(error!.Errors.Select(e => e.Path), Is.SupersetOf(new[] { "calendar.zone", "metrics[0].aggregation", "targets[0].metric", "targets[0].goal" }));
    }

    [Test]
    public async Task ConsoleScoreboardSink_Scoreboard_WritesReadableText()
    {
        var writer = new StringWriter();
        var sink = new ConsoleScoreboardSink(writer);
        var test = TestEngine.Create(Instant.FromUtc(2026, 11, 20, 17, 0), ops => ops
            .AddMetric("calls", m => m.Count("call.made").By("team").Unit("calls"))
            .AddTarget("daily-calls", t => t.For("calls").Where("team", "BDR").Daily().AtLeast(10)));
        test.Ingest(Activity.Event("call.made", Instant.FromUtc(2026, 11, 20, 9, 0), null, ("team", "BDR")));

        await sink.WriteAsync(test.Engine.Publish(), CancellationToken.None);

        var text = writer.ToString();
        Assert.That(text, Does.Contain("=== SCOREBOARD Fri 2026-11-20 17:00 (UTC) ==="));
        Assert.That(text, Does.Contain("calls [2026-11-20]: 1 calls"));
        Assert.That(text, Does.Contain("target daily-calls (calls, AtLeast, 2026-11-20)"));
        Assert.That(text, Does.Contain("ingestion: received 1, applied 1, duplicates 0, rejected 0, late 0"));
    }

    [Test]
    public async Task InMemoryActivitySource_ResumedFromCheckpoint_YieldsEachLaterEventOnce()
    {
        var source = new InMemoryActivitySource();
        source.Add(Enumerable.Range(0, 5).Select(i => Activity.Event("call.made", Instant.FromUtc(2026, 11, 20, 9, i))));

        var first = await source.ReadAsync(null, 3, CancellationToken.None);
        source.Add(Activity.Event("call.made", Instant.FromUtc(2026, 11, 20, 10, 0)));
        var second = await source.ReadAsync(first.Checkpoint, 10, CancellationToken.None);
        var third = await source.ReadAsync(second.Checkpoint, 10, CancellationToken.None);

        Assert.That((first.Events.Count, first.Checkpoint?.Value), Is.EqualTo((3, "3")));
        Assert.That((second.Events.Count, second.Checkpoint?.Value), Is.EqualTo((3, "6")));
        Assert.That((third.IsEmpty, third.Checkpoint?.Value), Is.EqualTo((true, "6")));
    }
}
