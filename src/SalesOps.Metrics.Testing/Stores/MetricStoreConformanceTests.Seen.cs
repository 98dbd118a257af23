using static SalesOps.Metrics.Testing.StoreSamples;

namespace SalesOps.Metrics.Testing;

// The de-duplication record: ids are recorded per source, exactly.
public abstract partial class MetricStoreConformanceTests
{
    /// <summary>FindSeen returns the committed ids among the candidates, for that source only, before and after a restart.</summary>
    [Test]
    public void FindSeen_IdsOfSeveralSources_ReturnsOnlyThoseCommittedForTheSource()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "a", "b", "c"));
        store.Commit(Batch("csv", "c", "d"));

        for (var pass = 0; pass < 2; pass++)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(store.FindSeen("crm", ["a", "c", "d", "x"]), Is.EquivalentTo(new[] { "a", "c" }));
                Assert.That(store.FindSeen("csv", ["a", "c", "d"]), Is.EquivalentTo(new[] { "c", "d" }));
                Assert.That(store.FindSeen("erp", ["a", "b", "c", "d"]), Is.Empty);
                Assert.That(store.FindSeen("CRM", ["a"]), Is.Empty, "source names compare ordinally");
                Assert.That(store.FindSeen("crm", ["A", "a "]), Is.Empty, "ids compare ordinally");
            }

            store = Restart(store, location, out _);
        }
    }

    /// <summary>FindSeen with no candidates returns an empty set.</summary>
    [Test]
    public void FindSeen_NoIds_ReturnsEmpty()
    {
        var store = OpenFresh(out _);
        store.Commit(Batch("crm", "a"));

        Assert.That(store.FindSeen("crm", []), Is.Empty);
    }

    /// <summary>Thousands of candidates in one call, with repeats, give exactly the committed subset.</summary>
    [Test]
    public void FindSeen_ThousandsOfIdsInOneCall_ReturnsExactlyTheCommittedOnes()
    {
        var all = Ids("evt-", 3_000);
        var committed = all.Where((_, i) => i % 3 != 0).ToArray();
        var store = OpenFresh(out _);
        store.Commit(Batch("crm", committed[..1_000]));
        store.Commit(Batch("crm", committed[1_000..]));

        var candidates = all[..2_501].Concat(all[..7]).Concat(["not-an-id"]).ToArray();
        var found = store.FindSeen("crm", candidates);

        Assert.That(found.Order(StringComparer.Ordinal), Is.EqualTo(all[..2_501].Where((_, i) => i % 3 != 0)));
    }

    /// <summary>An id committed again (a retried batch) is recorded once and stays seen.</summary>
    [Test]
    public void Commit_SameIdsTwice_FindSeenReturnsThemOnce()
    {
        var store = OpenFresh(out var location);
        store.Commit(Batch("crm", "a", "b"));
        store.Commit(Batch("crm", "b", "c"));

        store = Restart(store, location, out _);

        Assert.That(store.FindSeen("crm", ["a", "b", "c", "d"]), Is.EquivalentTo(new[] { "a", "b", "c" }));
    }
}
