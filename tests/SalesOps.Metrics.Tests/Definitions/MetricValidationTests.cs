using NodaTime;
using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class MetricValidationTests
{
    [Test]
    public void Validate_BlankName_ReportsRequired()
    {
        var definition = Spec().WithMetric(2, m => m with { Name = "" });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[2].name: metric name is required" }));
    }

    [Test]
    public void Validate_NameWithWhitespace_NamesTheName()
    {
        var definition = Spec().WithMetric(2, m => m with { Name = "pipeline value" });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[2].name: metric name 'pipeline value' must not contain whitespace" }));
    }

    [Test]
    public void Validate_DuplicateName_ReportsOnTheLaterOne()
    {
        var definition = Spec().WithMetric(2, m => m with { Name = "appointments-set" });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[2].name: duplicate metric name 'appointments-set'" }));
    }

    [Test]
    public void Validate_UndefinedAggregationAndKind_ReportsBoth()
    {
        var definition = Spec().WithMetric(2, m => m with { Aggregation = (AggregationKind)42, Kind = (MetricKind)7 });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics[2].aggregation: unknown aggregation '42'",
            "metrics[2].kind: unknown metric kind '7'",
        }));
    }

    [Test]
    public void Validate_NoEventTypes_NamesTheAggregation()
    {
        var definition = Spec().WithMetric(2, m => m with { EventTypes = [] });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[2].eventTypes: a Sum metric needs at least one event type" }));
    }

    [Test]
    public void Validate_BlankEventType_ReportsItsIndex()
    {
        var definition = Spec().WithMetric(2, m => m with { EventTypes = ["deal.won", " "] });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[2].eventTypes[1]: event type must not be blank" }));
    }

    [Test]
    public void Validate_DistinctCountWithoutDimension_ReportsRequired()
    {
        var definition = Spec().WithMetric(2, m => m with { Aggregation = AggregationKind.DistinctCount });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics[2].distinctDimension: a DistinctCount metric needs the dimension whose distinct values it counts",
        }));
    }

    [Test]
    public void Validate_DistinctDimensionOnSum_ReportsForbidden()
    {
        var definition = Spec().WithMetric(2, m => m with { DistinctDimension = "lead" });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics[2].distinctDimension: distinctDimension 'lead' is only used by DistinctCount metrics",
        }));
    }

    [Test]
    public void Validate_DistinctCountWithDimension_IsValid()
    {
        var definition = Spec().WithMetric(2, m => m with { Aggregation = AggregationKind.DistinctCount, DistinctDimension = "lead" });

        Assert.That(Problems(definition), Is.Empty);
    }

    [Test]
    public void Validate_FiveGroupByDimensions_ReportsTheLimit()
    {
        var definition = Spec().WithMetric(2, m => m with { GroupBy = ["region", "team", "rep", "product", "channel"] });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[2].groupBy: at most 4 group-by dimensions are supported (5)" }));
    }

    [Test]
    public void Validate_FourGroupByDimensions_IsValid()
    {
        var definition = Spec().WithMetric(2, m => m with { GroupBy = ["region", "team", "rep", "product"] });

        Assert.That(Problems(definition), Is.Empty);
    }

    [Test]
    public void Validate_BlankAndDuplicateGroupBy_ReportsEachAtItsIndex()
    {
        var definition = Spec().WithMetric(2, m => m with { GroupBy = ["team", "", "team"] });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics[2].groupBy[1]: group-by dimension must not be blank",
            "metrics[2].groupBy[2]: duplicate group-by dimension 'team'",
        }));
    }

    [Test]
    public void Validate_BadFilters_ReportsEachFilter()
    {
        var definition = Spec().WithMetric(2, m => m with
        {
            Filters = new Dictionary<string, IReadOnlyList<string>>
            {
                ["channel"] = [],
                [" "] = ["x"],
                ["region"] = ["west", ""],
                ["product"] = ["widgets"],
            },
        });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics[2].filters.channel: filter 'channel' needs at least one value",
            "metrics[2].filters: filter dimension must not be blank",
            "metrics[2].filters.region[1]: filter 'region' value must not be blank",
        }));
    }

    [TestCase(0)]
    [TestCase(-60)]
    public void Validate_ReviewNotPositive_ReportsTheInterval(int minutes)
    {
        var definition = Spec().WithMetric(2, m => m with { Review = Duration.FromMinutes(minutes) });

        var expected = minutes == 0 ? "0:00:00:00" : "-0:01:00:00";
        Assert.That(Problems(definition), Is.EqualTo(new[] { $"metrics[2].review: review interval must be positive ({expected})" }));
    }

    [TestCase("X2")]
    [TestCase("Q9")]
    public void Validate_FormatThatCannotFormatANumber_NamesTheFormat(string format)
    {
        var definition = Spec().WithMetric(2, m => m with { Format = format });

        Assert.That(Problems(definition), Is.EqualTo(new[] { $"metrics[2].format: '{format}' is not a numeric format string" }));
    }

    [TestCase("N0")]
    [TestCase("C2")]
    [TestCase("P1")]
    [TestCase("#,##0.0 'calls'")]
    [TestCase("")]
    public void Validate_UsableFormat_IsValid(string format)
    {
        Assert.That(Problems(Spec().WithMetric(2, m => m with { Format = format })), Is.Empty);
    }

    [Test]
    public void Validate_EmptyUnit_IsValid()
    {
        Assert.That(Problems(Spec().WithMetric(2, m => m with { Unit = "" })), Is.Empty);
    }

    [Test]
    public void Validate_ManyProblemsInOneMetric_ReportsAllOfThem()
    {
        var definition = Spec().WithMetric(2, m => m with
        {
            Name = "pipeline value",
            EventTypes = [],
            GroupBy = ["team", "team"],
            Format = "X2",
            Review = Duration.Zero,
        });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "metrics[2].name: metric name 'pipeline value' must not contain whitespace",
            "metrics[2].eventTypes: a Sum metric needs at least one event type",
            "metrics[2].groupBy[1]: duplicate group-by dimension 'team'",
            "metrics[2].format: 'X2' is not a numeric format string",
            "metrics[2].review: review interval must be positive (0:00:00:00)",
        }));
    }

    [Test]
    public void Validate_NullMetric_ReportsItWithoutThrowing()
    {
        var definition = Spec() with { Metrics = [.. Spec().Metrics, null!] };

        Assert.That(Problems(definition), Is.EqualTo(new[] { "metrics[4]: metric must not be null" }));
    }
}
