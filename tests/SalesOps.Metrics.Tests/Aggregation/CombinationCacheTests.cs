using SalesOps.Metrics.Aggregation;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Aggregation;

/// <summary>The cache that resolves a combination of dimension value strings to its series at every level.</summary>
public sealed class CombinationCacheTests
{
    [Test]
    public void TryGet_ValuesSharingLengthAndBothEnds_AreTold()
    {
        var cache = new CombinationCache(2);
        string[] first = ["team-east", "abcdXXXXXXXXwxyz"];
        string[] second = ["team-east", "abcdYYYYYYYYwxyz"];
        cache.Add(first, cache.HashOf(first), Ids(1, 7));

        Assert.That(cache.TryGet(first, cache.HashOf(first), out var found), Is.True);
        Assert.That(found[2], Is.EqualTo(7));
        Assert.That(cache.TryGet(second, cache.HashOf(second), out _), Is.False);
    }

    [Test]
    public void TryGet_ShortAndEmptyValues_AreTold()
    {
        var cache = new CombinationCache(1);
        string[][] combinations = [[""], ["a"], ["b"], ["ab"], ["ba"], ["abc"], ["abcd"]];
        for (var i = 0; i < combinations.Length; i++)
        {
            cache.Add(combinations[i], cache.HashOf(combinations[i]), Ids(i, i));
        }

        var found = combinations.Select(c => cache.TryGet(c, cache.HashOf(c), out var ids) ? ids[1] : -1);

        Assert.That(found, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void Add_ManyValuesCraftedToShareTheQuickHash_SwitchesToFullHashingAndKeepsEveryCombination()
    {
        var cache = new CombinationCache(1);
        var values = Enumerable.Range(0, 500).Select(QuickHashCollisions.Colliding).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            string[] combination = [values[i]];
            cache.Add(combination, cache.HashOf(combination), Ids(0, i));
        }

        var found = values.Select(v => cache.TryGet([v], cache.HashOf([v]), out var ids) ? ids[2] : -1).ToArray();

        Assert.That(cache.HashesInFull, Is.True);
        Assert.That(cache.Count, Is.EqualTo(500));
        Assert.That(found, Is.EqualTo(Enumerable.Range(0, 500).ToArray()));
    }

    [Test]
    public void Add_OrdinaryValues_KeepsTheQuickHash()
    {
        var cache = new CombinationCache(2);
        for (var i = 0; i < 50_000; i++)
        {
            string[] combination = [$"team-{i % 10}", $"rep-{i:D7}"];
            cache.Add(combination, cache.HashOf(combination), Ids(i % 10, i));
        }

        for (var i = 0; i < 50_000; i++)
        {
            string[] combination = [$"team-{i % 10}", $"rep-{i:D7}"];
            Assert.That(cache.TryGet(combination, cache.HashOf(combination), out var each) ? each[2] : -1, Is.EqualTo(i));
        }

        Assert.That(cache.HashesInFull, Is.False);
        Assert.That(cache.TryGet(["team-3", "rep-0004213"], cache.HashOf(["team-3", "rep-0004213"]), out var ids), Is.True);
        Assert.That((ids[1], ids[2]), Is.EqualTo((3, 4213)));
    }

    [Test]
    public void TryGet_LongValuesAndValuesThatAreEachOthersPrefix_AreTold()
    {
        var cache = new CombinationCache(2);
        var longValue = new string('x', 70_000);
        string[][] combinations = [["ab", "c"], ["a", "bc"], ["abc", ""], [longValue, "z"], [longValue + "y", "z"]];
        for (var i = 0; i < combinations.Length; i++)
        {
            cache.Add(combinations[i], cache.HashOf(combinations[i]), Ids(i, i));
        }

        var found = combinations.Select(c => cache.TryGet(c, cache.HashOf(c), out var ids) ? ids[1] : -1);

        Assert.That(found, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(cache.TryGet(["", "abc"], cache.HashOf(["", "abc"]), out _), Is.False);
    }

    private static LevelIds Ids(int team, int rep)
    {
        var ids = default(LevelIds);
        ids[1] = team;
        ids[2] = rep;
        return ids;
    }
}
