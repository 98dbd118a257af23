using NodaTime;
using NodaTime.Testing;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Store;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Engine;

/// <summary>An engine rebuilt over the same store resumes exactly: SPEC §3.8–§3.10 and §3.12 across restarts.</summary>
public sealed class RestartTests
{
    private static readonly Instant Now = Zones.Utc(2026, 11, 20, 12);

    private static SalesOpsDefinition Floor(Action<SalesOpsBuilder>? more = null, bool retain = true)
    {
        var builder = new SalesOpsBuilder()
            .AddMetric("calls", m => m.Count("call.made").By("team", "rep"))
            .AddMetric("leads", m => m.DistinctCount("lead", "call.made").By("team"))
            .AddTarget("bdr-calls", t => t.For("calls").Where("team", "BDR").Each("rep").Monthly().AtLeast(100));
        if (retain)
        {
            builder.ConfigureIngestion(o => o with { EventRetention = Duration.FromDays(400) });
        }

        more?.Invoke(builder);
        return builder.Build();
    }

    private static ActivityEvent Call(int i, string rep = "alice", string team = "BDR", string? type = null) =>
        new($"call-{i}", type ?? "call.made", Zones.Utc(2026, 11, 10, 9, i % 60), null,
            new Dictionary<string, string> { ["team"] = team, ["rep"] = rep, ["lead"] = $"L{i % 7}" });

    private static SalesOpsEngine Start(SalesOpsDefinition definition, IMetricStore store, Instant? now = null) =>
        new(definition, new FakeClock(now ?? Now), store);

    [Test]
    public void Restart_AfterCommittedBatches_ResumesAggregatesCheckpointsAndDeDuplication()
    {
        var store = new InMemoryMetricStore();
        var first = Start(Floor(), store);
        first.Ingest([.. Enumerable.Range(0, 30).Select(i => Call(i))], "crm", new Checkpoint("30"));
        first.Ingest([.. Enumerable.Range(30, 20).Select(i => Call(i, "bob"))], "crm", new Checkpoint("50"));

        var second = Start(Floor(), store);
        var replay = second.Ingest([.. Enumerable.Range(40, 20).Select(i => Call(i, "bob"))], "crm", new Checkpoint("60"));

        Assert.That(second.CheckpointOf("crm"), Is.EqualTo(new Checkpoint("60")));
        Assert.That((replay.Applied, replay.Duplicates), Is.EqualTo((10L, 10L)));
        Assert.That(second.Query("calls", Window.ThisMonth), Is.EqualTo(60));
        Assert.That(second.Query("calls", Window.ThisMonth, ("team", "BDR"), ("rep", "bob")), Is.EqualTo(30));
        Assert.That(second.Query("leads", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(7), "distinct values survive the restart");
        Assert.That(second.Evaluate("bdr-calls", "alice").Actual, Is.EqualTo(30));
        Assert.That(second.MetricsNeedingRecompute, Is.Empty);
    }

    [Test]
    public void Restart_AfterPublishing_KeepsLatenessGoalsHistoryAndHeldEvents()
    {
        var store = new InMemoryMetricStore();
        var clock = new FakeClock(Now);
        var definition = Floor(b => b.ConfigureIngestion(o => o with { LatePolicy = LateEventPolicy.Hold, AllowedLateness = Duration.FromHours(1) }));
        var first = new SalesOpsEngine(definition, clock, store);
        first.Ingest(Call(1));
        first.ChangeGoal("bdr-calls", new LocalDateTime(2026, 11, 15, 0, 0), 120);
        first.Publish();
        first.Ingest(Call(2) with { OccurredAt = Zones.Utc(2026, 11, 1) });

        var second = new SalesOpsEngine(definition, clock, store);
        var late = second.Ingest(Call(3) with { OccurredAt = Zones.Utc(2026, 11, 2) });

        Assert.That(second.PublishedThrough, Is.EqualTo(Now));
        Assert.That(late.Held, Is.EqualTo(1), "the restarted engine knows what was published");
        Assert.That(second.HeldEvents.Select(e => e.Id), Is.EqualTo(new[] { "call-2", "call-3" }));
        Assert.That(second.Evaluate("bdr-calls", "alice").Goal, Is.EqualTo(120));
        Assert.That(second.GoalHistory("bdr-calls").Select(g => g.Goal), Is.EqualTo(new[] { 100.0, 120.0 }));
        var history = second.History(Zones.Utc(2026, 11, 1), Zones.Utc(2026, 12, 1));
        Assert.That(history.Select(h => (h.At, h.Kind)), Is.EqualTo(new[] { (Now, ScoreboardKind.Regular) }));
        Assert.That(history[0].Metrics.First(m => m.Metric == "calls" && m.Period.Grain == Grain.Month).Total.Value, Is.EqualTo(1));
        Assert.That(history[0].Targets.Single().Member, Is.EqualTo("alice"));

        second.ReleaseHeld();
        var third = new SalesOpsEngine(definition, clock, store);
        Assert.That(third.HeldEvents, Is.Empty);
        Assert.That(third.Query("calls", Window.ThisMonth), Is.EqualTo(3));
    }

    [Test]
    public void Restart_WithMetricAddedLater_BackfillsItFromRetainedEvents()
    {
        var store = new InMemoryMetricStore();
        var first = Start(Floor(), store);
        first.Ingest([Call(1), Call(2, "bob"), Call(3, "carol", "AE"), Call(4, type: "appointment.set")]);

        var extended = Floor(b => b.AddMetric("appointments", m => m.Count("appointment.set").By("team")));
        var second = Start(extended, store);
        var before = second.Query("appointments", Window.ThisMonth);
        var applied = second.Recompute("appointments");
        var third = Start(extended, store);

        Assert.That(second.MetricsNeedingRecompute, Is.Empty);
        Assert.That(before, Is.EqualTo(0));
        Assert.That(applied, Is.EqualTo(1));
        Assert.That(second.Query("appointments", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(1));
        Assert.That(third.MetricsNeedingRecompute, Is.Empty, "the recomputed metric is stored with its fingerprint");
        Assert.That(third.Query("appointments", Window.ThisMonth), Is.EqualTo(1));
        Assert.That(third.Query("calls", Window.ThisMonth), Is.EqualTo(3));
    }

    [Test]
    public void Restart_WithChangedDefinition_NeedsRecomputeAndRecomputeAppliesItToHistory()
    {
        var store = new InMemoryMetricStore();
        Start(Floor(), store).Ingest([Call(1), Call(2, "bob"), Call(3, "carol", "AE")]);
        var changed = new SalesOpsBuilder()
            .AddMetric("calls", m => m.Count("call.made").Where("team", "BDR").By("team", "rep"))
            .AddMetric("leads", m => m.DistinctCount("lead", "call.made").By("team"))
            .ConfigureIngestion(o => o with { EventRetention = Duration.FromDays(400) })
            .Build();

        var second = Start(changed, store);
        var stale = second.MetricsNeedingRecompute;
        second.Recompute("calls");

        Assert.That(stale, Is.EqualTo(new[] { "calls" }));
        Assert.That(second.Query("calls", Window.ThisMonth), Is.EqualTo(2));
        Assert.That(second.Query("leads", Window.ThisMonth), Is.EqualTo(3), "the unchanged metric was loaded as stored");
    }

    [Test]
    public void Contributors_ForOneSeriesAndWindow_ReturnExactlyTheContributingEvents()
    {
        var store = new InMemoryMetricStore();
        var engine = Start(Floor(), store);
        engine.Ingest([Call(1), Call(2, "bob"), Call(3), Call(4, "carol", "AE"), Call(5) with { OccurredAt = Zones.Utc(2026, 10, 30) }]);

        var alice = engine.Contributors("calls", Window.ThisMonth, ("team", "BDR"), ("rep", "alice"));
        var team = engine.Contributors("calls", Window.ThisMonth, ("team", "BDR"));

        Assert.That(alice.Select(e => e.Event.Id), Is.EqualTo(new[] { "call-1", "call-3" }));
        Assert.That(team.Select(e => e.Event.Id), Is.EqualTo(new[] { "call-1", "call-2", "call-3" }));
        Assert.That(engine.Query("calls", Window.ThisMonth, ("team", "BDR")), Is.EqualTo(team.Count));
    }

    [Test]
    public void Contributors_WithoutRetention_ExplainsWhy()
    {
        var engine = Start(Floor(retain: false), new InMemoryMetricStore());

        Assert.That(() => engine.Contributors("calls", Window.ThisMonth), Throws.InvalidOperationException.With.Message.Contains("EventRetention"));
        Assert.That(() => engine.Recompute("calls"), Throws.InvalidOperationException);
    }

    [Test]
    public void Ingest_StoreFailsToCommit_UndoesTheBatchAndThrows()
    {
        var store = new FailingStore(new InMemoryMetricStore());
        var engine = Start(Floor(), store);
        engine.Ingest([Call(1)], "crm", new Checkpoint("1"));

        store.FailCommits = true;
        Assert.That(() => engine.Ingest([Call(2), Call(3)], "crm", new Checkpoint("3")), Throws.TypeOf<StoreException>());
        var afterFailure = (engine.Query("calls", Window.ThisMonth), engine.CheckpointOf("crm"));
        store.FailCommits = false;
        var retried = engine.Ingest([Call(2), Call(3)], "crm", new Checkpoint("3"));

        Assert.That(afterFailure, Is.EqualTo(((double?)1, (Checkpoint?)new Checkpoint("1"))));
        Assert.That(retried.Applied, Is.EqualTo(2));
        Assert.That(engine.Query("calls", Window.ThisMonth), Is.EqualTo(3));
    }

    [Test]
    public void Publish_StoreFailsOnce_CorrectionsArePublishedByTheNextPublication()
    {
        var store = new FailingStore(new InMemoryMetricStore());
        var clock = new FakeClock(Now);
        var engine = new SalesOpsEngine(Floor(), clock, store);
        engine.Ingest(Call(1));
        engine.Publish();
        clock.Advance(Duration.FromDays(1));
        engine.Ingest(Call(2));

        store.FailCommits = true;
        Assert.That(() => engine.Publish(), Throws.TypeOf<StoreException>());
        store.FailCommits = false;
        var published = engine.Publish();

        Assert.That(published.Select(p => p.Kind), Is.EqualTo(new[] { ScoreboardKind.Correction, ScoreboardKind.Regular }));
        Assert.That(published[0].Metrics.Where(m => m.Metric == "calls").Select(m => (m.Period.Label, m.Total.Value)), Is.EqualTo(new[] { ("2026-11-10", (double?)2) }));
    }

    [Test]
    public void Restart_AfterAnEmptyBatchMovedTheCheckpoint_ResumesAfterTheSkippedRecords()
    {
        var store = new InMemoryMetricStore();
        var first = Start(Floor(), store);
        first.Ingest([Call(1)], "csv", new Checkpoint("line-2"));

        var report = first.Ingest([], "csv", new Checkpoint("line-9"));
        var second = Start(Floor(), store);

        Assert.That(report.Received, Is.Zero);
        Assert.That(second.CheckpointOf("csv"), Is.EqualTo(new Checkpoint("line-9")));
        Assert.That(second.Query("calls", Window.ThisMonth), Is.EqualTo(1));
    }
}
