using NodaTime;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Targets;

/// <summary>Evaluation fields, statuses, at-most targets (SPEC §3.11) and goal changes (SPEC §3.12).</summary>
public sealed class TargetEvaluationTests
{
    private static TestEngine Monthly(Instant now, double goal = 30) => TestEngine.Create(now, ops => ops
        .AddMetric("opportunities", m => m.Count("opportunity.qualified").By("team", "rep"))
        .AddTarget("monthly", t => t.For("opportunities").Monthly().AtLeast(goal)));

    private static void Opportunities(TestEngine test, int count, Instant at, string team = "BDR", string rep = "alice")
    {
        for (var i = 0; i < count; i++)
        {
            test.Ingest(Activity.Rep("opportunity.qualified", at, team, rep));
        }
    }

    [Test]
    public void Evaluate_OneThirdThroughMonth_ComputesEveryField()
    {
        var test = Monthly(Zones.Utc(2026, 11, 11));
        Opportunities(test, 8, Zones.Utc(2026, 11, 5));

        var evaluation = test.Engine.Evaluate("monthly");

        Assert.Multiple(() =>
        {
            Assert.That(evaluation.Period.Label, Is.EqualTo("2026-11"));
            Assert.That(evaluation.Actual, Is.EqualTo(8));
            Assert.That(evaluation.Goal, Is.EqualTo(30));
            Assert.That(evaluation.ExpectedFraction, Is.EqualTo(1.0 / 3).Within(1e-12));
            Assert.That(evaluation.ExpectedByNow, Is.EqualTo(10).Within(1e-9));
            Assert.That(evaluation.Attainment, Is.EqualTo(8.0 / 30).Within(1e-12));
            Assert.That(evaluation.Pace, Is.EqualTo(0.8).Within(1e-12));
            Assert.That(evaluation.Projected, Is.EqualTo(24).Within(1e-9));
            Assert.That(evaluation.Remaining, Is.EqualTo(22));
            Assert.That(evaluation.RequiredRatePerDay, Is.EqualTo(1.1).Within(1e-9));
            Assert.That(evaluation.Status, Is.EqualTo(TargetStatus.Behind));
            Assert.That(evaluation.PreviousPeriod.Label, Is.EqualTo("2026-10"));
        });
    }

    [TestCase(10, TargetStatus.OnTrack)]
    [TestCase(9, TargetStatus.AtRisk)]
    [TestCase(8, TargetStatus.Behind)]
    [TestCase(30, TargetStatus.Achieved)]
    [TestCase(31, TargetStatus.Achieved)]
    public void Evaluate_AtLeast_StatusFollowsPaceThresholds(int actual, TargetStatus expected)
    {
        var test = Monthly(Zones.Utc(2026, 11, 11));
        Opportunities(test, actual, Zones.Utc(2026, 11, 5));

        Assert.That(test.Engine.Evaluate("monthly").Status, Is.EqualTo(expected));
    }

    [Test]
    public void EvaluatePeriod_AtLeastEndedShort_IsBehind()
    {
        var test = Monthly(Zones.Utc(2026, 12, 3));
        Opportunities(test, 29, Zones.Utc(2026, 11, 5));

        var november = test.Engine.EvaluatePeriod("monthly", test.Engine.Calendar.PeriodOf(Zones.Utc(2026, 11, 5), Grain.Month));

        Assert.That((november.Actual, november.Status, november.ExpectedFraction), Is.EqualTo((29.0, TargetStatus.Behind, 1.0)));
        Assert.That(november.RequiredRatePerDay, Is.Null);
    }

    private static TestEngine Escalations(Instant now) => TestEngine.Create(now, ops => ops
        .AddMetric("escalations", m => m.Count("ticket.escalated"))
        .AddTarget("weekly-escalations", t => t.For("escalations").Weekly().AtMost(10)));

    [Test]
    public void Evaluate_AtMostExceededOnFirstDay_IsBreachedAtOnce()
    {
        // 2026-11-16 is a Monday.
        var test = Escalations(Zones.Utc(2026, 11, 16, 12));
        for (var i = 0; i < 11; i++)
        {
            test.Ingest(Activity.Event("ticket.escalated", Zones.Utc(2026, 11, 16, 9)));
        }

        var evaluation = test.Engine.Evaluate("weekly-escalations");

        Assert.That(evaluation.Status, Is.EqualTo(TargetStatus.Breached));
        Assert.That(evaluation.Remaining, Is.EqualTo(-1));
    }

    [TestCase(2, TargetStatus.OnTrack, TestName = "Evaluate_AtMostProjectedUnderLimit_IsOnTrackNotWithin")]
    [TestCase(6, TargetStatus.AtRisk, TestName = "Evaluate_AtMostProjectedOverLimit_IsAtRisk")]
    [TestCase(10, TargetStatus.AtRisk, TestName = "Evaluate_AtMostAtTheLimitMidWeek_IsAtRisk")]
    public void Evaluate_AtMostMidPeriod_NeverWithin(int count, TargetStatus expected)
    {
        // Thursday noon: 3.5 of 7 days, so the projection doubles the actual.
        var test = Escalations(Zones.Utc(2026, 11, 19, 12));
        for (var i = 0; i < count; i++)
        {
            test.Ingest(Activity.Event("ticket.escalated", Zones.Utc(2026, 11, 17, 9)));
        }

        Assert.That(test.Engine.Evaluate("weekly-escalations").Status, Is.EqualTo(expected));
    }

    [Test]
    public void EvaluatePeriod_AtMostEndedWithinLimit_IsWithin()
    {
        var test = Escalations(Zones.Utc(2026, 11, 25));
        for (var i = 0; i < 10; i++)
        {
            test.Ingest(Activity.Event("ticket.escalated", Zones.Utc(2026, 11, 17, 9)));
        }

        var week = test.Engine.Calendar.PeriodOf(Zones.Utc(2026, 11, 17), Grain.Week);
        var ended = test.Engine.EvaluatePeriod("weekly-escalations", week);
        test.Clock.Reset(Zones.Utc(2026, 11, 22, 23));
        var notYet = test.Engine.EvaluatePeriod("weekly-escalations", week);

        Assert.That(ended.Status, Is.EqualTo(TargetStatus.Within));
        Assert.That(notYet.Status, Is.EqualTo(TargetStatus.AtRisk));
    }

    [Test]
    public void Evaluate_GoalChangedMidPeriod_BeforeKeepsOldGoalAfterUsesNew()
    {
        var test = Monthly(Zones.Utc(2026, 11, 30), goal: 40);
        Opportunities(test, 20, Zones.Utc(2026, 11, 3));

        test.Engine.ChangeGoal("monthly", new LocalDateTime(2026, 11, 15, 0, 0), 50);
        var before = test.Engine.Evaluate("monthly", Zones.Utc(2026, 11, 10));
        var after = test.Engine.Evaluate("monthly", Zones.Utc(2026, 11, 20));

        Assert.That((before.Goal, before.GoalEffectiveFrom), Is.EqualTo((40.0, (Instant?)null)));
        Assert.That((after.Goal, after.GoalEffectiveFrom), Is.EqualTo((50.0, (Instant?)Zones.Utc(2026, 11, 15))));
        Assert.That(before.Attainment, Is.EqualTo(0.5));
        Assert.That(after.Attainment, Is.EqualTo(0.4));
        Assert.That(test.Engine.GoalHistory("monthly").Select(v => v.Goal), Is.EqualTo(new[] { 40.0, 50.0 }));
    }

    [Test]
    public void Evaluate_GoalChangeInDefinition_AppliesFromItsLocalDate()
    {
        var test = TestEngine.Create(Zones.Utc(2026, 11, 30), ops => ops
            .UseCalendar(c => c.InZone("America/Denver"))
            .AddMetric("opportunities", m => m.Count("opportunity.qualified"))
            .AddTarget("monthly", t => t.For("opportunities").Monthly().AtLeast(40).GoalFrom(new LocalDate(2026, 11, 15), 50)));

        Assert.That(test.Engine.Evaluate("monthly", Zones.Local("America/Denver", 2026, 11, 14, 23, 59)).Goal, Is.EqualTo(40));
        Assert.That(test.Engine.Evaluate("monthly", Zones.Local("America/Denver", 2026, 11, 15)).Goal, Is.EqualTo(50));
    }

    [Test]
    public void Evaluate_PreviousPeriod_ComparesAtTheSamePointAndFinal()
    {
        var test = Monthly(Zones.Utc(2026, 11, 10, 12));
        Opportunities(test, 2, Zones.Utc(2026, 10, 5));
        Opportunities(test, 4, Zones.Utc(2026, 10, 10, 11));
        Opportunities(test, 3, Zones.Utc(2026, 10, 20));

        var evaluation = test.Engine.Evaluate("monthly");

        Assert.That(evaluation.PreviousAtSamePoint, Is.EqualTo(6), "October up to the 10th at 12:00");
        Assert.That(evaluation.PreviousFinal, Is.EqualTo(9));
    }
}
