using NodaTime;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Engine;

/// <summary>SPEC §3.8 and §3.13: every event is applied once or rejected with a reason, and counted.</summary>
public sealed class IngestionTests
{
    private static readonly Instant Now = Zones.Utc(2026, 11, 20, 12);

    private static TestEngine Calls() => TestEngine.Create(Now, ops => ops
        .AddMetric("calls", m => m.Count("call.made").By("rep"))
        .AddMetric("revenue", m => m.Sum("deal.won").By("rep")));

    [Test]
    public void Ingest_SameIdTwice_AppliesOnceAndCountsTheDuplicate()
    {
        var test = Calls();
        var call = new ActivityEvent("c-1", "call.made", Now - Duration.FromHours(1));

        var first = test.Engine.Ingest(call);
        var second = test.Engine.Ingest([call, call]);

        Assert.That((first.Applied, first.Duplicates), Is.EqualTo((1L, 0L)));
        Assert.That((second.Applied, second.Duplicates), Is.EqualTo((0L, 2L)));
        Assert.That(test.Engine.Query("calls", Window.Today), Is.EqualTo(1));
        Assert.That(test.Engine.Report.Received, Is.EqualTo(3));
    }

    [Test]
    public void Ingest_SameIdFromTwoSources_AppliesBoth()
    {
        var test = Calls();
        var call = new ActivityEvent("c-1", "call.made", Now - Duration.FromHours(1));

        test.Engine.Ingest(call, "crm");
        test.Engine.Ingest(call, "dialer");

        Assert.That(test.Engine.Query("calls", Window.Today), Is.EqualTo(2));
    }

    [Test]
    public void Ingest_InvalidEvents_AreRejectedWithTheirReasonAndCounted()
    {
        var test = Calls();
        var at = Now - Duration.FromHours(1);
        ActivityEvent[] batch =
        [
            new("", "call.made", at),
            new("a", "", at),
            new("b", "call.made", default),
            new("c", "deal.won", at, double.NaN),
            new("d", "deal.won", at, double.PositiveInfinity),
            new("e", "call.made", Now + Duration.FromMinutes(6)),
            new("f", "call.made", at) { Dimensions = null! },
            null!,
            new("g", "call.made", Now + Duration.FromMinutes(4)),
            new("h", "deal.won", at, 1200),
            new("i", "lunch.eaten", at),
        ];

        IngestionReport report = null!;
        Assert.DoesNotThrow(() => report = test.Engine.Ingest(batch));

        Assert.That(report.Received, Is.EqualTo(11));
        Assert.That(report.Applied, Is.EqualTo(3), "g (within the clock skew), h, and i (matching no metric)");
        Assert.That(report.Unmatched, Is.EqualTo(1));
        Assert.That(report.Rejected, Is.EqualTo(8));
        Assert.That(report.RejectedByReason, Is.EquivalentTo(new Dictionary<RejectionReason, long>
        {
            [RejectionReason.MissingId] = 2,
            [RejectionReason.MissingType] = 1,
            [RejectionReason.MissingTime] = 1,
            [RejectionReason.InvalidValue] = 2,
            [RejectionReason.InFuture] = 1,
            [RejectionReason.InvalidDimensions] = 1,
        }));
        Assert.That(report.Received, Is.EqualTo(report.Applied + report.Duplicates + report.Rejected + report.Held));
        Assert.That(test.Engine.Query("revenue", Window.Today), Is.EqualTo(1200));
        Assert.That(test.Engine.Query("calls", Window.Today), Is.EqualTo(1));
    }

    // A long batch (the engine reads ahead of the event it applies, and hashes ids ahead) with bad entries and
    // duplicates well past its start and in its last places, handed over as an array, a list and a lazy sequence.
    [TestCase("array")]
    [TestCase("list")]
    [TestCase("sequence")]
    public void Ingest_LongBatchWithBadEntriesInAnyCollection_GivesTheSameCounts(string shape)
    {
        var test = Calls();
        var at = Now - Duration.FromHours(1);
        var events = new List<ActivityEvent>();
        for (var i = 0; i < 200; i++)
        {
            events.Add(new ActivityEvent($"d-{i}", "deal.won", at, 10, new Dictionary<string, string> { ["rep"] = $"rep-{i % 7}" }));
        }

        events[40] = null!;
        events[41] = events[41] with { Dimensions = null! };
        events[150] = events[150] with { Id = null! };
        events[151] = events[151] with { Type = null! };
        events[100] = events[60] with { };
        events[198] = events[3];
        events[199] = null!;
        IEnumerable<ActivityEvent> batch = shape switch
        {
            "array" => events.ToArray(),
            "list" => events,
            _ => events.Select(e => e),
        };

        var report = test.Engine.Ingest(batch);

        Assert.That((report.Received, report.Applied, report.Duplicates, report.Rejected), Is.EqualTo((200L, 193L, 2L, 5L)));
        Assert.That(report.RejectedByReason, Is.EquivalentTo(new Dictionary<RejectionReason, long>
        {
            [RejectionReason.MissingId] = 3,
            [RejectionReason.MissingType] = 1,
            [RejectionReason.InvalidDimensions] = 1,
        }));
        Assert.That(test.Engine.Query("revenue", Window.Today), Is.EqualTo(1930));
    }

    [Test]
    public void Ingest_RejectedEventResentCorrected_IsApplied()
    {
        var test = Calls();
        var at = Now - Duration.FromHours(1);

        test.Engine.Ingest(new ActivityEvent("d-1", "deal.won", at, double.NaN));
        test.Engine.Ingest(new ActivityEvent("d-1", "deal.won", at, 500));

        Assert.That(test.Engine.Query("revenue", Window.Today), Is.EqualTo(500));
        Assert.That(test.Engine.Report.Duplicates, Is.Zero);
    }

    [Test]
    public void Record_PreResolvedEvents_UpdateEveryGrainAndRejectBadOnes()
    {
        var test = Calls();
        var alice = test.Engine.Resolve("revenue", new Dictionary<string, string> { ["rep"] = "alice" });
        var at = Now - Duration.FromHours(2);
        ResolvedEvent[] events = [new(alice, at, 100), new(alice, at, 250), new(alice, at, double.NaN), new(alice, default, 5)];

        var applied = test.Engine.Record(events);

        Assert.That(applied, Is.EqualTo(2));
        Assert.That(test.Engine.Query("revenue", Window.Today, ("rep", "alice")), Is.EqualTo(350));
        Assert.That(test.Engine.Query("revenue", Window.ThisQuarter), Is.EqualTo(350));
        Assert.That(test.Engine.Query("revenue", Window.Current(Grain.Hour)), Is.EqualTo(0));
        Assert.That(test.Engine.Report.RejectedByReason[RejectionReason.InvalidValue], Is.EqualTo(1));
        Assert.That(test.Engine.Report.RejectedByReason[RejectionReason.MissingTime], Is.EqualTo(1));
    }

    [Test]
    public void Record_ManySeriesWithFewEventsOverDays_AppliesEveryGoodEventOnceInEveryPeriod()
    {
        // Enough reps that the engine keeps their events as singles (a busy rep's eighth gives it a run) and decides
        // batch by batch whether loading ahead pays; the events cover five days (so days close with singles, chains
        // of them and runs in them) and more than one window of that decision, with bad events among them.
        const int Reps = 40_000;
        var start = Zones.Utc(2026, 11, 16);
        var test = TestEngine.Create(start + Duration.FromDays(4) + Duration.FromHours(20), ops => ops
            .AddMetric("revenue", m => m.Sum("deal.won").By("rep"))
            .ConfigureIngestion(o => o with { MaxSeriesPerMetric = Reps + 10 }));
        var handles = Enumerable.Range(0, Reps)
            .Select(rep => test.Engine.Resolve("revenue", new Dictionary<string, string> { ["rep"] = $"rep-{rep}" }))
            .ToArray();
        var random = new Random(5);
        var events = new ResolvedEvent[6_000];
        var byDay = new double[5];
        var byRep = new Dictionary<int, double>();
        var byRepYesterday = new Dictionary<int, double>();
        for (var i = 0; i < events.Length; i++)
        {
            var rep = random.Next(i % 3 == 0 ? 100 : Reps);
            var day = i * 5 / events.Length;
            var at = start + Duration.FromDays(day) + Duration.FromMinutes(i % 1_000);
            if (i % 997 == 0)
            {
                events[i] = new ResolvedEvent(handles[rep], at, double.NaN);
                continue;
            }

            events[i] = new ResolvedEvent(handles[rep], at, i % 10);
            byDay[day] += i % 10;
            byRep[rep] = byRep.GetValueOrDefault(rep) + (i % 10);
            if (day == 3)
            {
                byRepYesterday[rep] = byRepYesterday.GetValueOrDefault(rep) + (i % 10);
            }
        }

        var applied = test.Engine.Record(events);

        Assert.That(applied, Is.EqualTo(events.Length - 7));
        Assert.That(test.Engine.Query("revenue", Window.ThisWeek), Is.EqualTo(byDay.Sum()));
        Assert.That(test.Engine.Query("revenue", Window.Today), Is.EqualTo(byDay[4]));
        Assert.That(test.Engine.Query("revenue", Window.Previous(Grain.Day)), Is.EqualTo(byDay[3]));
        foreach (var rep in new[] { 0, 7, 99, 100, byRep.Keys.Max(), byRep.Keys.Where(r => r >= 100).Min() })
        {
            Assert.That(test.Engine.Query("revenue", Window.ThisMonth, ("rep", $"rep-{rep}")), Is.EqualTo(byRep.GetValueOrDefault(rep)), $"rep-{rep}");
        }

        // Yesterday closed: every rep's cell of it, those of one event (singles) and of several.
        var yesterday = byRepYesterday.Keys.Order().Select(rep => test.Engine.Query("revenue", Window.Previous(Grain.Day), ("rep", $"rep-{rep}")));
        Assert.That(yesterday, Is.EqualTo(byRepYesterday.OrderBy(e => e.Key).Select(e => e.Value)));
        Assert.That(test.Engine.Query("revenue", Window.Previous(Grain.Day), ("rep", "rep-100")), Is.EqualTo(byRepYesterday.GetValueOrDefault(100)));
    }
}
