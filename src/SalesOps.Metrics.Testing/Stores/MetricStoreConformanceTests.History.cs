using NodaTime;
using static SalesOps.Metrics.Testing.StoreSamples;

namespace SalesOps.Metrics.Testing;

// Retained events and published scoreboards: ranges are half-open, [from, to).
public abstract partial class MetricStoreConformanceTests
{
    /// <summary>ReadEvents returns the events in [from, to), of the given types (all when none), in commit order with their sources.</summary>
    [Test]
    public void ReadEvents_RangeAndTypes_ReturnsMatchingEventsInCommitOrder()
    {
        var e1 = Event("e-1", "call.made", At(1), null, ("rep", "alice"), ("team", "BDR"));
        var e2 = Event("e-2", "appointment.set", At(3), null, ("rep", "bob"));
        var e3 = Event("e-3", "call.made", At(0));
        var e4 = Event("e-4", "call.made", At(2), 4.5);
        var e5 = Event("e-5", "deal.won", At(5), 1200);
        var e6 = Event("e-6", "call.made", At(0) - Duration.Epsilon);
        var store = OpenFresh(out _);
        store.Commit(Batch("crm", "e-1", "e-2", "e-3") with { RetainedEvents = [e1, e2, e3] });
        store.Commit(Batch("csv", "e-4", "e-5", "e-6") with { RetainedEvents = [e4, e5, e6] });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Views(store.ReadEvents(At(0), At(5), [])), Is.EqualTo(Views("crm", e1, e2, e3).Concat(Views("csv", e4))));
            Assert.That(Views(store.ReadEvents(At(0), At(5), ["call.made"])), Is.EqualTo(Views("crm", e1, e3).Concat(Views("csv", e4))));
            Assert.That(Views(store.ReadEvents(At(0), At(5), ["call.made", "deal.won"])), Is.EqualTo(Views("crm", e1, e3).Concat(Views("csv", e4))));
            Assert.That(Views(store.ReadEvents(At(0), At(5) + Duration.Epsilon, ["deal.won"])), Is.EqualTo(Views("csv", e5)));
            Assert.That(store.ReadEvents(At(5), At(5), []), Is.Empty);
            Assert.That(store.ReadEvents(At(0), At(5), ["no.such.type"]), Is.Empty);
            Assert.That(Views(store.ReadEvents(Instant.MinValue, Instant.MaxValue, [])), Is.EqualTo(Views("crm", e1, e2, e3).Concat(Views("csv", e4, e5, e6))));
            Assert.That(store.ReadEvents(Instant.MinValue, Instant.MaxValue, []).Select(e => e.Sequence), Is.Ordered.Ascending.And.Unique);
        }
    }

    /// <summary>Events keep every field exactly across a restart (nanosecond instants, no value, many dimensions), and sequences keep increasing.</summary>
    [Test]
    public void ReadEvents_AfterRestart_ReturnsExactEventsAndSequencesKeepIncreasing()
    {
        var e1 = Event("e-1", "deal.won", At(1) + Duration.FromNanoseconds(123_456_789), 99_999.125, ("rep", "alice"), ("team", "AE"), ("region", "EMEA"));
        var e2 = Event("e-2", "call.made", At(2) + Duration.FromNanoseconds(1));
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "e-1", "e-2") with { RetainedEvents = [e1, e2] });
        var before = store.ReadEvents(Instant.MinValue, Instant.MaxValue, []).ToList();

        store = Restart(store, location, out _);
        var e3 = Event("e-3", "call.made", At(0.5));
        store.Commit(Batch("crm", "e-3") with { RetainedEvents = [e3] });
        var after = store.ReadEvents(Instant.MinValue, Instant.MaxValue, []).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Views(after), Is.EqualTo(Views("crm", e1, e2, e3)));
            Assert.That(after.Take(2).Select(e => e.Sequence), Is.EqualTo(before.Select(e => e.Sequence)));
            Assert.That(after.Select(e => e.Sequence), Is.Ordered.Ascending.And.Unique);
            Assert.That(after[1].Event.OccurredAt, Is.EqualTo(At(2) + Duration.FromNanoseconds(1)));
        }
    }

    /// <summary>PurgeEvents deletes only events before the cut-off and counts them; their ids stay seen, and later sequences still increase.</summary>
    [Test]
    public void PurgeEvents_OlderEvents_RemovesOnlyThemAndTheirIdsStaySeen()
    {
        var events = new[] { Event("e-0", "call.made", At(0)), Event("e-1", "call.made", At(1)), Event("e-2", "call.made", At(2)), Event("e-3", "call.made", At(3)) };
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "e-0", "e-1", "e-2", "e-3") with { RetainedEvents = [events[3], events[0], events[2], events[1]] });
        var lastSequence = store.ReadEvents(Instant.MinValue, Instant.MaxValue, []).Max(e => e.Sequence);

        var purged = store.PurgeEvents(At(2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(purged, Is.EqualTo(2));
            Assert.That(Views(store.ReadEvents(Instant.MinValue, Instant.MaxValue, [])), Is.EqualTo(Views("crm", events[3], events[2])));
            Assert.That(store.FindSeen("crm", ["e-0", "e-1", "e-2", "e-3"]), Has.Count.EqualTo(4));
            Assert.That(store.PurgeEvents(At(2)), Is.Zero);
        }

        store = Restart(store, location, out _);
        store.Commit(Batch("crm", "e-4") with { RetainedEvents = [Event("e-4", "call.made", At(4))] });
        var remaining = store.ReadEvents(Instant.MinValue, Instant.MaxValue, []).ToList();
        Assert.That(remaining.Select(e => e.Event.Id), Is.EqualTo(new[] { "e-3", "e-2", "e-4" }));
        Assert.That(remaining[^1].Sequence, Is.GreaterThan(lastSequence));
        Assert.That(store.FindSeen("crm", ["e-0", "e-1"]), Has.Count.EqualTo(2));
    }

    /// <summary>ReadScoreboards returns those with At in [from, to), oldest first (ties in commit order), with kind and JSON unchanged.</summary>
    [Test]
    public void ReadScoreboards_Range_ReturnsHalfOpenRangeOldestFirst()
    {
        var s0 = new StoredScoreboard(At(0), ScoreboardKind.Regular, """{"at":0}""");
        var s1 = new StoredScoreboard(At(1), ScoreboardKind.Correction, """{"at":1,"windows":["2026-03-02"]}""");
        var s1b = new StoredScoreboard(At(1), ScoreboardKind.Regular, """{"at":1}""");
        var s2 = new StoredScoreboard(At(2), ScoreboardKind.Regular, """{"at":2}""");
        var s3 = new StoredScoreboard(At(3), ScoreboardKind.Regular, """{"at":3}""");
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm") with { Scoreboards = [s2, s0, s1] });
        store.Commit(Batch("crm") with { Scoreboards = [s3, s1b] });

        for (var pass = 0; pass < 2; pass++)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(store.ReadScoreboards(At(0), At(3)), Is.EqualTo(new[] { s0, s1, s1b, s2 }));
                Assert.That(store.ReadScoreboards(At(1), At(2)), Is.EqualTo(new[] { s1, s1b }));
                Assert.That(store.ReadScoreboards(At(3) + Duration.Epsilon, Instant.MaxValue), Is.Empty);
                Assert.That(store.ReadScoreboards(Instant.MinValue, Instant.MaxValue), Has.Count.EqualTo(5));
            }

            store = Restart(store, location, out _);
        }
    }
}
