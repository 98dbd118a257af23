using NodaTime;
using static SalesOps.Metrics.Testing.StoreSamples;

namespace SalesOps.Metrics.Testing;

// Size and awkward values: large batches, extreme doubles, strings that break naive escaping.
public abstract partial class MetricStoreConformanceTests
{
    /// <summary>A batch of 10,000 cells, 10,000 ids and 2,000 retained events round-trips exactly.</summary>
    [Test]
    public void Commit_LargeBatch_Restart_ReturnsEverything()
    {
        var ids = Ids("evt-", 10_000);
        var series = Enumerable.Range(0, 100).Select(i => new StoredSeries("calls", 1, i, ["rep-" + i])).ToArray();
        var cells = (
            from s in Enumerable.Range(0, 100)
            from day in Enumerable.Range(0, 100)
            select Cell("calls", 1, s, Grain.Day, 20260101 + day, s + day, (s * 100) + day + 0.25, s, day, s % 10 == 0 ? ["lead-" + day, "lead-x"] : [])).ToArray();
        var events = ids[..2_000].Select((id, i) => Event(id, "call.made", At(i / 60.0), i, ("rep", "rep-" + (i % 100)))).ToArray();
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", ids) with { Checkpoint = new Checkpoint("10000"), NewSeries = series, Cells = cells, RetainedEvents = events });

        store = Restart(store, location, out var contents);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Views(contents.Series), Is.EqualTo(Views(series)));
            Assert.That(Views(contents.Cells), Is.EqualTo(Views(cells)));
            Assert.That(store.FindSeen("crm", ids), Has.Count.EqualTo(10_000));
            Assert.That(Views(store.ReadEvents(Instant.MinValue, Instant.MaxValue, [])), Is.EqualTo(Views("crm", events)));
            Assert.That(contents.Checkpoints["crm"], Is.EqualTo(new Checkpoint("10000")));
        }
    }

    /// <summary>Infinite minimum and maximum (a cell with no values) and extreme finite doubles come back unchanged.</summary>
    [Test]
    public void Commit_InfiniteAndExtremeDoubles_Restart_ReturnsThemUnchanged()
    {
        StoredCell[] cells =
        [
            Cell("revenue", 0, 0, Grain.Day, 1, 0, 0, double.PositiveInfinity, double.NegativeInfinity),
            Cell("revenue", 0, 0, Grain.Day, 2, 2, double.MaxValue, double.Epsilon, double.MaxValue),
            Cell("revenue", 0, 0, Grain.Day, 3, long.MaxValue, -1e-300, double.MinValue, -double.Epsilon),
            Cell("revenue", 0, 0, Grain.Day, 4, 3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3),
        ];
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm") with
        {
            Cells = cells,
            Goals = [new("g", new LocalDateTime(2026, 1, 1, 0, 0), 1.0 / 3)],
            RetainedEvents = [Event("e-1", "deal.won", At(0), 0.1 + 0.2)],
        });

        store = Restart(store, location, out var contents);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Views(contents.Cells), Is.EqualTo(Views(cells)));
            Assert.That(contents.Goals[0].Goal, Is.EqualTo(1.0 / 3));
            Assert.That(store.ReadEvents(Instant.MinValue, Instant.MaxValue, []).Single().Event.Value, Is.EqualTo(0.1 + 0.2));
        }
    }

    /// <summary>Quotes, backslashes, unicode beyond the BMP, control characters, SQL and JSON fragments and empty strings round-trip everywhere a string is stored.</summary>
    [Test]
    public void Commit_AwkwardStrings_Restart_ReturnsThemUnchanged()
    {
        var words = AwkwardStrings;
        var source = "source " + words[2];
        var events = words.Select((w, i) => Event("id " + w, "type " + w, At(i), i, (w, w), ("k" + i, w))).ToArray();
        var cells = words.Select((w, i) => Cell(w, 1, i, Grain.Week, i, 1, 0, 0, 0, w, w + "!")).ToArray();
        var series = words.Select((w, i) => new StoredSeries(w, 1, i, [w, w + w])).OrderBy(s => s.Metric, StringComparer.Ordinal).ThenBy(s => s.SeriesId).ToArray();
        var store = OpenFresh(out var location);
        store.Commit(new StoreCommit
        {
            Source = source,
            EventIds = [.. words],
            Checkpoint = new Checkpoint(words[9]),
            NewSeries = series,
            Cells = cells,
            RetainedEvents = events,
            HeldEvents = events[..3],
            Goals = [.. words.Select(w => new StoredGoal(w, new LocalDateTime(2026, 1, 1, 0, 0), 1))],
            Scoreboards = [.. words.Select(w => new StoredScoreboard(At(0), ScoreboardKind.Regular, w))],
            MetricFingerprints = words.ToDictionary(w => w, w => w + w, StringComparer.Ordinal),
        });

        store = Restart(store, location, out var contents);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(contents.Checkpoints[source], Is.EqualTo(new Checkpoint(words[9])));
            Assert.That(Views(contents.Series), Is.EqualTo(Views(series)));
            Assert.That(Views(contents.Cells), Is.EqualTo(Views(cells)));
            Assert.That(Views(contents.HeldEvents), Is.EqualTo(Views(source, events[..3])));
            Assert.That(contents.Goals.Select(g => g.Target), Is.EqualTo(words));
            Assert.That(contents.MetricFingerprints, Is.EquivalentTo(words.ToDictionary(w => w, w => w + w, StringComparer.Ordinal)));
            Assert.That(store.FindSeen(source, words), Is.EquivalentTo(words));
            Assert.That(store.FindSeen(source, ["id " + words[0]]), Is.Empty);
            Assert.That(Views(store.ReadEvents(Instant.MinValue, Instant.MaxValue, [])), Is.EqualTo(Views(source, events)));
            Assert.That(Views(store.ReadEvents(Instant.MinValue, Instant.MaxValue, ["type " + words[8]])), Is.EqualTo(Views(source, events[8])));
            Assert.That(store.ReadScoreboards(At(0), At(1)).Select(s => s.Json), Is.EqualTo(words));
        }
    }
}
