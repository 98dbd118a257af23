using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class DefinitionValidationTests
{
    internal static SalesOpsDefinition TwoProblems() => Spec()
        .WithCalendar(c => c with { Zone = "Mars/Olympus" })
        .WithTarget(0, t => t with { Goal = -5 });

    [Test]
    public void Validate_DefaultDefinition_HasNoErrors()
    {
        Assert.That(DefinitionValidation.Validate(new SalesOpsDefinition()), Is.Empty);
    }

    [Test]
    public void Validate_ProblemsInSeveralSections_ReportsAllInDefinitionOrder()
    {
        var definition = TwoProblems()
            .WithMetric(3, m => m with { Ratio = new RatioDefinition("qualified-opps", "appointments-set") })
            .WithMetric(1, m => m with { Name = "appointments-set" }) with
        {
            Ingestion = new IngestionOptions { MaxSeriesPerMetric = 0 },
        };

        // Renaming metrics[1] duplicates a name and leaves the target's metric, qualified-opportunities, unknown.
        Assert.That(DefinitionValidation.Validate(definition).Select(e => e.Path), Is.EqualTo(new[]
        {
            "calendar.zone",
            "metrics[1].name",
            "metrics[3].ratio.numerator",
            "targets[0].metric",
            "targets[0].goal",
            "ingestion.maxSeriesPerMetric",
        }));
    }

    [Test]
    public void ThrowIfInvalid_Invalid_ThrowsOneExceptionListingEveryProblem()
    {
        var exception = Assert.Throws<DefinitionValidationException>(() => DefinitionValidation.ThrowIfInvalid(TwoProblems()));

        Assert.That(exception.Errors, Is.EqualTo(new[]
        {
            new DefinitionError("calendar.zone", "unknown time zone 'Mars/Olympus'"),
            new DefinitionError("targets[0].goal", "goal must not be negative (-5)"),
        }));
        Assert.That(exception.Message, Is.EqualTo(
            "SalesOps definition is invalid (2 problems):\n" +
            "  calendar.zone: unknown time zone 'Mars/Olympus'\n" +
            "  targets[0].goal: goal must not be negative (-5)"));
    }

    [Test]
    public void ThrowIfInvalid_Valid_DoesNotThrow()
    {
        Assert.That(() => DefinitionValidation.ThrowIfInvalid(Spec()), Throws.Nothing);
    }

    [Test]
    public void Exception_OneProblem_SaysProblemInTheSingular()
    {
        var exception = new DefinitionValidationException([new DefinitionError("calendar.zone", "time zone is required")]);

        Assert.That(exception.Message, Is.EqualTo("SalesOps definition is invalid (1 problem):\n  calendar.zone: time zone is required"));
    }

    [Test]
    public void Exception_StandardConstructors_HaveNoErrors()
    {
        var inner = new InvalidOperationException("inner");

        Assert.That(new DefinitionValidationException().Errors, Is.Empty);
        Assert.That(new DefinitionValidationException("bad").Message, Is.EqualTo("bad"));
        Assert.That(new DefinitionValidationException("bad", inner).InnerException, Is.SameAs(inner));
    }

    [Test]
    public void DefinitionError_ToString_IsPathColonMessage()
    {
        Assert.That(new DefinitionError("metrics[2].ratio.numerator", "unknown metric 'qualified-opps'").ToString(),
            Is.EqualTo("metrics[2].ratio.numerator: unknown metric 'qualified-opps'"));
    }

    [Test]
    public void Validator_UsedDirectly_ReportsCamelCasePaths()
    {
        var result = new SalesOpsDefinitionValidator().Validate(TwoProblems());

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "calendar.zone", "targets[0].goal" }));
    }

    [Test]
    public void Message_WithBracesInAValue_IsReportedVerbatim()
    {
        var definition = Spec().WithCalendar(c => c with { Zone = "{PropertyName}/{PropertyValue}" });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "calendar.zone: unknown time zone '{PropertyName}/{PropertyValue}'" }));
    }

    [Test]
    public void Validate_NullSectionsAndLists_ReportsEachWithoutThrowing()
    {
        var definition = new SalesOpsDefinition
        {
            Metrics = null!,
            Targets = [new TargetDefinition { Name = "t", Metric = "m", Scope = null!, GoalChanges = null!, Pacing = null!, Thresholds = null!, Milestones = null! }],
            Ingestion = null!,
            Scoreboard = null!,
        };

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics: metrics must not be null",
            "targets[0].metric: unknown metric 'm'",
            "targets[0].scope: scope must not be null",
            "targets[0].goalChanges: goalChanges must not be null",
            "targets[0].pacing: pacing is required",
            "targets[0].thresholds: thresholds are required",
            "targets[0].milestones: milestones must not be null",
            "ingestion: ingestion options are required",
            "scoreboard: scoreboard options are required",
        }));
    }
}
