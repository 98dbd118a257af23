using NodaTime;
using SalesOps.Metrics.Engine;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Engine;

/// <summary>The engine's own de-duplication record: for ever, or for the newest event's window-long span and the one before.</summary>
public sealed class SeenIdsTests
{
    // A one-day window cuts time at UTC midnight.
    private static readonly Duration Day = Duration.FromDays(1);

    private static Instant At(int day, int hour) => Zones.Utc(2026, 11, day, hour);

    [Test]
    public void TryClaim_WithoutWindow_RemembersEveryIdAtAnyTime()
    {
        var seen = new SeenIds(window: null);

        Assert.That(seen.TryClaim("a", At(20, 12)), Is.EqualTo(Claim.Claimed));
        Assert.That(seen.TryClaim("b", At(20, 12) + Duration.FromDays(400)), Is.EqualTo(Claim.Claimed));
        Assert.That(seen.TryClaim("a", At(20, 12) - Duration.FromDays(400)), Is.EqualTo(Claim.Duplicate));
        Assert.That(seen.TryClaim("c", At(20, 12) - Duration.FromDays(400)), Is.EqualTo(Claim.Claimed));
        Assert.That(seen.Count, Is.EqualTo(3));
    }

    [Test]
    public void Release_ForgetsTheId_WithAndWithoutWindow()
    {
        foreach (var window in new Duration?[] { null, Day })
        {
            var seen = new SeenIds(window);
            seen.TryClaim("a", At(20, 12));
            seen.TryClaim("b", At(19, 12));

            seen.Release("b");

            Assert.That(seen.Count, Is.EqualTo(1), $"window {window}");
            Assert.That(seen.TryClaim("b", At(19, 12)), Is.EqualTo(Claim.Claimed), $"window {window}");
            Assert.That(seen.TryClaim("a", At(20, 12)), Is.EqualTo(Claim.Duplicate), $"window {window}");
        }
    }

    [Test]
    public void TryClaim_WithWindow_KeepsTheNewestSpanAndTheOneBefore()
    {
        var seen = new SeenIds(Day);
        seen.TryClaim("18th", At(18, 10));
        seen.TryClaim("19th", At(19, 10));
        Assert.That(seen.Count, Is.EqualTo(2));

        Assert.That(seen.TryClaim("20th", At(20, 10)), Is.EqualTo(Claim.Claimed));

        Assert.That(seen.Count, Is.EqualTo(2));
        Assert.That(seen.TryClaim("18th", At(18, 10)), Is.EqualTo(Claim.BeyondWindow));
        Assert.That(seen.TryClaim("last tick of the 18th", At(19, 0) - Duration.FromTicks(1)), Is.EqualTo(Claim.BeyondWindow));
        Assert.That(seen.TryClaim("19th", At(19, 10)), Is.EqualTo(Claim.Duplicate));
        Assert.That(seen.TryClaim("first tick of the 19th", At(19, 0)), Is.EqualTo(Claim.Claimed));
        Assert.That(seen.TryClaim("20th", At(20, 10)), Is.EqualTo(Claim.Duplicate));
    }

    [Test]
    public void TryClaim_WithWindow_AJumpOfMoreThanOneSpanForgetsBoth()
    {
        var seen = new SeenIds(Day);
        seen.TryClaim("19th", At(19, 10));
        seen.TryClaim("20th", At(20, 10));

        seen.TryClaim("23rd", At(23, 10));

        Assert.That(seen.Count, Is.EqualTo(1));
        Assert.That(seen.TryClaim("20th", At(20, 10)), Is.EqualTo(Claim.BeyondWindow));
        Assert.That(seen.TryClaim("22nd", At(22, 10)), Is.EqualTo(Claim.Claimed));
    }

    [Test]
    public void TryClaim_WithWindow_ACopyWithALaterTimeKeepsTheIdForLonger()
    {
        var seen = new SeenIds(Day);
        seen.TryClaim("a", At(19, 10));
        seen.TryClaim("b", At(20, 10));
        Assert.That(seen.TryClaim("a", At(20, 12)), Is.EqualTo(Claim.Duplicate));

        seen.TryClaim("c", At(21, 10));

        // The 19th is forgotten, but "a" was filed under the 20th too: a replay at either time is a duplicate.
        Assert.That(seen.TryClaim("a", At(19, 10)), Is.EqualTo(Claim.Duplicate));
        Assert.That(seen.TryClaim("a", At(20, 12)), Is.EqualTo(Claim.Duplicate));
        Assert.That(seen.Count, Is.EqualTo(3));
    }

    [Test]
    public void TryClaim_WithWindow_ACopyInTheOlderSpanOfAnIdInTheNewerIsADuplicate()
    {
        var seen = new SeenIds(Day);
        seen.TryClaim("a", At(20, 10));

        Assert.That(seen.TryClaim("a", At(19, 10)), Is.EqualTo(Claim.Duplicate));
        Assert.That(seen.Count, Is.EqualTo(1));
    }

    [Test]
    public void TryClaim_WithWindow_SpansBeforeTheUnixEpochCountBackwards()
    {
        var epoch = Instant.FromUnixTimeTicks(0);
        var seen = new SeenIds(Day);
        seen.TryClaim("before", epoch - Duration.FromMinutes(30));

        seen.TryClaim("after", epoch + Duration.FromHours(23));

        // 31 December 1969 is the span before 1 January 1970: kept until an event of 2 January arrives.
        Assert.That(seen.TryClaim("before", epoch - Duration.FromMinutes(30)), Is.EqualTo(Claim.Duplicate));
        seen.TryClaim("later", epoch + Day);
        Assert.That(seen.TryClaim("before", epoch - Duration.FromMinutes(30)), Is.EqualTo(Claim.BeyondWindow));
    }

    [Test]
    public void TryClaim_WithWindow_FindsEveryIdOfTheOtherSpanAfterItsFilterGrew()
    {
        var seen = new SeenIds(Day);
        var older = Enumerable.Range(0, 20_000).Select(i => $"crm-{i}").ToArray();
        var newer = Enumerable.Range(0, 20_000).Select(i => $"crm-{i + 20_000}").ToArray();
        foreach (var id in older)
        {
            seen.TryClaim(id, At(19, 10));
        }

        var claimed = newer.Count(id => seen.TryClaim(id, At(20, 10)) == Claim.Claimed);
        var copies = older.Count(id => seen.TryClaim(id, At(20, 11)) == Claim.Duplicate);
        var replays = newer.Count(id => seen.TryClaim(id, At(19, 11)) == Claim.Duplicate);

        Assert.That((claimed, copies, replays), Is.EqualTo((20_000, 20_000, 20_000)));
        Assert.That(seen.Count, Is.EqualTo(60_000));
    }

    [Test]
    public void TryClaim_WithWindow_SteadyStateReusesItsStorage()
    {
        const int PerHour = 500;
        const int PerDay = 24 * PerHour;
        var ids = Enumerable.Range(0, 7 * PerDay).Select(i => $"evt-{i}").ToArray();
        var seen = new SeenIds(Day);

        // Ids arrive in time order, 500 an hour, in batches of an hour; warm up over three days, then measure each of
        // four more (a day that grew, or re-made, any of the record's storage would count its bytes).
        ClaimInOrder(seen, ids, from: 0, to: 3 * PerDay, PerHour);
        var allocated = Allocations.FewestPerRound(
            rounds: 4,
            day => ClaimInOrder(seen, ids, from: (3 + day) * PerDay, to: (4 + day) * PerDay, PerHour));

        Assert.That(allocated, Is.Zero);
        Assert.That(seen.Count, Is.EqualTo(48 * PerHour));
    }

    [Test]
    public void Reserve_WithoutWindow_GrowsAtLeastTwofold()
    {
        var seen = new SeenIds(window: null);
        var capacities = new HashSet<int>();
        for (var i = 0; i < 100_000; i++)
        {
            seen.Reserve(1);
            seen.TryClaim($"evt-{i}", At(20, 12));
            capacities.Add(seen.Capacity);
        }

        // Growing to fit each single-event batch exactly would have resized 60-odd times on the way to 100,000.
        Assert.That(capacities, Has.Count.LessThanOrEqualTo(18));
        Assert.That(seen.Capacity, Is.GreaterThanOrEqualTo(100_000));
    }

    private static void ClaimInOrder(SeenIds seen, string[] ids, int from, int to, int perHour)
    {
        for (var i = from; i < to; i++)
        {
            if (i % perHour == 0)
            {
                seen.Reserve(perHour);
            }

            if (seen.TryClaim(ids[i], At(20, 0) + Duration.FromHours(i / perHour)) != Claim.Claimed)
            {
                Assert.Fail($"{ids[i]} was not claimed");
            }
        }
    }
}
