using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class MilestoneValidationTests
{
    private static SalesOpsDefinition WithMilestones(Grain targetGrain, params MilestoneDefinition[] milestones)
        => Spec().WithTarget(0, t => t with { Grain = targetGrain, Milestones = milestones });

    [TestCase(Grain.Week, Grain.Day, 7)]
    [TestCase(Grain.Month, Grain.Day, 31)]
    [TestCase(Grain.Month, Grain.Week, 6)]
    [TestCase(Grain.Quarter, Grain.Day, 92)]
    [TestCase(Grain.Quarter, Grain.Week, 14)]
    [TestCase(Grain.Quarter, Grain.Month, 3)]
    [TestCase(Grain.Year, Grain.Day, 366)]
    [TestCase(Grain.Year, Grain.Week, 54)]
    [TestCase(Grain.Year, Grain.Month, 12)]
    public void Validate_DueAtTheLastPossibleSubPeriod_IsValid(Grain grain, Grain dueGrain, int max)
    {
        var definition = WithMilestones(grain, new MilestoneDefinition("last call", 1.0, dueGrain, max));

        Assert.That(Problems(definition), Is.Empty);
    }

    [TestCase(Grain.Week, Grain.Day, 8, "a week has at most 7 days")]
    [TestCase(Grain.Month, Grain.Day, 32, "a month has at most 31 days")]
    [TestCase(Grain.Month, Grain.Week, 7, "a month has at most 6 weeks")]
    [TestCase(Grain.Quarter, Grain.Day, 93, "a quarter has at most 92 days")]
    [TestCase(Grain.Quarter, Grain.Week, 15, "a quarter has at most 14 weeks")]
    [TestCase(Grain.Quarter, Grain.Month, 4, "a quarter has at most 3 months")]
    [TestCase(Grain.Year, Grain.Day, 367, "a year has at most 366 days")]
    [TestCase(Grain.Year, Grain.Week, 55, "a year has at most 54 weeks")]
    [TestCase(Grain.Year, Grain.Month, 13, "a year has at most 12 months")]
    public void Validate_DueAfterThePeriodEnd_SaysHowLongThePeriodIs(Grain grain, Grain dueGrain, int dueCount, string limit)
    {
        var definition = WithMilestones(grain, new MilestoneDefinition("first down", 0.25, dueGrain, dueCount));

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            $"targets[0].milestones[0].dueCount: milestone 'first down' is due after the period end: {limit}",
        }));
    }

    [Test]
    public void Validate_SecondMilestoneBad_ReportsItsIndex()
    {
        var definition = WithMilestones(
            Grain.Month,
            new MilestoneDefinition("first down", 0.25, Grain.Week, 1),
            new MilestoneDefinition("second down", 0.5, Grain.Week, 0));

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].milestones[1].dueCount: milestone 'second down' must be due after at least 1 sub-period (0)",
        }));
    }

    [TestCase(0.0)]
    [TestCase(1.5)]
    [TestCase(-0.25)]
    [TestCase(double.NaN)]
    public void Validate_FractionOutsideZeroToOne_ReportsIt(double fraction)
    {
        var definition = WithMilestones(Grain.Month, new MilestoneDefinition("first down", fraction, Grain.Week, 1));

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            $"targets[0].milestones[0].fraction: milestone 'first down' fraction must be in (0, 1] ({fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        }));
    }

    [Test]
    public void Validate_BlankName_ReportsRequired()
    {
        var definition = WithMilestones(Grain.Month, new MilestoneDefinition(" ", 0.25, Grain.Week, 1));

        Assert.That(Problems(definition), Is.EqualTo(new[] { "targets[0].milestones[0].name: milestone name is required" }));
    }

    [Test]
    public void Validate_DueByTheHour_ReportsUnsupportedGrain()
    {
        var definition = WithMilestones(Grain.Month, new MilestoneDefinition("first down", 0.25, Grain.Hour, 8));

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].milestones[0].dueGrain: milestone 'first down' must be due by the end of a day, week or month, not 'Hour'",
        }));
    }

    [Test]
    public void Validate_DueGrainNotFinerThanTarget_ReportsBothGrains()
    {
        var definition = WithMilestones(Grain.Week, new MilestoneDefinition("first down", 0.25, Grain.Month, 1));

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].milestones[0].dueGrain: milestone 'first down' due grain 'Month' must be finer than the target grain 'Week'",
        }));
    }

    [Test]
    public void Validate_MilestonesWithoutDayGrain_ReportsDayRequired()
    {
        var definition = Spec() with { Ingestion = new IngestionOptions { Grains = [Grain.Week, Grain.Month] } };
        definition = definition with { Scoreboard = new ScoreboardOptions { Grains = [Grain.Month] } };

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "ingestion.grains: grain 'Day' is required because target 'bdr-opportunities' has milestones",
        }));
    }

    [Test]
    public void Validate_NoMilestonesWithoutDayGrain_IsValid()
    {
        var definition = Spec().WithTarget(0, t => t with { Milestones = [] }) with
        {
            Ingestion = new IngestionOptions { Grains = [Grain.Month] },
            Scoreboard = new ScoreboardOptions { Grains = [Grain.Month] },
        };

        Assert.That(Problems(definition), Is.Empty);
    }
}
