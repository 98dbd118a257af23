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

    // Removal leaves a marker where the id was: every other id must still be found, whatever bucket it went to, and
    // the freed ids can be added again.
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

    // A removed id leaves a marker in its slot, not an empty one: ids placed past its bucket must stay reachable, and
    // markers are dropped when the table is rebuilt, so removing and adding for ever neither loses ids nor fills it.
    [Test]
    public void RemoveAndAdd_ManyTimesOver_KeepsTheLiveIdsAndNoOthers()
    {
        var table = new IdTable();
        var live = new Queue<string>(Enumerable.Range(0, 1_000).Select(i => $"live-{i}"));
        foreach (var id in live)
        {
            Add(table, id);
        }

        for (var i = 0; i < 20_000; i++)
        {
            Assert.That(table.Remove(live.Dequeue()), Is.True);
            var added = $"next-{i}";
            Assert.That(Add(table, added), Is.True);
            live.Enqueue(added);
        }

        Assert.That(table.Count, Is.EqualTo(1_000));
        Assert.That(live.All(id => Contains(table, id)), Is.True);
        Assert.That(Contains(table, "live-999"), Is.False);
        Assert.That(Contains(table, "next-18999"), Is.False);
        Assert.That(table.Items(), Is.EqualTo(live));
    }

    // Ids whose quick hashes are equal share a bucket of eight slots and fill the buckets after it: removing one from
    // the full first bucket must not hide those placed past it.
    [Test]
    public void Remove_FromAFullBucket_KeepsTheIdsPastItFindable()
    {
        var table = new IdTable();
        var ids = Enumerable.Range(0, 20).Select(QuickHashCollisions.Colliding).ToArray();
        foreach (var id in ids)
        {
            Add(table, id);
        }

        Assert.That(table.HashesRandomised, Is.False, "three buckets are a short probe");
        Assert.That(ids.Take(3).All(table.Remove), Is.True);

        Assert.That(ids.Skip(3).All(id => Contains(table, id)), Is.True);
        Assert.That(ids.Take(3).Any(id => Contains(table, id)), Is.False);
        Assert.That(ids.Skip(3).Any(id => Add(table, id)), Is.False, "still there, so not added twice");
        Assert.That(ids.Take(3).All(id => Add(table, id)), Is.True);
        Assert.That(table.Count, Is.EqualTo(20));
    }

    // The vector scan of a bucket must agree with the slot-at-a-time one used where vectors are not native, for
    // matching tags, other tags, empty slots and removed ids' markers alike.
    [Test]
    public void Scan_AgreesWithScanningEachSlot()
    {
        var random = new Random(20261129);
        const long key = 0x1234_5678L << 32;
        long[] choices = [0, long.MinValue, key | 1, key | 77, (0x1234_5679L << 32) | 5, (0x7234_5678L << 32) | 5, 0x1234_5678L];
        var bucket = new long[8];
        var seen = new HashSet<(uint, uint)>();
        for (var round = 0; round < 2_000; round++)
        {
            for (var slot = 0; slot < bucket.Length; slot++)
            {
                bucket[slot] = choices[random.Next(choices.Length)];
            }

            var expected = Expected(bucket, key);
            Assert.That(IdTable.Scan(ref bucket[0], key), Is.EqualTo(expected), string.Join(", ", bucket));
            Assert.That(IdTable.ScanEach(ref bucket[0], key), Is.EqualTo(expected), string.Join(", ", bucket));
            seen.Add(expected);
        }

        Assert.That(seen, Has.Count.GreaterThan(1_000), "the rounds covered many different buckets");
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

    // Which slots match the key's tag and which are empty, spelled out.
    private static (uint Matches, uint Empty) Expected(long[] bucket, long key)
    {
        uint matches = 0;
        uint empty = 0;
        for (var slot = 0; slot < bucket.Length; slot++)
        {
            if ((ulong)bucket[slot] >> 32 == (ulong)key >> 32)
            {
                matches |= 1u << slot;
            }

            if (bucket[slot] == 0)
            {
                empty |= 1u << slot;
            }
        }

        return (matches, empty);
    }

    private static bool Add(IdTable table, string id) => table.Add(id, QuickHash.Of(id));

    private static bool Contains(IdTable table, string id) => table.Contains(id, QuickHash.Of(id));
}
