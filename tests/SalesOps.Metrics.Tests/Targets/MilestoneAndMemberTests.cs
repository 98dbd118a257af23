using NodaTime;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Targets;

/// <summary>Milestones ("first downs"), per-member targets and leaderboards.</summary>
public sealed class MilestoneAndMemberTests
{
    // June 2026 starts on a Monday, so week 1 is June 1–7 and its end is June 8 00:00.
    private static TestEngine June(Instant now) => TestEngine.Create(now, ops => ops
        .UseCalendar(c => c.InZone("America/Denver"))
        .AddMetric("opportunities", m => m.Count("opportunity.qualified").By("team", "rep"))
        .AddTarget("bdr-opportunities", t => t
            .For("opportunities").Where("team", "BDR").Each("rep")
            .Monthly().AtLeast(40)
            .Milestone("first down", 0.25, byEndOfWeek: 1)
            .Milestone("halfway", 0.5, byEndOfDay: 15)));

    private static void Opportunities(TestEngine test, string rep, int count, int day, string team = "BDR")
    {
        for (var i = 0; i < count; i++)
        {
            test.Ingest(Activity.Rep("opportunity.qualified", Zones.Local("America/Denver", 2026, 6, day, 10), team, rep));
        }
    }

    [Test]
    public void Evaluate_BeforeDueAndShort_MilestoneIsUpcoming()
    {
        var test = June(Zones.Local("America/Denver", 2026, 6, 5, 12));
        Opportunities(test, "alice", 6, 2);

        var firstDown = test.Engine.Evaluate("bdr-opportunities", "alice").Milestones[0];

        Assert.That(firstDown, Is.EqualTo(new MilestoneEvaluation("first down", 0.25, 10, Zones.Local("America/Denver", 2026, 6, 8), 6, MilestoneState.Upcoming)));
    }

    [Test]
    public void Evaluate_ReachedBeforeDue_MilestoneIsMetEarly()
    {
        var test = June(Zones.Local("America/Denver", 2026, 6, 5, 12));
        Opportunities(test, "alice", 10, 3);

        Assert.That(test.Engine.Evaluate("bdr-opportunities", "alice").Milestones[0].State, Is.EqualTo(MilestoneState.Met));
    }

    [Test]
    public void Evaluate_AfterDue_MilestoneJudgedOnTheActualAtItsDuePoint()
    {
        var test = June(Zones.Local("America/Denver", 2026, 6, 20, 12));
        Opportunities(test, "alice", 9, 3);
        Opportunities(test, "alice", 12, 9);
        Opportunities(test, "bob", 10, 7);

        var alice = test.Engine.Evaluate("bdr-opportunities", "alice").Milestones;
        var bob = test.Engine.Evaluate("bdr-opportunities", "bob").Milestones;

        Assert.That((alice[0].ActualAtDue, alice[0].State), Is.EqualTo((9.0, MilestoneState.Missed)), "21 by now does not rescue week 1");
        Assert.That((alice[1].ActualAtDue, alice[1].State, alice[1].DueAt), Is.EqualTo((21.0, MilestoneState.Met, Zones.Local("America/Denver", 2026, 6, 16))));
        Assert.That((bob[0].State, bob[1].State), Is.EqualTo((MilestoneState.Met, MilestoneState.Missed)));
    }

    [Test]
    public void Members_EachRepOfTeam_ListsRepsSeenInScopeOnly()
    {
        var test = June(Zones.Local("America/Denver", 2026, 6, 20));
        Opportunities(test, "bob", 1, 3);
        Opportunities(test, "alice", 1, 3);
        Opportunities(test, "carol", 5, 3, team: "AE");

        Assert.That(test.Engine.Members("bdr-opportunities"), Is.EqualTo(new[] { "alice", "bob" }));
        Assert.That(test.Engine.EvaluateAll("bdr-opportunities").Select(e => (e.Member, e.Actual)), Is.EqualTo(new[] { ((string?)"alice", 1.0), ("bob", 1.0) }));
    }

    [Test]
    public void Leaderboard_ByAttainment_TiesBrokenByActualThenName()
    {
        var test = June(Zones.Local("America/Denver", 2026, 6, 20));
        Opportunities(test, "dave", 12, 3);
        Opportunities(test, "bob", 20, 3);
        Opportunities(test, "alice", 12, 4);
        Opportunities(test, "erin", 30, 5);

        var board = test.Engine.Leaderboard("bdr-opportunities");

        Assert.That(board.Select(r => (r.Rank, r.Member)), Is.EqualTo(new[] { (1, "erin"), (2, "bob"), (3, "alice"), (4, "dave") }));
        Assert.That(board[0].Evaluation.Attainment, Is.EqualTo(0.75));
    }

    [Test]
    public void Leaderboard_RosterMemberWithoutActivity_IsRankedLastAtZero()
    {
        var test = TestEngine.Create(Zones.Local("America/Denver", 2026, 6, 20), ops => ops
            .UseCalendar(c => c.InZone("America/Denver"))
            .AddMetric("opportunities", m => m.Count("opportunity.qualified").By("team", "rep"))
            .AddTarget("bdr-opportunities", t => t.For("opportunities").Where("team", "BDR").Each("rep", "zoe", "alice").Monthly().AtLeast(40)));
        Opportunities(test, "alice", 4, 3);
        Opportunities(test, "bob", 2, 3);

        var board = test.Engine.Leaderboard("bdr-opportunities");

        Assert.That(test.Engine.Members("bdr-opportunities"), Is.EqualTo(new[] { "alice", "bob", "zoe" }));
        Assert.That(board.Select(r => (r.Member, r.Evaluation.Actual)), Is.EqualTo(new[] { ("alice", 4.0), ("bob", 2.0), ("zoe", 0.0) }));
        Assert.That(board[2].Evaluation.Status, Is.EqualTo(TargetStatus.Behind));
    }

    [Test]
    public void Attainment_MembersAndScope_EqualsTheFullEvaluationsAttainment()
    {
        var test = June(Zones.Local("America/Denver", 2026, 6, 20, 12));
        Opportunities(test, "alice", 10, 3);
        Opportunities(test, "bob", 30, 4);

        Assert.That(test.Engine.Attainment("bdr-opportunities", "alice"), Is.EqualTo(0.25));
        Assert.That(test.Engine.Attainment("bdr-opportunities", "bob"), Is.EqualTo(0.75));
        Assert.That(test.Engine.Attainment("bdr-opportunities", "alice"), Is.EqualTo(test.Engine.Evaluate("bdr-opportunities", "alice").Attainment), "served from the cached series");
        Assert.That(test.Engine.Attainment("bdr-opportunities", "zoe"), Is.EqualTo(0), "a member without events has attained nothing");
        test.Engine.ChangeGoal("bdr-opportunities", new NodaTime.LocalDateTime(2026, 6, 20, 0, 0), 20);
        Assert.That(test.Engine.Attainment("bdr-opportunities", "alice"), Is.EqualTo(0.5), "the goal in force now");
    }

    [Test]
    public void Attainment_RatioTarget_UsesTheRatioOfSums()
    {
        var test = TestEngine.Create(Zones.Utc(2026, 6, 20), ops => ops
            .AddMetric("appointments", m => m.Count("appointment.set").By("team"))
            .AddMetric("opportunities", m => m.Count("opportunity.qualified").By("team"))
            .AddMetric("conversion", m => m.Ratio("opportunities", "appointments"))
            .AddTarget("conversion", t => t.For("conversion").Where("team", "BDR").Monthly().AtLeast(0.5)));
        test.Ingest(
            Activity.Event("appointment.set", Zones.Utc(2026, 6, 2), null, ("team", "BDR")),
            Activity.Event("appointment.set", Zones.Utc(2026, 6, 2), null, ("team", "BDR")),
            Activity.Event("appointment.set", Zones.Utc(2026, 6, 2), null, ("team", "BDR")),
            Activity.Event("appointment.set", Zones.Utc(2026, 6, 2), null, ("team", "BDR")),
            Activity.Event("opportunity.qualified", Zones.Utc(2026, 6, 3), null, ("team", "BDR")));

        Assert.That(test.Engine.Attainment("conversion"), Is.EqualTo(0.5), "(1 / 4) / 0.5");
    }

    [Test]
    public void Evaluate_MemberOfTargetWithoutMembers_Throws()
    {
        var test = TestEngine.Create(Zones.Utc(2026, 6, 20), ops => ops
            .AddMetric("calls", m => m.Count("call.made"))
            .AddTarget("calls", t => t.For("calls").Daily().AtLeast(5)));

        Assert.That(() => test.Engine.Evaluate("calls", "alice"), Throws.ArgumentException);
        Assert.That(() => test.Engine.Evaluate("nope"), Throws.ArgumentException.With.Message.Contains("Unknown target 'nope'"));
    }
}
