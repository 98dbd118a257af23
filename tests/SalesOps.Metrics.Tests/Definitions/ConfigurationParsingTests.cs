using Microsoft.Extensions.Configuration;
using NodaTime;
using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class ConfigurationParsingTests
{
    private const string Calls = """{ "Name": "calls", "EventTypes": ["call.made"], "GroupBy": ["team", "rep"] }""";

    private static string[] ReadProblems(string salesOpsJson)
    {
        SalesOpsConfigurationReader.TryRead(Json("""{ "SalesOps": """ + salesOpsJson + " }"), out _, out var errors);
        return errors.Select(e => e.ToString()).ToArray();
    }

    private static SalesOpsDefinition ReadValid(string salesOpsJson)
        => SalesOpsConfigurationReader.Read(Json("""{ "SalesOps": """ + salesOpsJson + " }"));

    [TestCase("1")]
    [TestCase("Count,Sum")]
    [TestCase("Median")]
    public void Read_AggregationNotAName_ListsTheNames(string value)
    {
        Assert.That(ReadProblems($$"""{ "Metrics": [ { "Name": "x", "Aggregation": "{{value}}", "EventTypes": ["a"] } ] }"""), Is.EqualTo(new[]
        {
            $"metrics[0].aggregation: unknown aggregation '{value}'; expected one of Count, Sum, Min, Max, Average, DistinctCount, Ratio",
        }));
    }

    [Test]
    public void Read_UnknownNamesOfOtherEnums_ReportEach()
    {
        var problems = ReadProblems($$"""
            { "Calendar": { "FirstDayOfWeek": "None" },
              "Metrics": [ { "Name": "x", "Kind": "Outcome", "EventTypes": ["a"] } ],
              "Targets": [ { "Name": "t", "Metric": "x", "Grain": "Fortnight", "Direction": "Above", "Pacing": { "Kind": "Linear" } } ],
              "Ingestion": { "LatePolicy": "Drop" } }
            """);

        Assert.That(problems, Is.EqualTo(new[]
        {
            "calendar.firstDayOfWeek: unknown day of week 'None'; expected one of Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday",
            "metrics[0].kind: unknown metric kind 'Outcome'; expected one of Effort, Result",
            "targets[0].grain: unknown grain 'Fortnight'; expected one of Hour, Day, Week, Month, Quarter, Year",
            "targets[0].direction: unknown direction 'Above'; expected one of AtLeast, AtMost",
            "targets[0].pacing.kind: unknown pacing kind 'Linear'; expected one of Time, WorkingTime, Weighted",
            "ingestion.latePolicy: unknown late policy 'Drop'; expected one of ApplyAndFlag, Hold, Reject",
        }));
    }

    [Test]
    public void Read_UnreadableNumbers_ReportTheText()
    {
        var problems = ReadProblems($$"""
            { "Calendar": { "FiscalYearStartMonth": "2.5" },
              "Metrics": [ {{Calls}} ],
              "Targets": [ { "Name": "t", "Metric": "calls", "Goal": "1,000", "Thresholds": { "OnTrack": "high" } } ],
              "Ingestion": { "MaxSeriesPerMetric": "lots" } }
            """);

        Assert.That(problems, Is.EqualTo(new[]
        {
            "calendar.fiscalYearStartMonth: '2.5' is not a whole number",
            "targets[0].goal: '1,000' is not a number",
            "targets[0].thresholds.onTrack: 'high' is not a number",
            "ingestion.maxSeriesPerMetric: 'lots' is not a whole number",
        }));
    }

    [TestCase("1:00:00:00", 24 * 60)]
    [TestCase("1.00:00:00", 24 * 60)]
    [TestCase("00:05:00", 5)]
    [TestCase("36:00:00", 36 * 60)]
    [TestCase("0:00:30:00", 30)]
    public void Read_Durations_AcceptsDaysColonAndTimeSpanAndHoursForms(string text, int minutes)
    {
        var read = ReadValid($$"""{ "Ingestion": { "AllowedLateness": "{{text}}", "MaxFutureSkew": "{{text}}" } }""");

        Assert.That(read.Ingestion.AllowedLateness, Is.EqualTo(Duration.FromMinutes(minutes)));
        Assert.That(read.Ingestion.MaxFutureSkew, Is.EqualTo(Duration.FromMinutes(minutes)));
    }

    [Test]
    public void Read_UnreadableDuration_ListsTheForms()
    {
        Assert.That(ReadProblems("""{ "Ingestion": { "AllowedLateness": "1d" } }"""), Is.EqualTo(new[]
        {
            "ingestion.allowedLateness: '1d' is not a duration; expected D:hh:mm:ss, D.hh:mm:ss or hh:mm:ss",
        }));
    }

    [Test]
    public void Read_NegativeDuration_IsReadThenRefusedByTheValidator()
    {
        Assert.That(ReadProblems("""{ "Ingestion": { "MaxFutureSkew": "-00:05:00" } }"""), Is.EqualTo(new[]
        {
            "ingestion.maxFutureSkew: max future skew must not be negative (-0:00:05:00)",
        }));
    }

    [TestCase("Hourly", 60)]
    [TestCase("daily", 24 * 60)]
    [TestCase("00:15:00", 15)]
    public void Read_Review_AcceptsHourlyDailyOrDuration(string text, int minutes)
    {
        var read = ReadValid($$"""{ "Metrics": [ { "Name": "x", "EventTypes": ["a"], "Review": "{{text}}" } ] }""");

        Assert.That(read.Metrics[0].Review, Is.EqualTo(Duration.FromMinutes(minutes)));
    }

    [Test]
    public void Read_UnreadableReview_SaysWhatIsExpected()
    {
        Assert.That(ReadProblems("""{ "Metrics": [ { "Name": "x", "EventTypes": ["a"], "Review": "Weekly" } ] }"""), Is.EqualTo(new[]
        {
            "metrics[0].review: 'Weekly' is not a review interval; expected Hourly, Daily or a duration such as 00:15:00",
        }));
    }

    [Test]
    public void Read_BadDatesAndTimes_ReportEachWithItsPath()
    {
        var problems = ReadProblems($$"""
            { "Calendar": { "WorkingHours": { "Start": "8am", "End": "25:00" }, "Holidays": ["26/11/2026"] },
              "Metrics": [ {{Calls}} ],
              "Targets": [ { "Name": "t", "Metric": "calls", "GoalChanges": [ { "EffectiveFrom": "2026-11-15 12:00", "Goal": 5 } ] } ] }
            """);

        Assert.That(problems, Is.EqualTo(new[]
        {
            "calendar.workingHours.start: '8am' is not a time of day; expected HH:mm or HH:mm:ss",
            "calendar.workingHours.end: '25:00' is not a time of day; expected HH:mm or HH:mm:ss",
            "calendar.holidays[0]: '26/11/2026' is not a date; expected yyyy-MM-dd",
            "targets[0].goalChanges[0].effectiveFrom: '2026-11-15 12:00' is not a date or date-time; expected yyyy-MM-dd or yyyy-MM-ddTHH:mm[:ss]",
        }));
    }

    [Test]
    public void Read_WorkingDayRangeWrappingPastSunday_ListsEachDay()
    {
        var read = ReadValid("""{ "Calendar": { "WorkingDays": "sunday-thursday" } }""");

        Assert.That(read.Calendar.WorkingDays, Is.EqualTo(new[]
        {
            IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        }));
    }

    [Test]
    public void Read_WorkingDayRangeWithUnknownDay_ReportsOnlyTheDay()
    {
        Assert.That(ReadProblems("""{ "Calendar": { "WorkingDays": "Monday-Funday" } }"""), Is.EqualTo(new[]
        {
            "calendar.workingDays: unknown day of week 'Funday'; expected one of Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday",
        }));
    }

    [Test]
    public void Read_EmptyWorkingDayList_IsReadAsEmptyAndRefused()
    {
        Assert.That(ReadProblems("""{ "Calendar": { "WorkingDays": [] } }"""), Is.EqualTo(new[]
        {
            "calendar.workingDays: at least one working day is required",
        }));
    }

    [Test]
    public void Read_UnreadableListItem_LaterValidationErrorsKeepTheConfiguredIndex()
    {
        Assert.That(ReadProblems("""{ "Calendar": { "Holidays": ["not-a-date", "2026-11-26", "2026-11-26"] } }"""), Is.EqualTo(new[]
        {
            "calendar.holidays[0]: 'not-a-date' is not a date; expected yyyy-MM-dd",
            "calendar.holidays[2]: duplicate holiday 2026-11-26",
        }));
    }

    [Test]
    public void Read_ArrayKeys_AreOrderedNumericallyAndKeptInPaths()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SalesOps:Metrics:10:Name"] = "late one",
            ["SalesOps:Metrics:10:EventTypes:0"] = "x",
            ["SalesOps:Metrics:2:Name"] = "second",
            ["SalesOps:Metrics:2:EventTypes:0"] = "x",
            ["SalesOps:Metrics:0:Name"] = "first",
            ["SalesOps:Metrics:0:EventTypes:0"] = "x",
        }).Build();

        SalesOpsConfigurationReader.TryRead(configuration.GetSection("SalesOps"), out _, out var errors);

        Assert.That(errors, Is.EqualTo(new[] { new DefinitionError("metrics[10].name", "metric name 'late one' must not contain whitespace") }));
    }

    [Test]
    public void Read_ArrayKeysOutOfOrder_AreReadInNumericOrder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SalesOps:Metrics:10:Name"] = "ten",
            ["SalesOps:Metrics:10:EventTypes:0"] = "x",
            ["SalesOps:Metrics:9:Name"] = "nine",
            ["SalesOps:Metrics:9:EventTypes:0"] = "x",
        }).Build();

        var read = SalesOpsConfigurationReader.Read(configuration.GetSection("SalesOps"));

        Assert.That(read.Metrics.Select(m => m.Name), Is.EqualTo(new[] { "nine", "ten" }));
    }

    [Test]
    public void Read_ObjectWhereListExpected_ReportsIt()
    {
        Assert.That(ReadProblems("""{ "Metrics": { "calls": { "EventTypes": ["x"] } } }"""), Is.EqualTo(new[]
        {
            "metrics: expected a list, not a section with the setting 'calls'",
        }));
    }

    [Test]
    public void Read_ValueWhereSectionExpected_ReportsItAndLeavesTheItemOut()
    {
        Assert.That(ReadProblems($$"""{ "Metrics": [ "calls", {{Calls}}, { "Name": "calls" } ] }"""), Is.EqualTo(new[]
        {
            "metrics[0]: expected a section of settings, not the value 'calls'",
            "metrics[2].name: duplicate metric name 'calls'",
            "metrics[2].eventTypes: a Count metric needs at least one event type",
        }));
    }

    [Test]
    public void Read_SectionWhereValueExpected_ReportsIt()
    {
        Assert.That(ReadProblems("""{ "Calendar": { "Zone": { "Id": "UTC" } } }"""), Is.EqualTo(new[]
        {
            "calendar.zone: expected a single value, not a section",
        }));
    }

    [Test]
    public void Read_UnknownKeyInASection_ReportsItAsATypo()
    {
        Assert.That(ReadProblems($$"""{ "Metrics": [ {{Calls}} ], "Targets": [ { "Name": "t", "Metric": "calls", "Grian": "Week" } ] }"""), Is.EqualTo(new[]
        {
            "targets[0].Grian: unknown setting 'Grian'; expected one of Name, Metric, Scope, Each, Members, Grain, Direction, Goal, GoalChanges, Pacing, Thresholds, Milestones",
        }));
    }

    [Test]
    public void Read_MilestoneWithoutOrWithTwoDuePoints_ReportsEach()
    {
        var problems = ReadProblems($$"""
            { "Metrics": [ {{Calls}} ],
              "Targets": [ { "Name": "t", "Metric": "calls", "Milestones": [
                { "Name": "none", "Fraction": 0.25 },
                { "Name": "two", "Fraction": 0.5, "ByEndOfWeek": 2, "ByEndOfDay": 10 },
                { "Name": "fine", "Fraction": 0.75, "ByEndOfWeek": 7 } ] } ] }
            """);

        Assert.That(problems, Is.EqualTo(new[]
        {
            "targets[0].milestones[0]: milestone 'none' needs exactly one of ByEndOfDay, ByEndOfWeek and ByEndOfMonth",
            "targets[0].milestones[1]: milestone 'two' needs exactly one of ByEndOfDay, ByEndOfWeek and ByEndOfMonth",
            "targets[0].milestones[2].dueCount: milestone 'fine' is due after the period end: a month has at most 6 weeks",
        }));
    }

    [Test]
    public void Read_GoalChangeWithoutGoal_ReportsIt()
    {
        Assert.That(ReadProblems($$"""{ "Metrics": [ {{Calls}} ], "Targets": [ { "Name": "t", "Metric": "calls", "GoalChanges": [ { "EffectiveFrom": "2026-11-15" } ] } ] }"""), Is.EqualTo(new[]
        {
            "targets[0].goalChanges[0]: a goal change needs both effectiveFrom and goal",
        }));
    }

    [Test]
    public void Read_FilterWithSingleValue_IsAListOfOne()
    {
        var read = ReadValid("""{ "Metrics": [ { "Name": "x", "EventTypes": ["a"], "Filters": { "Channel": "phone" } } ] }""");

        Assert.That(read.Metrics[0].Filters["Channel"], Is.EqualTo(new[] { "phone" }));
    }

    [Test]
    public void Read_PacingAsAName_IsShortForItsKind()
    {
        var read = ReadValid($$"""{ "Metrics": [ {{Calls}} ], "Targets": [ { "Name": "t", "Metric": "calls", "Pacing": "WorkingTime" } ] }""");

        Assert.That(read.Targets[0].Pacing.Kind, Is.EqualTo(PacingKind.WorkingTime));
    }

    [Test]
    public void Read_NonFiniteGoal_IsReadThenRefusedByTheValidator()
    {
        Assert.That(ReadProblems($$"""{ "Metrics": [ {{Calls}} ], "Targets": [ { "Name": "t", "Metric": "calls", "Goal": "NaN" } ] }"""), Is.EqualTo(new[]
        {
            "targets[0].goal: goal must be a finite number (NaN)",
        }));
    }

    [Test]
    public void Read_ScopeOnUngroupedDimension_UsesTheConfiguredKeyInThePath()
    {
        Assert.That(ReadProblems($$"""{ "Metrics": [ {{Calls}} ], "Targets": [ { "Name": "t", "Metric": "calls", "Scope": { "Region": "west" } } ] }"""), Is.EqualTo(new[]
        {
            "targets[0].scope.Region: metric 'calls' is not grouped by 'Region'",
        }));
    }
}
