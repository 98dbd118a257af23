using Microsoft.Data.Sqlite;
using NodaTime;

namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>What the SQLite store promises beyond the conformance kit: its settings, its file checks, disposal, atomic failure.</summary>
public sealed class SqliteMetricStoreTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);
    private TempStores _temp = null!;

    [SetUp]
    public void CreateFolder() => _temp = new TempStores();

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void Open_DefaultOptions_UsesWalFullSynchronousExclusiveLockingAndForeignKeys()
    {
        var store = _temp.Create(_temp.NewPath());
        store.Open();

        Assert.That(store.ReadSettings(), Is.EqualTo(("wal", 2L, "exclusive", 1L)));
    }

    [Test]
    public void Open_NormalSynchronous_UsesNormal()
    {
        var store = _temp.Create(_temp.NewPath(), SqliteSynchronous.Normal);
        store.Open();

        Assert.That(store.ReadSettings(), Is.EqualTo(("wal", 1L, "exclusive", 1L)));
    }

    [Test]
    public void Open_MissingFolder_CreatesTheFolderAndTheFile()
    {
        var path = Path.Combine(_temp.Folder, "a", "b", "store.db");
        var store = _temp.Create(path);

        store.Open();

        Assert.That(File.Exists(path), Is.True);
        Assert.That(store.Path, Is.EqualTo(path));
        Assert.That(store.Name, Is.EqualTo("sqlite:" + path));
    }

    [Test]
    public void Open_NewerSchemaVersion_ThrowsStoreExceptionNamingTheVersions()
    {
        var path = _temp.NewPath();
        var first = _temp.Create(path);
        first.Open();
        first.Dispose();
        TempStores.Execute(path, "UPDATE schema_version SET version = 2");

        var newer = Assert.Throws<StoreException>(() => _temp.Create(path).Open());

        Assert.That(newer.Message, Does.Contain(path).And.Contain("schema version 2").And.Contain("schema version 1"));
    }

    [Test]
    public void Open_DatabaseOfAnotherApplication_ThrowsStoreException()
    {
        var path = _temp.NewPath();
        Directory.CreateDirectory(_temp.Folder);
        TempStores.Execute(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");

        var other = Assert.Throws<StoreException>(() => _temp.Create(path).Open());

        Assert.That(other.Message, Does.Contain(path).And.Contain("not a SalesOps.Metrics store"));
    }

    [Test]
    public void Open_FileThatIsNotADatabase_ThrowsStoreException()
    {
        var path = _temp.NewPath();
        Directory.CreateDirectory(_temp.Folder);
        File.WriteAllText(path, new string('x', 4096));

        var unreadable = Assert.Throws<StoreException>(() => _temp.Create(path).Open());

        Assert.That(unreadable.Message, Does.Contain(path).And.Contain("cannot be opened"));
        Assert.That(unreadable.InnerException, Is.Not.Null);
    }

    [Test]
    public void Restart_AfterDispose_OpensTheSameDataAndTheLogIsFolded()
    {
        var path = _temp.NewPath();
        var first = _temp.Create(path);
        first.Open();
        first.Commit(new StoreCommit { Source = "crm", EventIds = ["e-1"], Checkpoint = new Checkpoint("1") });
        first.Dispose();

        Assert.That(File.Exists(path + "-wal"), Is.False, "closing checkpoints the write-ahead log into the file");
        var second = _temp.Create(path);
        Assert.That(second.Open().Checkpoints["crm"], Is.EqualTo(new Checkpoint("1")));
        Assert.That(second.FindSeen("crm", ["e-1"]), Has.Count.EqualTo(1));
    }

    [Test]
    public void Dispose_Twice_ThenEveryCallThrowsObjectDisposedException()
    {
        var store = _temp.Create(_temp.NewPath());
        store.Open();
        store.Dispose();
        store.Dispose();

        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ObjectDisposedException>(() => store.Open());
            Assert.Throws<ObjectDisposedException>(() => store.Commit(new StoreCommit { Source = "crm", EventIds = [] }));
            Assert.Throws<ObjectDisposedException>(() => store.FindSeen("crm", ["e-1"]));
            Assert.Throws<ObjectDisposedException>(() => store.ReadEvents(T0, T0 + Duration.FromDays(1), []));
            Assert.Throws<ObjectDisposedException>(() => store.PurgeEvents(T0));
            Assert.Throws<ObjectDisposedException>(() => store.ReadScoreboards(T0, T0 + Duration.FromDays(1)));
        }
    }

    [Test]
    public void Calls_BeforeOpen_ThrowInvalidOperationException()
    {
        var store = _temp.Create(_temp.NewPath());

        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<InvalidOperationException>(() => store.Commit(new StoreCommit { Source = "crm", EventIds = [] }));
            Assert.Throws<InvalidOperationException>(() => store.FindSeen("crm", ["e-1"]));
            Assert.Throws<InvalidOperationException>(() => store.ReadEvents(T0, T0 + Duration.FromDays(1), []));
        }
    }

    [Test]
    public void Commit_FailingOnItsLastRow_WritesNothingAndTheStoreStaysUsable()
    {
        var path = _temp.NewPath();
        var store = _temp.Create(path);
        store.Open();
        store.Commit(Baseline());
        var failing = new StoreCommit
        {
            Source = "crm",
            EventIds = ["e-2", "e-3"],
            Checkpoint = new Checkpoint("3"),
            ResetMetrics = ["leads"],
            NewSeries = [new StoredSeries("calls", 1, 1, ["bob"])],
            Cells = [new StoredCell("calls", 1, 0, Grain.Day, 1, 9, 9, 9, 1, 1, []), new StoredCell("calls", 1, 1, Grain.Day, 1, 1, 1, 1, 1, 1, ["x"])],
            RetainedEvents = [new ActivityEvent("e-2", "call.made", T0 + Duration.FromHours(2))],
            ClearHeld = true,
            HeldEvents = [new ActivityEvent("e-3", "call.made", T0 - Duration.FromDays(9))],
            Goals = [new StoredGoal("calls-goal", new LocalDateTime(2026, 4, 1, 0, 0), 99)],
            MetricFingerprints = new Dictionary<string, string> { ["calls"] = "v2" },
            Scoreboards = [new StoredScoreboard(T0 + Duration.FromHours(3), ScoreboardKind.Regular, null!)],
        };

        Assert.That(() => store.Commit(failing), Throws.InstanceOf<SqliteException>().With.Message.Contains("NOT NULL constraint failed: scoreboards.json"));

        AssertBaseline(store, store.Open());
        store.Dispose();
        var restarted = _temp.Create(path);
        AssertBaseline(restarted, restarted.Open());
        restarted.Commit(failing with { Scoreboards = [] });
        Assert.That(restarted.Open().Checkpoints["crm"], Is.EqualTo(new Checkpoint("3")));
    }

    [Test]
    public void Commit_NotANumber_FailsAndWritesNothing()
    {
        var store = _temp.Create(_temp.NewPath());
        store.Open();
        store.Commit(Baseline());

        Assert.That(
            () => store.Commit(new StoreCommit
            {
                Source = "crm",
                EventIds = ["e-2"],
                Checkpoint = new Checkpoint("2"),
                Cells = [new StoredCell("calls", 1, 0, Grain.Day, 1, 2, 2, double.NaN, 1, 1, [])],
            }),
            Throws.InvalidOperationException.With.Message.Contains("NaN"));

        AssertBaseline(store, store.Open());
    }

    [Test]
    public void Commit_NegativeZero_Restart_KeepsTheSignBit()
    {
        var path = _temp.NewPath();
        var store = _temp.Create(path);
        store.Open();
        store.Commit(new StoreCommit
        {
            Source = "crm",
            EventIds = ["e-1"],
            Cells = [new StoredCell("delta", 0, 0, Grain.Day, 1, 1, 1, -0.0, -0.0, -0.0, [])],
            RetainedEvents = [new ActivityEvent("e-1", "adjustment", T0, -0.0)],
        });
        store.Dispose();

        var restarted = _temp.Create(path);
        var cell = restarted.Open().Cells.Single();
        var value = restarted.ReadEvents(Instant.MinValue, Instant.MaxValue, []).Single().Event.Value!.Value;

        Assert.That(new[] { cell.Sum, cell.Min, cell.Max, value }.Select(double.IsNegative), Is.All.True);
    }

    [Test]
    public void FindSeen_IdWithALoneSurrogate_Restart_IsStillRecognised()
    {
        var path = _temp.NewPath();
        var store = _temp.Create(path);
        store.Open();
        store.Commit(new StoreCommit { Source = "crm", EventIds = ["lead\uD800", "ok"] });
        store.Dispose();

        var restarted = _temp.Create(path);
        restarted.Open();

        Assert.That(restarted.FindSeen("crm", ["lead\uD800", "ok", "lead"]), Is.EquivalentTo(new[] { "lead\uD800", "ok" }));
    }

    [Test]
    public void ReadEvents_AfterPurgeAcrossManyPages_ReturnsTheRestInCommitOrder()
    {
        var path = _temp.NewPath();
        var store = _temp.Create(path);
        store.Open();
        var ids = Enumerable.Range(0, 5_000).Select(i => "e-" + i).ToArray();
        // Committed newest first, so commit order and time order disagree.
        var events = ids.Select((id, i) => new ActivityEvent(id, i % 2 == 0 ? "call.made" : "deal.won", T0 + Duration.FromMinutes(5_000 - i), i)).ToArray();
        store.Commit(new StoreCommit { Source = "crm", EventIds = ids, RetainedEvents = events[..2_500] });
        store.Commit(new StoreCommit { Source = "crm", EventIds = [], RetainedEvents = events[2_500..] });

        var purged = store.PurgeEvents(T0 + Duration.FromMinutes(2_000));
        store.Dispose();
        var restarted = _temp.Create(path);
        restarted.Open();
        var kept = restarted.ReadEvents(Instant.MinValue, Instant.MaxValue, []).ToList();
        var calls = restarted.ReadEvents(T0, T0 + Duration.FromMinutes(4_000), ["call.made"]).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(purged, Is.EqualTo(1_999));
            Assert.That(kept.Select(e => e.Event.Id), Is.EqualTo(ids[..3_001]));
            Assert.That(kept.Select(e => e.Sequence), Is.Ordered.Ascending.And.Unique);
            Assert.That(calls.Select(e => e.Event.Id), Is.EqualTo(ids[1_001..3_001].Where((_, i) => i % 2 == 1)));
            Assert.That(restarted.FindSeen("crm", ids), Has.Count.EqualTo(5_000));
        }
    }

    [Test]
    public void ReadEvents_CommitWhileEnumerating_ReturnsTheEventsThatMatchedWhenItStarted()
    {
        var store = _temp.Create(_temp.NewPath());
        store.Open();
        var events = Enumerable.Range(0, 3_000).Select(i => new ActivityEvent("e-" + i, "call.made", T0 + Duration.FromSeconds(i))).ToArray();
        store.Commit(new StoreCommit { Source = "crm", EventIds = [], RetainedEvents = events });

        var read = new List<string>();
        var added = 0;
        foreach (var stored in store.ReadEvents(T0, T0 + Duration.FromDays(1), []))
        {
            read.Add(stored.Event.Id);
            if (read.Count % 1_000 == 1)
            {
                var late = new ActivityEvent("late-" + added++, "call.made", T0 + Duration.FromSeconds(1));
                store.Commit(new StoreCommit { Source = "crm", EventIds = [late.Id], RetainedEvents = [late] });
            }
        }

        Assert.That(read, Is.EqualTo(events.Select(e => e.Id)));
        Assert.That(store.ReadEvents(T0, T0 + Duration.FromDays(1), []).Count(), Is.EqualTo(3_000 + added));
    }

    private static StoreCommit Baseline() => new()
    {
        Source = "crm",
        EventIds = ["e-1"],
        Checkpoint = new Checkpoint("1"),
        NewSeries = [new StoredSeries("calls", 1, 0, ["alice"]), new StoredSeries("leads", 0, 0, [])],
        Cells = [new StoredCell("calls", 1, 0, Grain.Day, 1, 1, 1, 1, 1, 1, []), new StoredCell("leads", 0, 0, Grain.Day, 1, 1, 1, 0, 0, 0, ["lead-1"])],
        RetainedEvents = [new ActivityEvent("e-1", "call.made", T0 + Duration.FromHours(1))],
        HeldEvents = [new ActivityEvent("e-0", "call.made", T0 - Duration.FromDays(9))],
        MetricFingerprints = new Dictionary<string, string> { ["calls"] = "v1" },
        Scoreboards = [new StoredScoreboard(T0 + Duration.FromHours(1), ScoreboardKind.Regular, "{}")],
    };

    private static void AssertBaseline(SqliteMetricStore store, StoreContents contents)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(contents.Checkpoints["crm"], Is.EqualTo(new Checkpoint("1")));
            Assert.That(contents.Series.Select(s => (s.Metric, s.SeriesId)), Is.EqualTo(new[] { ("calls", 0), ("leads", 0) }));
            Assert.That(contents.Cells.Select(c => (c.Metric, c.Count, c.DistinctValues.Count)), Is.EquivalentTo(new[] { ("calls", 1L, 0), ("leads", 1L, 1) }));
            Assert.That(contents.HeldEvents.Select(e => e.Event.Id), Is.EqualTo(new[] { "e-0" }));
            Assert.That(contents.Goals, Is.Empty);
            Assert.That(contents.MetricFingerprints["calls"], Is.EqualTo("v1"));
            Assert.That(contents.PublishedThrough, Is.EqualTo(T0 + Duration.FromHours(1)));
            Assert.That(store.FindSeen("crm", ["e-1", "e-2", "e-3"]), Is.EquivalentTo(new[] { "e-1" }));
            Assert.That(store.ReadEvents(Instant.MinValue, Instant.MaxValue, []).Select(e => e.Event.Id), Is.EqualTo(new[] { "e-1" }));
            Assert.That(store.ReadScoreboards(Instant.MinValue, Instant.MaxValue), Has.Count.EqualTo(1));
        }
    }
}
