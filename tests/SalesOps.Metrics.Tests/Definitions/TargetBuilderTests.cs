using NodaTime;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class TargetBuilderTests
{
    private static TargetDefinition Target(Action<TargetBuilder> configure)
        => new SalesOpsBuilder().AddTarget("t", configure).Build().Targets.Single();

    [Test]
    public void Grains_EachShortcut_SetsItsGrain()
    {
        Assert.That(Target(t => t.Hourly()).Grain, Is.EqualTo(Grain.Hour));
        Assert.That(Target(t => t.Daily()).Grain, Is.EqualTo(Grain.Day));
        Assert.That(Target(t => t.Weekly()).Grain, Is.EqualTo(Grain.Week));
        Assert.That(Target(t => t.Monthly()).Grain, Is.EqualTo(Grain.Month));
        Assert.That(Target(t => t.Quarterly()).Grain, Is.EqualTo(Grain.Quarter));
        Assert.That(Target(t => t.Yearly()).Grain, Is.EqualTo(Grain.Year));
        Assert.That(Target(t => t.Per(Grain.Week)).Grain, Is.EqualTo(Grain.Week));
    }

    [Test]
    public void AtMost_SetsDirectionAndGoal()
    {
        var target = Target(t => t.For("response-minutes").AtMost(30));

        Assert.That(target.Direction, Is.EqualTo(TargetDirection.AtMost));
        Assert.That(target.Goal, Is.EqualTo(30));
    }

    [Test]
    public void GoalFrom_DateAndDateTime_AddVersionsInOrder()
    {
        var target = Target(t => t.AtLeast(40)
            .GoalFrom(new LocalDate(2026, 11, 15), 50)
            .GoalFrom(new LocalDateTime(2026, 12, 1, 12, 0), 60));

        Assert.That(target.GoalChanges, Is.EqualTo(new[]
        {
            new GoalVersion(new LocalDateTime(2026, 11, 15, 0, 0), 50),
            new GoalVersion(new LocalDateTime(2026, 12, 1, 12, 0), 60),
        }));
    }

    [Test]
    public void PacedByWeights_SetsWeightedPacing()
    {
        var target = Target(t => t.Quarterly().PacedByWeights(Grain.Month, 1, 1, 1.5));

        Assert.That(target.Pacing.Kind, Is.EqualTo(PacingKind.Weighted));
        Assert.That(target.Pacing.WeightGrain, Is.EqualTo(Grain.Month));
        Assert.That(target.Pacing.Weights, Is.EqualTo(new[] { 1, 1, 1.5 }));
    }

    [Test]
    public void PacedByTime_AfterWorkingTime_IsTimePacing()
    {
        Assert.That(Target(t => t.PacedByWorkingTime().PacedByTime()).Pacing.Kind, Is.EqualTo(PacingKind.Time));
    }

    [Test]
    public void Thresholds_TwoValues_KeepAtMostDefault()
    {
        var target = Target(t => t.Thresholds(0.95, 0.8));

        Assert.That(target.Thresholds, Is.EqualTo(new TargetThresholds { OnTrack = 0.95, AtRisk = 0.8, AtMostProjectionAtRisk = 1.0 }));
    }

    [Test]
    public void Thresholds_ThreeValues_SetAll()
    {
        var target = Target(t => t.Thresholds(0.95, 0.8, 0.9));

        Assert.That(target.Thresholds, Is.EqualTo(new TargetThresholds { OnTrack = 0.95, AtRisk = 0.8, AtMostProjectionAtRisk = 0.9 }));
    }

    [Test]
    public void Where_SameDimensionTwice_LastValueWins()
    {
        var target = Target(t => t.Where("team", "AE").Where("team", "BDR"));

        Assert.That(target.Scope, Is.EqualTo(new Dictionary<string, string> { ["team"] = "BDR" }));
    }

    [TestCase(1, null, null, Grain.Week, 1)]
    [TestCase(null, 10, null, Grain.Day, 10)]
    [TestCase(null, null, 2, Grain.Month, 2)]
    public void Milestone_OneDuePoint_SetsDueGrainAndCount(int? week, int? day, int? month, Grain grain, int count)
    {
        var target = Target(t => t.Milestone("first down", 0.25, byEndOfWeek: week, byEndOfDay: day, byEndOfMonth: month));

        Assert.That(target.Milestones, Is.EqualTo(new[] { new MilestoneDefinition("first down", 0.25, grain, count) }));
    }

    [Test]
    public void Milestone_NoDuePoint_ThrowsArgumentException()
    {
        Assert.That(() => Target(t => t.Milestone("first down", 0.25)), Throws.ArgumentException);
    }

    [Test]
    public void Milestone_TwoDuePoints_ThrowsArgumentException()
    {
        Assert.That(() => Target(t => t.Milestone("first down", 0.25, byEndOfWeek: 1, byEndOfDay: 5)), Throws.ArgumentException);
    }

    [Test]
    public void For_NotCalled_LeavesMetricEmptyForTheValidator()
    {
        var definition = new SalesOpsBuilder().AddTarget("t", t => t.AtLeast(1)).Build();

        Assert.That(definition.Targets[0].Metric, Is.EqualTo(""));
        Assert.That(SampleDefinitions.Problems(definition), Is.EqualTo(new[] { "targets[0].metric: metric is required" }));
    }
}
