using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class RatioValidationTests
{
    // In the SPEC example, metrics[3] is the ratio appointment-to-opportunity.
    private static SalesOpsDefinition WithRatio(string numerator, string denominator)
        => Spec().WithMetric(3, m => m with { Ratio = new RatioDefinition(numerator, denominator) });

    [Test]
    public void Validate_UnknownNumerator_NamesTheMetricAtItsPath()
    {
        var definition = Spec()
            .WithMetric(2, m => m with
            {
                Name = "conversion", Aggregation = AggregationKind.Ratio, EventTypes = [], GroupBy = [],
                Ratio = new RatioDefinition("qualified-opps", "appointments-set"),
            });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[2].ratio.numerator: unknown metric 'qualified-opps'" }));
    }

    [Test]
    public void Validate_UnknownDenominator_NamesTheMetric()
    {
        Assert.That(Problems(WithRatio("qualified-opportunities", "appointments")), Is.EqualTo(new[]
        {
            "metrics[3].ratio.denominator: unknown metric 'appointments'",
        }));
    }

    [Test]
    public void Validate_RatioOfItself_ReportsSelfReference()
    {
        Assert.That(Problems(WithRatio("appointment-to-opportunity", "appointments-set")), Is.EqualTo(new[]
        {
            "metrics[3].ratio.numerator: a ratio cannot refer to itself",
        }));
    }

    [Test]
    public void Validate_SameNumeratorAndDenominator_IsValid()
    {
        Assert.That(Problems(WithRatio("appointments-set", "appointments-set")), Is.Empty);
    }

    [Test]
    public void Validate_RatioOfARatio_NamesThePart()
    {
        var definition = Spec() with
        {
            Metrics =
            [
                .. Spec().Metrics,
                new MetricDefinition
                {
                    Name = "ratio-of-ratio", Aggregation = AggregationKind.Ratio,
                    Ratio = new RatioDefinition("appointment-to-opportunity", "appointments-set"),
                },
            ],
        };

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics[4].ratio.numerator: a ratio of a ratio is not supported: 'appointment-to-opportunity' is itself a ratio",
        }));
    }

    [Test]
    public void Validate_RatioWithoutParts_ReportsRequired()
    {
        var definition = Spec().WithMetric(3, m => m with { Ratio = null });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[3].ratio: a Ratio metric needs a numerator and a denominator" }));
    }

    [Test]
    public void Validate_BlankParts_ReportsEachRequired()
    {
        Assert.That(Problems(WithRatio("", " ")), Is.EqualTo(new[]
        {
            "metrics[3].ratio.numerator: the numerator metric is required",
            "metrics[3].ratio.denominator: the denominator metric is required",
        }));
    }

    [Test]
    public void Validate_RatioWithEventTypesFiltersAndGroupBy_ReportsEach()
    {
        var definition = Spec().WithMetric(3, m => m with
        {
            EventTypes = ["opportunity.qualified"],
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["channel"] = ["phone"] },
            GroupBy = ["team"],
        });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics[3].eventTypes: a ratio has no event types of its own; it divides its two metrics",
            "metrics[3].filters: a ratio has no filters of its own; filter its numerator and denominator instead",
            "metrics[3].groupBy: a ratio has no group-by of its own; it uses the group-by dimensions its parts share",
        }));
    }

    [Test]
    public void Validate_RatioPartsOnACountMetric_ReportsForbidden()
    {
        var definition = Spec().WithMetric(0, m => m with { Ratio = new RatioDefinition("a", "b") });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[0].ratio: ratio is only used by Ratio metrics" }));
    }
}
