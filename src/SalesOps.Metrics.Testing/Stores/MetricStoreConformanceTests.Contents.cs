using NodaTime;
using static SalesOps.Metrics.Testing.StoreSamples;

namespace SalesOps.Metrics.Testing;

// Open and restart: what a store returns is exactly what was committed.
public abstract partial class MetricStoreConformanceTests
{
    /// <summary>A store over a fresh location opens to nothing at all.</summary>
    [Test]
    public void Open_FreshLocation_ReturnsNothing()
    {
        var store = OpenFresh(out _, out var contents);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(contents.Checkpoints, Is.Empty);
            Assert.That(contents.Series, Is.Empty);
            Assert.That(contents.Cells, Is.Empty);
            Assert.That(contents.Goals, Is.Empty);
            Assert.That(contents.HeldEvents, Is.Empty);
            Assert.That(contents.MetricFingerprints, Is.Empty);
            Assert.That(contents.PublishedThrough, Is.Null);
            Assert.That(store.FindSeen("crm", ["evt-1"]), Is.Empty);
            Assert.That(store.ReadEvents(Instant.MinValue, Instant.MaxValue, []), Is.Empty);
            Assert.That(store.ReadScoreboards(Instant.MinValue, Instant.MaxValue), Is.Empty);
        }
    }

    /// <summary>A batch with no ids and nothing else leaves the store empty.</summary>
    [Test]
    public void Commit_EmptyBatch_Restart_ReturnsNothing()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm"));

        var contents = Restart(store, location);

        Assert.That(contents.Checkpoints, Is.Empty);
        Assert.That(contents.Cells, Is.Empty);
    }

    /// <summary>Each source keeps its latest checkpoint; a batch without one leaves it unchanged.</summary>
    [Test]
    public void Commit_Checkpoints_Restart_ReturnsTheLatestOfEachSource()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "c-1") with { Checkpoint = new Checkpoint("10") });
        store.Commit(Batch("csv", "l-7") with { Checkpoint = new Checkpoint("line 7") });
        store.Commit(Batch("crm", "c-2") with { Checkpoint = new Checkpoint("20") });
        store.Commit(Batch("crm", "c-3"));

        var contents = Restart(store, location);

        Assert.That(contents.Checkpoints, Is.EquivalentTo(new Dictionary<string, Checkpoint>
        {
            ["crm"] = new("20"),
            ["csv"] = new("line 7"),
        }));
    }

    /// <summary>Series from several batches come back ordered by metric (ordinal), level and series id.</summary>
    [Test]
    public void Commit_SeriesOutOfOrder_Restart_ReturnsThemByMetricLevelAndId()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm") with
        {
            NewSeries = [new("calls", 1, 0, ["BDR"]), new("appointments", 1, 1, ["AE"]), new("appointments", 0, 0, [])],
        });
        store.Commit(Batch("crm") with
        {
            NewSeries = [new("appointments", 2, 0, ["BDR", "alice"]), new("appointments", 1, 0, ["BDR"]), new("calls", 0, 0, [])],
        });

        var contents = Restart(store, location);

        Assert.That(Views(contents.Series), Is.EqualTo(Views(
        [
            new StoredSeries("appointments", 0, 0, []),
            new StoredSeries("appointments", 1, 0, ["BDR"]),
            new StoredSeries("appointments", 1, 1, ["AE"]),
            new StoredSeries("appointments", 2, 0, ["BDR", "alice"]),
            new StoredSeries("calls", 0, 0, []),
            new StoredSeries("calls", 1, 0, ["BDR"]),
        ])));
    }

    /// <summary>Cells hold absolute values: writing one again replaces it, and cells not written stay.</summary>
    [Test]
    public void Commit_SameCellTwice_Restart_ReturnsTheLastWrite()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "e-1") with
        {
            Cells = [Cell("revenue", 1, 0, Grain.Day, 20260302, 1, 10, 10, 10), Cell("revenue", 1, 0, Grain.Month, 202603, 1, 10, 10, 10)],
        });
        store.Commit(Batch("crm", "e-2", "e-3") with
        {
            Cells = [Cell("revenue", 1, 0, Grain.Day, 20260302, 3, 25, 5, 10)],
        });

        var contents = Restart(store, location);

        Assert.That(Views(contents.Cells), Is.EqualTo(Views(
        [
            Cell("revenue", 1, 0, Grain.Day, 20260302, 3, 25, 5, 10),
            Cell("revenue", 1, 0, Grain.Month, 202603, 1, 10, 10, 10),
        ])));
    }

    /// <summary>Distinct values are added on each commit and come back in full on open; other cells do not get them.</summary>
    [Test]
    public void Commit_DistinctValuesInSeveralBatches_Restart_ReturnsTheirUnion()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "e-1", "e-2") with { Cells = [Cell("leads", 0, 0, Grain.Day, 1, 2, 0, 0, 0, "lead-1", "lead-2")] });
        store.Commit(Batch("crm", "e-3", "e-4") with
        {
            Cells = [Cell("leads", 0, 0, Grain.Day, 1, 3, 0, 0, 0, "lead-3", "lead-2"), Cell("leads", 0, 0, Grain.Day, 2, 1, 0, 0, 0, "lead-9")],
        });
        store.Commit(Batch("crm", "e-5") with { Cells = [Cell("leads", 0, 0, Grain.Day, 1, 3, 0, 0, 0)] });

        var contents = Restart(store, location);

        Assert.That(Views(contents.Cells), Is.EqualTo(Views(
        [
            Cell("leads", 0, 0, Grain.Day, 1, 3, 0, 0, 0, "lead-1", "lead-2", "lead-3"),
            Cell("leads", 0, 0, Grain.Day, 2, 1, 0, 0, 0, "lead-9"),
        ])));
    }

    /// <summary>Goal versions come back in the order they were committed, with their exact local date-times.</summary>
    [Test]
    public void Commit_GoalVersions_Restart_ReturnsThemInCommitOrder()
    {
        StoredGoal[] goals =
        [
            new("bdr-opportunities", new LocalDateTime(2026, 3, 1, 0, 0), 40),
            new("bdr-opportunities", new LocalDateTime(2026, 3, 16, 12, 30, 15).PlusNanoseconds(123_456_789), 45.5),
            new("ae-revenue", new LocalDateTime(2026, 2, 1, 0, 0), 1_250_000),
        ];
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm") with { Goals = goals[..2] });
        store.Commit(Batch("crm") with { Goals = goals[2..] });

        var contents = Restart(store, location);

        Assert.That(contents.Goals, Is.EqualTo(goals));
    }

    /// <summary>Held events come back oldest first, each with the source of its batch and an increasing sequence.</summary>
    [Test]
    public void Commit_HeldEvents_Restart_ReturnsThemOldestFirstWithTheirSources()
    {
        var h1 = Event("h-1", "call.made", At(-30), 1, ("rep", "alice"));
        var h2 = Event("h-2", "deal.won", At(-29), 1200.5, ("rep", "bob"), ("team", "AE"));
        var h3 = Event("h-3", "call.made", At(-28));
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "h-1", "h-2") with { HeldEvents = [h1, h2] });
        store.Commit(Batch("csv", "h-3") with { HeldEvents = [h3] });

        var held = Restart(store, location).HeldEvents;

        Assert.That(Views(held), Is.EqualTo(Views("crm", h1, h2).Concat(Views("csv", h3))));
        Assert.That(held.Select(h => h.Sequence), Is.Ordered.Ascending.And.Unique);
    }

    /// <summary><see cref="StoreCommit.ClearHeld"/> drops the events held before the batch and keeps the batch's own.</summary>
    [Test]
    public void Commit_ClearHeld_Restart_ReturnsOnlyTheEventsHeldByThatBatch()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "h-1", "h-2") with { HeldEvents = [Event("h-1", "call.made", At(-30)), Event("h-2", "call.made", At(-29))] });
        store.Commit(Batch("crm", "h-3") with { ClearHeld = true, HeldEvents = [Event("h-3", "call.made", At(-28))] });

        store = Restart(store, location, out var contents);
        Assert.That(Views(contents.HeldEvents), Is.EqualTo(Views("crm", Event("h-3", "call.made", At(-28)))));

        store.Commit(Batch("crm") with { ClearHeld = true });
        Assert.That(Restart(store, location).HeldEvents, Is.Empty);
    }

    /// <summary>A metric's fingerprint is replaced when recorded again; others stay.</summary>
    [Test]
    public void Commit_MetricFingerprints_Restart_ReturnsTheLatestOfEachMetric()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm") with { MetricFingerprints = new Dictionary<string, string> { ["calls"] = "v1", ["revenue"] = "r1" } });
        store.Commit(Batch("crm") with { MetricFingerprints = new Dictionary<string, string> { ["calls"] = "v2" } });

        var contents = Restart(store, location);

        Assert.That(contents.MetricFingerprints, Is.EquivalentTo(new Dictionary<string, string> { ["calls"] = "v2", ["revenue"] = "r1" }));
    }

    /// <summary>PublishedThrough is the latest scoreboard instant, whatever order scoreboards were committed in.</summary>
    [Test]
    public void Commit_ScoreboardsOutOfOrder_Restart_PublishedThroughIsTheLatestInstant()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm") with { Scoreboards = [new(At(2), ScoreboardKind.Regular, "{}"), new(At(1), ScoreboardKind.Regular, "{}")] });
        store.Commit(Batch("crm") with { Scoreboards = [new(At(0.5), ScoreboardKind.Correction, "{}")] });

        var contents = Restart(store, location);

        Assert.That(contents.PublishedThrough, Is.EqualTo(At(2)));
    }

    /// <summary>Resetting a metric drops its cells, series and distinct values before the batch's own cells are written; other metrics, goals, fingerprints and seen ids stay.</summary>
    [Test]
    public void Commit_ResetMetrics_Restart_DropsOnlyThoseMetricsState()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "e-1", "e-2") with
        {
            NewSeries = [new("leads", 1, 0, ["BDR"]), new("calls", 1, 0, ["BDR"])],
            Cells = [Cell("leads", 1, 0, Grain.Day, 1, 1, 0, 0, 0, "lead-1"), Cell("calls", 1, 0, Grain.Day, 1, 1, 0, 0, 0, "x")],
            Goals = [new("leads-goal", new LocalDateTime(2026, 3, 1, 0, 0), 10)],
            MetricFingerprints = new Dictionary<string, string> { ["leads"] = "v1" },
        });
        store.Commit(Batch("crm") with
        {
            ResetMetrics = ["leads"],
            NewSeries = [new("leads", 1, 0, ["AE"])],
            Cells = [Cell("leads", 1, 0, Grain.Day, 1, 1, 0, 0, 0, "lead-7")],
            MetricFingerprints = new Dictionary<string, string> { ["leads"] = "v2" },
        });

        store = Restart(store, location, out var contents);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Views(contents.Series), Is.EqualTo(Views([new StoredSeries("calls", 1, 0, ["BDR"]), new StoredSeries("leads", 1, 0, ["AE"])])));
            Assert.That(Views(contents.Cells), Is.EqualTo(Views(
            [
                Cell("calls", 1, 0, Grain.Day, 1, 1, 0, 0, 0, "x"),
                Cell("leads", 1, 0, Grain.Day, 1, 1, 0, 0, 0, "lead-7"),
            ])));
            Assert.That(contents.Goals, Has.Count.EqualTo(1));
            Assert.That(contents.MetricFingerprints["leads"], Is.EqualTo("v2"));
            Assert.That(store.FindSeen("crm", ["e-1", "e-2"]), Is.EquivalentTo(new[] { "e-1", "e-2" }));
        }

        store.Commit(Batch("crm") with { ResetMetrics = ["calls"] });
        contents = Restart(store, location);
        Assert.That(Views(contents.Cells), Is.EqualTo(Views([Cell("leads", 1, 0, Grain.Day, 1, 1, 0, 0, 0, "lead-7")])));
        Assert.That(Views(contents.Series), Is.EqualTo(Views([new StoredSeries("leads", 1, 0, ["AE"])])));
    }

    /// <summary>Opening again while open (how the engine discards a failed batch) returns the same contents as a restart.</summary>
    [Test]
    public void Open_AgainWhileOpen_ReturnsTheSameContentsAsARestart()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "e-1") with
        {
            Checkpoint = new Checkpoint("1"),
            NewSeries = [new("calls", 0, 0, [])],
            Cells = [Cell("calls", Grain.Day, 1, 1, 1)],
            HeldEvents = [Event("e-1", "call.made", At(-40))],
            Scoreboards = [new(At(1), ScoreboardKind.Regular, "{}")],
        });

        var again = store.Open();
        var restarted = Restart(store, location);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Checkpoints, Is.EquivalentTo(restarted.Checkpoints));
            Assert.That(Views(again.Series), Is.EqualTo(Views(restarted.Series)));
            Assert.That(Views(again.Cells), Is.EqualTo(Views(restarted.Cells)));
            Assert.That(Views(again.HeldEvents), Is.EqualTo(Views(restarted.HeldEvents)));
            Assert.That(again.PublishedThrough, Is.EqualTo(restarted.PublishedThrough));
            Assert.That(again.Checkpoints["crm"], Is.EqualTo(new Checkpoint("1")));
        }
    }
}
