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
            cache.Add(combinations[i], cache.HashOf(combinations[i]), Ids(i));
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
            cache.Add(combination, cache.HashOf(combination), Ids(i));
        }

        var found = values.Select(v => cache.TryGet([v], cache.HashOf([v]), out var ids) ? ids[1] : -1).ToArray();

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

    // The hash places slots by its low bits: short codes (whose quick hashes are their bytes, unmixed), and the same
    // values in the other order, must spread like random numbers. 10,000 combinations over 16,384 slots fill about
    // 16,384 × (1 - e^(-10,000 / 16,384)) ≈ 7,490 of them at random; a combination of the values without a multiplier
    // per position, or without the final fold, fills far fewer.
    [Test]
    public void HashOf_ShortCodesInEitherOrder_SpreadOverTheLowBitsLikeRandomNumbers()
    {
        var cache = new CombinationCache(2);
        var slots = new HashSet<int>();
        for (var a = 0; a < 100; a++)
        {
            for (var b = 0; b < 50; b++)
            {
                slots.Add(cache.HashOf([$"C{a}", $"C{b}"]) & 16_383);
                slots.Add(cache.HashOf([$"C{b}", $"C{a + 50}"]) & 16_383);
            }
        }

        Assert.That(slots, Has.Count.GreaterThan(7_200));
    }

    // A small table stays at most a quarter full, so most look-ups find their combination in its home slot's line; from
    // 65,536 slots (4 MB) on, at most half full, to bound the memory.
    [Test]
    public void Add_ManyCombinations_KeepsASmallTableAQuarterFullAndALargeOneHalfFull()
    {
        var cache = new CombinationCache(2);
        var sizes = new Dictionary<int, int>();
        for (var i = 1; i <= 40_000; i++)
        {
            string[] combination = ["t", $"r{i}"];
            cache.Add(combination, cache.HashOf(combination), Ids(0, i));
            sizes[i] = cache.Slots;
        }

        Assert.That(sizes[1_000], Is.EqualTo(4_096));
        Assert.That(sizes[1_025], Is.EqualTo(8_192));
        Assert.That(sizes[8_192], Is.EqualTo(32_768));
        Assert.That(sizes[8_193], Is.EqualTo(65_536));
        Assert.That(sizes[32_768], Is.EqualTo(65_536));
        Assert.That(sizes[32_769], Is.EqualTo(131_072));
        Assert.That(cache.TryGet(["t", "r777"], cache.HashOf(["t", "r777"]), out var ids) ? ids[2] : -1, Is.EqualTo(777));
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

    [Test]
    public void Add_ValuesJustFittingTheSlotAndOneCharacterMore_KeepsThemInTheSlotAndInTheArena()
    {
        // Two dimensions leave 24 characters in a slot, each value's length included.
        var cache = new CombinationCache(2);
        string[] fits = [new('a', 11), new('b', 11)];
        string[] over = [new('a', 11), new('b', 12)];
        string[] fitsButLast = [new('a', 11), new string('b', 10) + "c"];
        string[] overButLast = [new('a', 11), new string('b', 11) + "c"];
        cache.Add(fits, cache.HashOf(fits), Ids(1, 10));
        cache.Add(over, cache.HashOf(over), Ids(2, 20));

        Assert.That(cache.InArena, Is.EqualTo(1));
        Assert.That(cache.TryGet(fits, cache.HashOf(fits), out var inSlot) ? (inSlot[1], inSlot[2]) : default, Is.EqualTo((1, 10)));
        Assert.That(cache.TryGet(over, cache.HashOf(over), out var inArena) ? (inArena[1], inArena[2]) : default, Is.EqualTo((2, 20)));
        Assert.That(cache.TryGet(fitsButLast, cache.HashOf(fitsButLast), out _), Is.False);
        Assert.That(cache.TryGet(overButLast, cache.HashOf(overButLast), out _), Is.False);
    }

    [Test]
    public void TryGet_EveryWidth_ReturnsEachLevelsIdAndZeroBeyondTheWidth()
    {
        var found = new List<int[]>();
        for (var width = 1; width <= SeriesKey.MaxDimensions; width++)
        {
            var cache = new CombinationCache(width);
            var values = Enumerable.Range(0, width).Select(d => $"value-{d}").ToArray();
            var ids = default(LevelIds);
            for (var level = 1; level <= width; level++)
            {
                ids[level] = (10 * width) + level;
            }

            cache.Add(values, cache.HashOf(values), ids);
            found.Add(cache.TryGet(values, cache.HashOf(values), out var got) ? [got[0], got[1], got[2], got[3], got[4]] : []);
        }

        Assert.That(found, Is.EqualTo(new[]
        {
            new[] { 0, 11, 0, 0, 0 },
            new[] { 0, 21, 22, 0, 0 },
            new[] { 0, 31, 32, 33, 0 },
            new[] { 0, 41, 42, 43, 44 },
        }));
    }

    [Test]
    public void Add_CollidingCombinationsWithLongValues_SwitchesToFullHashingAndKeepsEveryCombination()
    {
        var cache = new CombinationCache(2);
        var region = "a region name longer than a slot holds";
        var values = Enumerable.Range(0, 300).Select(QuickHashCollisions.Colliding).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            string[] combination = [region, values[i]];
            cache.Add(combination, cache.HashOf(combination), Ids(1, i));
        }

        var found = values.Select(v => cache.TryGet([region, v], cache.HashOf([region, v]), out var ids) ? ids[2] : -1).ToArray();

        Assert.That(cache.HashesInFull, Is.True);
        Assert.That(cache.InArena, Is.EqualTo(300));
        Assert.That(found, Is.EqualTo(Enumerable.Range(0, 300).ToArray()));
    }

    private static LevelIds Ids(int only)
    {
        var ids = default(LevelIds);
        ids[1] = only;
        return ids;
    }

    private static LevelIds Ids(int team, int rep)
    {
        var ids = default(LevelIds);
        ids[1] = team;
        ids[2] = rep;
        return ids;
    }
}
