using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Engine;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Engine;

/// <summary>The set of ids behind the engine's de-duplication record.</summary>
public sealed class IdTableTests
{
    [Test]
    public void Add_NewAndRepeatedIds_AddsEachOnce()
    {
        var table = new IdTable();

        Assert.That(Add(table, "a"), Is.True);
        Assert.That(Add(table, "b"), Is.True);
        Assert.That(Add(table, new string("a".AsSpan())), Is.False, "an equal id in another instance");
        Assert.That(Add(table, ""), Is.True);
        Assert.That(Add(table, ""), Is.False);

        Assert.That(table.Count, Is.EqualTo(3));
        Assert.That(table.Items(), Is.EqualTo(new[] { "a", "b", "" }));
        Assert.That(Contains(table, "b"), Is.True);
        Assert.That(Contains(table, "c"), Is.False);
    }

    [Test]
    public void Add_ManyIdsThroughGrowth_KeepsEveryOne()
    {
        var table = new IdTable();
        var ids = Enumerable.Range(0, 50_000).Select(i => $"evt-{i:D8}").ToArray();

        var added = ids.Count(id => Add(table, id));

        Assert.That(added, Is.EqualTo(50_000));
        Assert.That(table.Count, Is.EqualTo(50_000));
        Assert.That(ids.All(id => Contains(table, new string(id.AsSpan()))), Is.True);
        Assert.That(ids.Count(id => Add(table, id)), Is.Zero);
        Assert.That(Contains(table, "evt-00050000"), Is.False);
    }

    [Test]
    public void Reserve_GrowsOnceForABatchAndAtLeastTwofold()
    {
        var table = new IdTable();

        table.Reserve(1_000);
        var reserved = table.Capacity;
        for (var i = 0; i < 1_000; i++)
        {
            Add(table, $"id-{i}");
        }

        Assert.That(reserved, Is.GreaterThanOrEqualTo(1_000));
        Assert.That(table.Capacity, Is.EqualTo(reserved), "no growth while adding what was reserved");
        table.Reserve(reserved - 1_000 + 1);
        Assert.That(table.Capacity, Is.GreaterThanOrEqualTo(2 * reserved));
    }

    // Removal closes the gap it leaves by pulling later members of the probe run back: every other id must still be
    // found, whatever its position in the run, and the freed ids can be added again.
    [Test]
    public void Remove_EveryThirdId_LeavesTheOthersFindable()
    {
        var table = new IdTable();
        var ids = Enumerable.Range(0, 20_000).Select(i => $"r{i}").ToArray();
        foreach (var id in ids)
        {
            Add(table, id);
        }

        var removed = ids.Where((_, i) => i % 3 == 0).ToArray();
        var kept = ids.Where((_, i) => i % 3 != 0).ToArray();
        var removedCount = removed.Count(table.Remove);

        Assert.That(removedCount, Is.EqualTo(removed.Length));
        Assert.That(table.Remove("r0"), Is.False, "already removed");
        Assert.That(table.Count, Is.EqualTo(kept.Length));
        Assert.That(kept.All(id => Contains(table, id)), Is.True);
        Assert.That(removed.Any(id => Contains(table, id)), Is.False);
        Assert.That(table.Items(), Is.EqualTo(kept));
        Assert.That(removed.All(id => Add(table, id)), Is.True);
        Assert.That(table.Count, Is.EqualTo(ids.Length));
    }

    [Test]
    public void Clear_ForgetsEveryIdAndKeepsTheCapacity()
    {
        var table = new IdTable();
        for (var i = 0; i < 5_000; i++)
        {
            Add(table, $"c{i}");
        }

        var capacity = table.Capacity;
        table.Clear();

        Assert.That(table.Count, Is.Zero);
        Assert.That(Contains(table, "c1"), Is.False);
        Assert.That(table.Items(), Is.Empty);
        Assert.That(table.Capacity, Is.EqualTo(capacity));
        Assert.That(Add(table, "c1"), Is.True);
    }

    // Ids crafted so that the quick hash collides for all of them would make every look-up walk one long run; past
    // the limit the table hashes them with the runtime's randomised hash and they spread out again.
    [Test]
    public void Add_IdsCollidingUnderTheQuickHash_SwitchesToTheRandomisedHash()
    {
        var table = new IdTable();
        var ids = Enumerable.Range(0, 3 * CombinationCache.LongRun).Select(QuickHashCollisions.Colliding).ToArray();
        Assert.That(ids.Select(QuickHash.Of).Distinct().Count(), Is.EqualTo(1), "the ids collide");

        var added = ids.Count(id => Add(table, id));

        Assert.That(added, Is.EqualTo(ids.Length));
        Assert.That(table.HashesRandomised, Is.True);
        Assert.That(ids.All(id => Contains(table, id)), Is.True);
        Assert.That(ids.Any(id => Add(table, id)), Is.False);
        Assert.That(table.Remove(ids[7]), Is.True);
        Assert.That(Contains(table, ids[7]), Is.False);
        Assert.That(ids.Where((_, i) => i != 7).All(id => Contains(table, id)), Is.True);
    }

    [Test]
    public void Prefetch_ChangesNothing()
    {
        var table = new IdTable();
        Add(table, "p");

        table.Prefetch("p", QuickHash.Of("p"));
        table.Prefetch("q", QuickHash.Of("q"));

        Assert.That(table.Count, Is.EqualTo(1));
        Assert.That(Contains(table, "p"), Is.True);
        Assert.That(Contains(table, "q"), Is.False);
    }

    private static bool Add(IdTable table, string id) => table.Add(id, QuickHash.Of(id));

    private static bool Contains(IdTable table, string id) => table.Contains(id, QuickHash.Of(id));
}
