using NodaTime;
using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class TargetValidationTests
{
    private static SalesOpsDefinition WithBdr(Func<TargetDefinition, TargetDefinition> change) => Spec().WithTarget(0, change);

    [Test]
    public void Validate_MembersBlankDuplicatedOrWithoutEach_ReportsEach()
    {
        Assert.That(Problems(WithBdr(t => t with { Members = ["alice", " ", "alice"] })), Is.EqualTo(new[]
        {
            "targets[0].members: a member must not be blank",
            "targets[0].members: duplicate member 'alice'",
        }));
        Assert.That(Problems(WithBdr(t => t with { Each = null, Members = ["alice"] })), Is.EqualTo(new[]
        {
            "targets[0].members: members need 'each' to name the dimension they belong to",
        }));
    }

    [Test]
    public void Validate_BlankNameAndMetric_ReportsBothRequired()
    {
        Assert.That(Problems(WithBdr(t => t with { Name = "", Metric = "" })), Is.EqualTo(new[]
        {
            "targets[0].name: target name is required",
            "targets[0].metric: metric is required",
        }));
    }

    [Test]
    public void Validate_DuplicateName_ReportsOnTheLaterOne()
    {
        var definition = Spec() with { Targets = [.. Spec().Targets, Spec().Targets[0] with { Scope = new Dictionary<string, string>() }] };

        Assert.That(Problems(definition), Is.EqualTo(new[] { "targets[1].name: duplicate target name 'bdr-opportunities'" }));
    }

    [Test]
    public void Validate_UnknownMetric_NamesTheMetricAndSkipsScopeChecks()
    {
        Assert.That(Problems(WithBdr(t => t with { Metric = "qualified-opps" })), Is.EqualTo(new[]
        {
            "targets[0].metric: unknown metric 'qualified-opps'",
        }));
    }

    [Test]
    public void Validate_NegativeGoal_NamesTheGoal()
    {
        Assert.That(Problems(WithBdr(t => t with { Goal = -5 })), Is.EqualTo(new[] { "targets[0].goal: goal must not be negative (-5)" }));
    }

    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "Infinity")]
    public void Validate_NonFiniteGoal_ReportsFinite(double goal, string shown)
    {
        Assert.That(Problems(WithBdr(t => t with { Goal = goal })), Is.EqualTo(new[]
        {
            $"targets[0].goal: goal must be a finite number ({shown})",
        }));
    }

    [Test]
    public void Validate_ZeroGoal_IsValid()
    {
        Assert.That(Problems(WithBdr(t => t with { Goal = 0 })), Is.Empty);
    }

    [Test]
    public void Validate_GoalChanges_ReportsBadGoalsAndOrderAtTheirIndex()
    {
        var definition = WithBdr(t => t with
        {
            GoalChanges =
            [
                new GoalVersion(new LocalDateTime(2026, 11, 15, 0, 0), 50),
                new GoalVersion(new LocalDateTime(2026, 11, 15, 0, 0), -1),
                new GoalVersion(new LocalDateTime(2026, 11, 1, 0, 0), double.NaN),
                new GoalVersion(new LocalDateTime(2026, 12, 1, 0, 0), 60),
            ],
        });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].goalChanges[1].goal: goal must not be negative (-1)",
            "targets[0].goalChanges[1].effectiveFrom: goal changes must be in strictly increasing order of effectiveFrom (2026-11-15T00:00:00 is not after 2026-11-15T00:00:00)",
            "targets[0].goalChanges[2].goal: goal must be a finite number (NaN)",
            "targets[0].goalChanges[2].effectiveFrom: goal changes must be in strictly increasing order of effectiveFrom (2026-11-01T00:00:00 is not after 2026-11-15T00:00:00)",
        }));
    }

    [Test]
    public void Validate_ScopeOnDimensionTheMetricIsNotGroupedBy_NamesBoth()
    {
        var definition = WithBdr(t => t with { Scope = new Dictionary<string, string> { ["team"] = "BDR", ["region"] = "west" } });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].scope.region: metric 'qualified-opportunities' is not grouped by 'region'",
        }));
    }

    [Test]
    public void Validate_BlankScopeValue_NamesTheDimension()
    {
        var definition = WithBdr(t => t with { Scope = new Dictionary<string, string> { ["team"] = " " } });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "targets[0].scope.team: scope value for 'team' must not be blank" }));
    }

    [Test]
    public void Validate_EachOnDimensionTheMetricIsNotGroupedBy_NamesBoth()
    {
        Assert.That(Problems(WithBdr(t => t with { Each = "region" })), Is.EqualTo(new[]
        {
            "targets[0].each: metric 'qualified-opportunities' is not grouped by 'region'",
        }));
    }

    [Test]
    public void Validate_EachAlsoInScope_ReportsTheConflict()
    {
        Assert.That(Problems(WithBdr(t => t with { Each = "team" })), Is.EqualTo(new[]
        {
            "targets[0].each: 'team' cannot be both in scope and each",
        }));
    }

    [Test]
    public void Validate_TargetOnRatio_UsesTheGroupByItsPartsShare()
    {
        // qualified-opportunities is grouped by (team, rep) and pipeline-value by (team): the ratio shares only team.
        var definition = Spec()
            .WithMetric(3, m => m with { Ratio = new RatioDefinition("qualified-opportunities", "pipeline-value") })
            .WithTarget(0, t => t with { Metric = "appointment-to-opportunity", Milestones = [] });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].each: metric 'appointment-to-opportunity' is not grouped by 'rep'",
        }));
    }

    [Test]
    public void Validate_TargetOnRatioWithSharedDimensions_IsValid()
    {
        var definition = Spec().WithTarget(0, t => t with { Metric = "appointment-to-opportunity" });

        Assert.That(Problems(definition), Is.Empty);
    }

    [Test]
    public void Validate_GrainNotAggregated_NamesTheGrains()
    {
        var definition = WithBdr(t => t with { Grain = Grain.Quarter }) with
        {
            Ingestion = new IngestionOptions { Grains = [Grain.Day, Grain.Month] },
        };

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].grain: grain 'Quarter' is not one of ingestion.grains (Day, Month)",
        }));
    }

    [Test]
    public void Validate_UndefinedDirection_ReportsIt()
    {
        Assert.That(Problems(WithBdr(t => t with { Direction = (TargetDirection)5 })), Is.EqualTo(new[]
        {
            "targets[0].direction: unknown direction '5'",
        }));
    }

    [Test]
    public void Validate_WeightedPacingWithBadWeights_ReportsEachWeightAndTheGrain()
    {
        var definition = WithBdr(t => t with
        {
            Pacing = new PacingDefinition { Kind = PacingKind.Weighted, WeightGrain = Grain.Month, Weights = [1, 0, double.NaN, -2] },
        });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].pacing.weights[1]: weight must be a positive finite number (0)",
            "targets[0].pacing.weights[2]: weight must be a positive finite number (NaN)",
            "targets[0].pacing.weights[3]: weight must be a positive finite number (-2)",
            "targets[0].pacing.weightGrain: weight grain 'Month' must be finer than the target grain 'Month'",
        }));
    }

    [Test]
    public void Validate_WeightedPacingWithoutWeights_ReportsRequired()
    {
        var definition = WithBdr(t => t with { Pacing = new PacingDefinition { Kind = PacingKind.Weighted, WeightGrain = Grain.Week } });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "targets[0].pacing.weights: weighted pacing needs at least one weight" }));
    }

    [Test]
    public void Validate_WeightedQuarterByMonth_IsValid()
    {
        var definition = WithBdr(t => t with
        {
            Grain = Grain.Quarter,
            Pacing = new PacingDefinition { Kind = PacingKind.Weighted, WeightGrain = Grain.Month, Weights = [1, 1, 1.5] },
        });

        Assert.That(Problems(definition), Is.Empty);
    }

    [Test]
    public void Validate_AtRiskNotAboveZero_ReportsIt()
    {
        Assert.That(Problems(WithBdr(t => t with { Thresholds = new TargetThresholds { AtRisk = 0 } })), Is.EqualTo(new[]
        {
            "targets[0].thresholds.atRisk: at-risk threshold must be greater than 0 (0)",
        }));
    }

    [Test]
    public void Validate_AtRiskAboveOnTrack_NamesBoth()
    {
        Assert.That(Problems(WithBdr(t => t with { Thresholds = new TargetThresholds { OnTrack = 0.9, AtRisk = 0.95 } })), Is.EqualTo(new[]
        {
            "targets[0].thresholds.atRisk: at-risk threshold (0.95) must not exceed the on-track threshold (0.9)",
        }));
    }

    [Test]
    public void Validate_AtRiskEqualToOnTrack_IsValid()
    {
        Assert.That(Problems(WithBdr(t => t with { Thresholds = new TargetThresholds { OnTrack = 0.9, AtRisk = 0.9 } })), Is.Empty);
    }

    [Test]
    public void Validate_BadOnTrackAndAtMostProjection_ReportsBoth()
    {
        var definition = WithBdr(t => t with { Thresholds = new TargetThresholds { OnTrack = double.NaN, AtMostProjectionAtRisk = 0 } });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "targets[0].thresholds.onTrack: on-track threshold must be a finite number (NaN)",
            "targets[0].thresholds.atMostProjectionAtRisk: at-most projection threshold must be a positive finite number (0)",
        }));
    }
}
