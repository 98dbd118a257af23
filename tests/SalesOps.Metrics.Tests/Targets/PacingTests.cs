using NodaTime;
using SalesOps.Metrics.Tests.Support;

namespace SalesOps.Metrics.Tests.Targets;

/// <summary>SPEC §3.2 and §3.3: pacing by real elapsed time and by working time.</summary>
public sealed class PacingTests
{
    private const string Denver = "America/Denver";

    private static TestEngine DailyCalls(Instant now) => TestEngine.Create(now, ops => ops
        .UseCalendar(c => c.InZone(Denver))
        .AddMetric("calls", m => m.Count("call.made"))
        .AddTarget("daily-calls", t => t.For("calls").Daily().AtLeast(100).PacedByTime()));

    [Test]
    public void Evaluate_NoonOnFallBackDay_ExpectsThirteenTwentyFifths()
    {
        var noon = Zones.Local(Denver, 2026, 11, 1, 12);
        var evaluation = DailyCalls(noon).Engine.Evaluate("daily-calls");

        Assert.That(evaluation.ExpectedFraction, Is.EqualTo(13.0 / 25).Within(1e-12), "13 real hours of a 25-hour day");
        Assert.That(evaluation.ExpectedByNow, Is.EqualTo(52).Within(1e-9));
        Assert.That(evaluation.Period.End - evaluation.Period.Start, Is.EqualTo(Duration.FromHours(25)));
    }

    [Test]
    public void Evaluate_NoonOnSpringForwardDay_ExpectsElevenTwentyThirds()
    {
        var noon = Zones.Local(Denver, 2026, 3, 8, 12);
        var evaluation = DailyCalls(noon).Engine.Evaluate("daily-calls");

        Assert.That(evaluation.ExpectedFraction, Is.EqualTo(11.0 / 23).Within(1e-12));
        Assert.That(evaluation.ExpectedByNow, Is.EqualTo(1100.0 / 23).Within(1e-9));
    }

    private static TestEngine NovemberOpportunities(Instant now) => TestEngine.Create(now, ops => ops
        .UseCalendar(c => c.InZone(Denver).WorkingDays(IsoDayOfWeek.Monday, IsoDayOfWeek.Friday).WorkingHours(9, 17).Holiday(new LocalDate(2026, 11, 26)))
        .AddMetric("opportunities", m => m.Count("opportunity.qualified"))
        .AddTarget("monthly", t => t.For("opportunities").Monthly().AtLeast(200).PacedByWorkingTime()));

    // November 2026 in Denver has 21 weekdays; Thanksgiving (the 26th) leaves 20 working days of 8 hours.
    [TestCase(2026, 11, 6, 17, 0, 50.0, TestName = "Evaluate_FridayClose_ExpectsFiveOfTwentyDays")]
    [TestCase(2026, 11, 7, 12, 0, 50.0, TestName = "Evaluate_Saturday_StaysFlat")]
    [TestCase(2026, 11, 8, 23, 0, 50.0, TestName = "Evaluate_SundayNight_StaysFlat")]
    [TestCase(2026, 11, 9, 9, 0, 50.0, TestName = "Evaluate_MondayOpen_StaysFlat")]
    [TestCase(2026, 11, 9, 13, 0, 55.0, TestName = "Evaluate_MondayMidday_GrowsByHalfADay")]
    [TestCase(2026, 11, 25, 17, 0, 180.0, TestName = "Evaluate_EveOfHoliday_ExpectsEighteenDays")]
    [TestCase(2026, 11, 26, 17, 0, 180.0, TestName = "Evaluate_Holiday_StaysFlat")]
    [TestCase(2026, 11, 27, 9, 0, 180.0, TestName = "Evaluate_MorningAfterHoliday_StaysFlat")]
    [TestCase(2026, 11, 30, 17, 0, 200.0, TestName = "Evaluate_LastWorkingClose_ExpectsTheWholeGoal")]
    public void Evaluate_WorkingTimePacing_FollowsWorkingHoursOnly(int year, int month, int day, int hour, int minute, double expected)
    {
        var evaluation = NovemberOpportunities(Zones.Local(Denver, year, month, day, hour, minute)).Engine.Evaluate("monthly");

        Assert.That(evaluation.ExpectedByNow, Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Evaluate_WorkingTimePacing_RequiredRateIsPerRemainingWorkingDay()
    {
        var test = NovemberOpportunities(Zones.Local(Denver, 2026, 11, 13, 17));
        for (var i = 0; i < 40; i++)
        {
            test.Ingest(Activity.Event("opportunity.qualified", Zones.Local(Denver, 2026, 11, 12, 10)));
        }

        var evaluation = test.Engine.Evaluate("monthly");

        // Ten of twenty working days are done: 100 expected, 40 actual, 160 remaining over 10 days.
        Assert.That(evaluation.ExpectedByNow, Is.EqualTo(100).Within(1e-9));
        Assert.That(evaluation.Pace, Is.EqualTo(0.4).Within(1e-12));
        Assert.That(evaluation.Projected, Is.EqualTo(80).Within(1e-9));
        Assert.That(evaluation.Remaining, Is.EqualTo(160));
        Assert.That(evaluation.RequiredRatePerDay, Is.EqualTo(16).Within(1e-9));
        Assert.That(evaluation.Status, Is.EqualTo(TargetStatus.Behind));
    }

    [Test]
    public void Evaluate_WeightedPacing_HeavierLastMonthOfQuarter()
    {
        var test = TestEngine.Create(Zones.Utc(2026, 3, 1), ops => ops
            .AddMetric("revenue", m => m.Sum("deal.won"))
            .AddTarget("quarterly", t => t.For("revenue").Quarterly().AtLeast(1000).PacedByWeights(Grain.Month, 1, 1, 2)));

        var endOfFebruary = test.Engine.Evaluate("quarterly");
        test.Clock.Reset(Zones.Utc(2026, 3, 16, 12));
        var midMarch = test.Engine.Evaluate("quarterly");

        Assert.That(endOfFebruary.ExpectedByNow, Is.EqualTo(500).Within(1e-9), "two of four weights");
        Assert.That(midMarch.ExpectedByNow, Is.EqualTo(750).Within(1e-9), "half of March's double weight");
    }
}
