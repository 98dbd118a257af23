using NodaTime;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Engine;

/// <summary>SPEC §3.9: late events within the lateness are applied and corrected; beyond it the policy applies, and all are counted.</summary>
public sealed class LateEventTests
{
    private static readonly Instant PublishedAt = Zones.Utc(2026, 11, 11, 10);

    private static TestEngine Published(LateEventPolicy policy)
    {
        var test = TestEngine.Create(PublishedAt, ops => ops
            .AddMetric("calls", m => m.Count("call.made").By("rep"))
            .ConfigureIngestion(o => o with { AllowedLateness = Duration.FromDays(1), LatePolicy = policy }));
        test.Ingest(Activity.Event("call.made", Zones.Utc(2026, 11, 10, 15), null, ("rep", "alice")));
        test.Engine.Publish();
        test.Clock.Advance(Duration.FromHours(1));
        return test;
    }

    [Test]
    public void Ingest_LateWithinLateness_AppliesAndPublishesCorrectionForItsDay()
    {
        var test = Published(LateEventPolicy.Reject);

        var report = test.Ingest(Activity.Event("call.made", Zones.Utc(2026, 11, 10, 16), null, ("rep", "bob")));
        var published = test.Engine.Publish();

        Assert.That((report.Applied, report.Late, report.LateBeyondLateness), Is.EqualTo((1L, 1L, 0L)));
        Assert.That(published.Select(s => s.Kind), Is.EqualTo(new[] { ScoreboardKind.Correction, ScoreboardKind.Regular }));
        var correction = published[0].Metrics.Single();
        Assert.That((correction.Metric, correction.Period.Label, correction.Total.Value), Is.EqualTo(("calls", "2026-11-10", (double?)2)));
        Assert.That(correction.Breakdown.Select(r => r.Dimensions["rep"]), Is.EqualTo(new[] { "alice", "bob" }));
        Assert.That(test.Engine.Publish().Select(s => s.Kind), Is.EqualTo(new[] { ScoreboardKind.Regular }), "a correction is published once");
    }

    [Test]
    public void Ingest_LateWithinCurrentDay_IsCountedLateButNeedsNoCorrection()
    {
        var test = Published(LateEventPolicy.Reject);

        var report = test.Ingest(Activity.Event("call.made", Zones.Utc(2026, 11, 11, 9), null, ("rep", "bob")));
        var published = test.Engine.Publish();

        Assert.That(report.Late, Is.EqualTo(1));
        Assert.That(published.Select(s => s.Kind), Is.EqualTo(new[] { ScoreboardKind.Regular }), "the changed day and month are still current");
        Assert.That(published[0].Metrics.Select(m => (m.Period.Label, m.Total.Value)), Is.EqualTo(new[] { ("2026-11-11", (double?)1), ("2026-11", 2) }));
    }

    [Test]
    public void Ingest_BeyondLatenessUnderReject_IsRejectedAsTooLate()
    {
        var test = Published(LateEventPolicy.Reject);

        var report = test.Ingest(Activity.Event("call.made", Zones.Utc(2026, 11, 9, 9), null, ("rep", "bob")));

        Assert.That((report.Applied, report.Late, report.Rejected), Is.EqualTo((0L, 1L, 1L)));
        Assert.That(report.RejectedByReason[RejectionReason.TooLate], Is.EqualTo(1));
        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(1));
    }

    [Test]
    public void Ingest_BeyondLatenessUnderApplyAndFlag_IsAppliedAndFlagged()
    {
        var test = Published(LateEventPolicy.ApplyAndFlag);

        var report = test.Ingest(Activity.Event("call.made", Zones.Utc(2026, 11, 9, 9), null, ("rep", "bob")));

        Assert.That((report.Applied, report.Late, report.LateBeyondLateness), Is.EqualTo((1L, 1L, 1L)));
        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(2));
        Assert.That(test.Engine.Publish()[0].Metrics.Single(m => m.Period.Grain == Grain.Day).Period.Label, Is.EqualTo("2026-11-09"));
    }

    [Test]
    public void Ingest_BeyondLatenessUnderHold_IsHeldUntilReleased()
    {
        var test = Published(LateEventPolicy.Hold);
        var late = Activity.Event("call.made", Zones.Utc(2026, 11, 9, 9), null, ("rep", "bob"));

        var report = test.Ingest(late);
        var heldValue = test.Engine.Query("calls", Window.ThisMonth);
        var again = test.Ingest(late);
        var released = test.Engine.ReleaseHeld();

        Assert.That((report.Held, report.Late, report.Applied), Is.EqualTo((1L, 1L, 0L)));
        Assert.That(heldValue, Is.EqualTo(1));
        Assert.That(again.Duplicates, Is.EqualTo(1), "a held event is not held twice");
        Assert.That((released.Applied, released.Held), Is.EqualTo((1L, -1L)));
        Assert.That(test.Engine.HeldEvents, Is.Empty);
        Assert.That(test.Engine.Query("calls", Window.ThisMonth), Is.EqualTo(2));
        var total = test.Engine.Report;
        Assert.That((total.Received, total.Applied, total.Duplicates, total.Held), Is.EqualTo((3L, 2L, 1L, 0L)));
    }

    [Test]
    public void DiscardHeld_HeldEvents_CountAsRejectedTooLate()
    {
        var test = Published(LateEventPolicy.Hold);
        test.Ingest(Activity.Event("call.made", Zones.Utc(2026, 11, 9, 9), null, ("rep", "bob")));

        var discarded = test.Engine.DiscardHeld();

        Assert.That(discarded, Is.EqualTo(1));
        var total = test.Engine.Report;
        Assert.That((total.Held, total.Rejected), Is.EqualTo((0L, 1L)));
        Assert.That(total.Received, Is.EqualTo(total.Applied + total.Duplicates + total.Rejected + total.Held));
    }
}
