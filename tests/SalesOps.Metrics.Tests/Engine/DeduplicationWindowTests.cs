using NodaTime;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Store;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Engine;

/// <summary>
/// SPEC §3.8 and §3.10 with a de-duplication window: an event is applied once or rejected with a reason, and a
/// replay never counts twice, while the engine forgets ids older than the window.
/// </summary>
public sealed class DeduplicationWindowTests
{
    private static readonly Instant Now = Zones.Utc(2026, 11, 20, 12);

    private static TestEngine Calls(Duration? window) => TestEngine.Create(Now, ops => ops
        .AddMetric("calls", m => m.Count("call.made").By("rep"))
        .ConfigureIngestion(o => o with { DeduplicationWindow = window }));

    private static ActivityEvent Call(int n, Instant at) => new($"c-{n}", "call.made", at) { Dimensions = new Dictionary<string, string> { ["rep"] = "ana" } };

    [Test]
    public void Ingest_ReplayInsideTheWindow_CountsDuplicates()
    {
        var test = Calls(Duration.FromDays(2));
        ActivityEvent[] calls = [Call(1, Now - Duration.FromDays(1)), Call(2, Now - Duration.FromHours(1))];
        test.Engine.Ingest(calls);

        var replay = test.Engine.Ingest(calls);

        Assert.That((replay.Applied, replay.Duplicates, replay.Rejected), Is.EqualTo((0L, 2L, 0L)));
        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(2));
    }

    [Test]
    public void Ingest_ReplayOfAnEventBeyondTheWindow_IsRejectedWithItsReasonAndNotCountedTwice()
    {
        var test = Calls(Duration.FromDays(1));
        var old = Call(1, Now - Duration.FromDays(3));
        test.Engine.Ingest([old, Call(2, Now - Duration.FromHours(1))]);

        var replay = test.Engine.Ingest(old);
        var unseen = test.Engine.Ingest(Call(3, Now - Duration.FromDays(2)));

        Assert.That((replay.Applied, replay.Duplicates), Is.EqualTo((0L, 0L)));
        Assert.That(replay.RejectedByReason, Is.EqualTo(new Dictionary<RejectionReason, long> { [RejectionReason.BeyondDeduplicationWindow] = 1 }));
        Assert.That(unseen.RejectedByReason[RejectionReason.BeyondDeduplicationWindow], Is.EqualTo(1));
        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(2));
        Assert.That(test.Engine.Report.RejectedByReason[RejectionReason.BeyondDeduplicationWindow], Is.EqualTo(2));
    }

    [Test]
    public void Ingest_BackFillInTimeOrderLongerThanTheWindow_IsAppliedWhole_AndItsReplayChangesNothing()
    {
        var test = Calls(Duration.FromHours(6));
        var start = Zones.Utc(2026, 11, 1);
        var calls = Enumerable.Range(0, 19 * 24).Select(h => Call(h, start + Duration.FromHours(h))).ToArray();

        var first = test.Engine.Ingest(calls);
        var replays = Enumerable.Range(0, 3).Select(_ => test.Engine.Ingest(calls)).ToArray();

        Assert.That(first.Applied, Is.EqualTo(456));
        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(456));
        foreach (var replay in replays)
        {
            // The newest call (23:00 on the 19th) is in the span from 18:00: that span and the one from 12:00 are
            // still remembered, and the rest is refused.
            Assert.That(replay.Applied, Is.Zero);
            Assert.That(replay.Duplicates, Is.EqualTo(12));
            Assert.That(replay.RejectedByReason[RejectionReason.BeyondDeduplicationWindow], Is.EqualTo(444));
        }
    }

    [Test]
    public void Ingest_WithoutWindow_RemembersEveryId()
    {
        var test = Calls(window: null);
        var old = Call(1, Zones.Utc(2025, 1, 1));
        test.Engine.Ingest([old, Call(2, Now - Duration.FromHours(1))]);

        var replay = test.Engine.Ingest(old);

        Assert.That((replay.Duplicates, replay.Rejected), Is.EqualTo((1L, 0L)));
    }

    [Test]
    public void Ingest_WithAStore_TheStoresRecordDecidesAndTheWindowIsNotUsed()
    {
        var builder = new SalesOpsBuilder()
            .AddMetric("calls", m => m.Count("call.made").By("rep"))
            .ConfigureIngestion(o => o with { DeduplicationWindow = Duration.FromDays(1) });
        var engine = new SalesOpsEngine(builder.Build(), new NodaTime.Testing.FakeClock(Now), new InMemoryMetricStore());
        var old = Call(1, Now - Duration.FromDays(3));
        engine.Ingest([old, Call(2, Now - Duration.FromHours(1))]);

        var replay = engine.Ingest([old, Call(3, Now - Duration.FromDays(5))]);

        Assert.That((replay.Applied, replay.Duplicates, replay.Rejected), Is.EqualTo((1L, 1L, 0L)));
        Assert.That(engine.Query("calls", Window.ThisMonth), Is.EqualTo(3));
    }

    [Test]
    public void Ingest_EventRejectedAsTooLate_GivesItsIdBack()
    {
        var test = TestEngine.Create(Now, ops => ops
            .AddMetric("calls", m => m.Count("call.made").By("rep"))
            .ConfigureIngestion(o => o with { DeduplicationWindow = Duration.FromDays(7), AllowedLateness = Duration.FromHours(1), LatePolicy = LateEventPolicy.Reject }));
        test.Engine.Ingest(Call(1, Now - Duration.FromMinutes(5)));
        test.Engine.Publish();
        var late = Call(2, Now - Duration.FromHours(3));

        var first = test.Engine.Ingest(late);
        var again = test.Engine.Ingest(late);

        Assert.That(first.RejectedByReason[RejectionReason.TooLate], Is.EqualTo(1));
        Assert.That((again.Duplicates, again.RejectedByReason[RejectionReason.TooLate]), Is.EqualTo((0L, 1L)));
    }
}
