using NodaTime;
using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class OptionsValidationTests
{
    private static SalesOpsDefinition WithIngestion(Func<IngestionOptions, IngestionOptions> change)
        => Spec() with { Ingestion = change(new IngestionOptions()) };

    [Test]
    public void Validate_MaxSeriesBelowOne_ReportsIt()
    {
        Assert.That(Problems(WithIngestion(o => o with { MaxSeriesPerMetric = 0 })), Is.EqualTo(new[]
        {
            "ingestion.maxSeriesPerMetric: max series per metric must be at least 1 (0)",
        }));
    }

    [Test]
    public void Validate_NegativeLatenessAndSkew_ReportsBoth()
    {
        var definition = WithIngestion(o => o with { AllowedLateness = Duration.FromHours(-1), MaxFutureSkew = Duration.FromSeconds(-30) });

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "ingestion.allowedLateness: allowed lateness must not be negative (-0:01:00:00)",
            "ingestion.maxFutureSkew: max future skew must not be negative (-0:00:00:30)",
        }));
    }

    [TestCase(0)]
    [TestCase(-60)]
    public void Validate_DeduplicationWindowNotPositive_ReportsIt(int minutes)
    {
        var window = Duration.FromMinutes(minutes);

        Assert.That(Problems(WithIngestion(o => o with { DeduplicationWindow = window })), Is.EqualTo(new[]
        {
            $"ingestion.deduplicationWindow: de-duplication window must be positive ({(minutes == 0 ? "0:00:00:00" : "-0:01:00:00")}); leave it out to remember every id",
        }));
    }

    [Test]
    public void Validate_ZeroLatenessAndSkew_IsValid()
    {
        Assert.That(Problems(WithIngestion(o => o with { AllowedLateness = Duration.Zero, MaxFutureSkew = Duration.Zero })), Is.Empty);
    }

    [Test]
    public void Validate_UndefinedLatePolicy_ReportsIt()
    {
        Assert.That(Problems(WithIngestion(o => o with { LatePolicy = (LateEventPolicy)9 })), Is.EqualTo(new[]
        {
            "ingestion.latePolicy: unknown late policy '9'",
        }));
    }

    [Test]
    public void Validate_NoIngestionGrains_ReportsRequiredOnce()
    {
        var definition = WithIngestion(o => o with { Grains = [] });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "ingestion.grains: at least one grain is required" }));
    }

    [Test]
    public void Validate_DuplicateIngestionGrain_ReportsTheLaterOne()
    {
        var definition = WithIngestion(o => o with { Grains = [Grain.Day, Grain.Month, Grain.Day] });

        Assert.That(Problems(definition), Is.EqualTo(new[] { "ingestion.grains[2]: duplicate grain 'Day'" }));
    }

    [Test]
    public void Validate_NoScoreboardGrains_ReportsRequired()
    {
        var definition = Spec() with { Scoreboard = new ScoreboardOptions { Grains = [] } };

        Assert.That(Problems(definition), Is.EqualTo(new[] { "scoreboard.grains: at least one grain is required" }));
    }

    [Test]
    public void Validate_ScoreboardGrainNotAggregated_NamesTheGrains()
    {
        var definition = Spec() with
        {
            Ingestion = new IngestionOptions { Grains = [Grain.Day, Grain.Month] },
            Scoreboard = new ScoreboardOptions { Grains = [Grain.Day, Grain.Week] },
        };

        Assert.That(Problems(definition), Is.EqualTo(new[]
        {
            "scoreboard.grains[1]: grain 'Week' is not one of ingestion.grains (Day, Month)",
        }));
    }
}
