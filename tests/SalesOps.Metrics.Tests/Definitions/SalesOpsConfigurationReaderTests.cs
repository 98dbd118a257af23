using NodaTime;
using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class SalesOpsConfigurationReaderTests
{
    private const string SpecJson = """
        { "SalesOps": {
            "Calendar": { "Zone": "America/Denver", "FiscalYearStartMonth": 2, "WorkingDays": "Monday-Friday",
                          "WorkingHours": { "Start": "08:00", "End": "18:00" } },
            "Metrics": [
              { "Name": "appointments-set", "Aggregation": "Count", "EventTypes": ["appointment.set"],
                "GroupBy": ["team", "rep"], "Kind": "Effort", "Review": "Hourly" },
              { "Name": "qualified-opportunities", "Aggregation": "Count", "EventTypes": ["opportunity.qualified"],
                "GroupBy": ["team", "rep"], "Kind": "Result" },
              { "Name": "pipeline-value", "Aggregation": "Sum", "EventTypes": ["opportunity.qualified"], "GroupBy": ["team"] },
              { "Name": "appointment-to-opportunity", "Aggregation": "Ratio",
                "Ratio": { "Numerator": "qualified-opportunities", "Denominator": "appointments-set" } }
            ],
            "Targets": [
              { "Name": "bdr-opportunities", "Metric": "qualified-opportunities", "Scope": { "team": "BDR" }, "Each": "rep",
                "Grain": "Month", "Direction": "AtLeast", "Goal": 40, "Pacing": { "Kind": "WorkingTime" },
                "Milestones": [ { "Name": "first down", "Fraction": 0.25, "ByEndOfWeek": 1 } ] }
            ]
        } }
        """;

    [Test]
    public void Read_SpecJson_EqualsTheSpecBuiltWithTheBuilder()
    {
        var read = SalesOpsConfigurationReader.Read(Json(SpecJson));

        Assert.That(DefinitionText.Describe(read), Is.EqualTo(DefinitionText.Describe(Spec())));
    }

    [Test]
    public void Read_EverySetting_EqualsTheSameBuiltWithTheBuilder()
    {
        const string json = """
            { "SalesOps": {
                "calendar": { "zone": "Europe/Berlin", "FIRSTDAYOFWEEK": "sunday", "FiscalYearStartMonth": "7",
                              "WorkingDays": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday"],
                              "WorkingHours": { "Start": "07:30", "End": "16:45:30" }, "Holidays": ["2026-12-25", "2027-01-01"] },
                "Metrics": [
                  { "Name": "calls", "EventTypes": "call.made", "Filters": { "channel": ["phone", "video"], "region": "west" },
                    "GroupBy": ["team", "rep"], "Unit": "calls", "Format": "N1", "Review": "00:15:00" },
                  { "Name": "revenue", "Aggregation": "sum", "EventTypes": ["deal.won"], "GroupBy": ["team"],
                    "Kind": "Result", "Unit": "EUR", "Format": "C0", "Review": "Daily" },
                  { "Name": "leads", "Aggregation": "DistinctCount", "DistinctDimension": "lead", "EventTypes": ["call.made"], "GroupBy": ["team"] },
                  { "Name": "call-speed", "Aggregation": "Average", "EventTypes": ["call.made"], "Review": "2:00:00:00" }
                ],
                "Targets": [
                  { "Name": "revenue-q", "Metric": "revenue", "Scope": { "team": "AE" }, "Grain": "Quarter", "Goal": 1e6,
                    "GoalChanges": [ { "EffectiveFrom": "2026-11-15", "Goal": 1200000 }, { "EffectiveFrom": "2026-12-01T12:00", "Goal": 1.3e6 } ],
                    "Pacing": { "Kind": "Weighted", "WeightGrain": "Month", "Weights": [1, 1, 1.5] },
                    "Thresholds": { "OnTrack": 0.95, "AtRisk": 0.8, "AtMostProjectionAtRisk": 0.9 },
                    "Milestones": [ { "Name": "halfway", "Fraction": 0.5, "ByEndOfMonth": 2 }, { "Name": "kick-off", "Fraction": 0.1, "ByEndOfDay": 10 } ] },
                  { "Name": "slow-calls", "Metric": "call-speed", "Grain": "Week", "Direction": "atmost", "Goal": 30, "Pacing": "Time" }
                ],
                "Ingestion": { "MaxSeriesPerMetric": 500, "AllowedLateness": "1.00:00:00", "LatePolicy": "Hold",
                               "MaxFutureSkew": "00:05:00", "DeduplicationWindow": "7.00:00:00",
                               "Grains": ["Day", "Week", "Month", "Quarter"] },
                "Scoreboard": { "Grains": ["Day", "Quarter"] }
            } }
            """;
        var built = new SalesOpsBuilder()
            .UseCalendar(c => c.InZone("Europe/Berlin").FirstDayOfWeek(IsoDayOfWeek.Sunday).FiscalYearStartsIn(7)
                .WorkingDays(IsoDayOfWeek.Sunday, IsoDayOfWeek.Thursday)
                .WorkingHours(new LocalTime(7, 30), new LocalTime(16, 45, 30))
                .Holidays(new LocalDate(2026, 12, 25), new LocalDate(2027, 1, 1)))
            .AddMetric("calls", m => m.Count("call.made").Where("channel", "phone", "video").Where("region", "west")
                .By("team", "rep").Unit("calls").Format("N1").ReviewEvery(Duration.FromMinutes(15)))
            .AddMetric("revenue", m => m.Sum("deal.won").By("team").Result().Unit("EUR").Format("C0").ReviewDaily())
            .AddMetric("leads", m => m.DistinctCount("lead", "call.made").By("team"))
            .AddMetric("call-speed", m => m.Average("call.made").ReviewEvery(Duration.FromDays(2)))
            .AddTarget("revenue-q", t => t.For("revenue").Where("team", "AE").Quarterly().AtLeast(1e6)
                .GoalFrom(new LocalDate(2026, 11, 15), 1_200_000).GoalFrom(new LocalDateTime(2026, 12, 1, 12, 0), 1.3e6)
                .PacedByWeights(Grain.Month, 1, 1, 1.5).Thresholds(0.95, 0.8, 0.9)
                .Milestone("halfway", 0.5, byEndOfMonth: 2).Milestone("kick-off", 0.1, byEndOfDay: 10))
            .AddTarget("slow-calls", t => t.For("call-speed").Weekly().AtMost(30).PacedByTime())
            .ConfigureIngestion(o => o with
            {
                MaxSeriesPerMetric = 500, AllowedLateness = Duration.FromDays(1), LatePolicy = LateEventPolicy.Hold,
                MaxFutureSkew = Duration.FromMinutes(5), DeduplicationWindow = Duration.FromDays(7),
                Grains = [Grain.Day, Grain.Week, Grain.Month, Grain.Quarter],
            })
            .ConfigureScoreboard(o => o with { Grains = [Grain.Day, Grain.Quarter] })
            .Build();

        var read = SalesOpsConfigurationReader.Read(Json(json));

        Assert.That(DefinitionText.Describe(read), Is.EqualTo(DefinitionText.Describe(built)));
    }

    [Test]
    public void Read_ManyProblems_ThrowsOneExceptionListingEveryOne()
    {
        const string json = """
            { "SalesOps": {
                "Calendar": { "Zone": "Mars/Olympus", "Holidays": ["2026-11-26", "2026-11-31"] },
                "Metrics": [
                  { "Name": "appointments-set", "EventTypes": ["appointment.set"], "GroupBy": ["team", "rep"] },
                  { "Name": "appointments-set", "EventTypes": ["appointment.held"] },
                  { "Name": "conversion", "Aggregation": "Ratio",
                    "Ratio": { "Numerator": "qualified-opps", "Denominator": "appointments-set" } },
                  { "Name": "loop", "Aggregation": "Ratio", "Ratio": { "Numerator": "loop", "Denominator": "appointments-set" } },
                  { "Name": "talk-time", "Aggregation": "Median", "EventTypes": ["call.made"] }
                ],
                "Targets": [
                  { "Name": "bdr", "Metric": "appointments-set", "Grain": "Month", "Goal": -5,
                    "Milestones": [ { "Name": "first down", "Fraction": 0.25, "ByEndOfWeek": 7 } ] }
                ]
            } }
            """;

        var exception = Assert.Throws<DefinitionValidationException>(() => SalesOpsConfigurationReader.Read(Json(json)));

        Assert.That(exception.Errors.Select(e => e.Path), Is.EqualTo(new[]
        {
            "calendar.holidays[1]",
            "calendar.zone",
            "metrics[1].name",
            "metrics[2].ratio.numerator",
            "metrics[3].ratio.numerator",
            "metrics[4].aggregation",
            "targets[0].goal",
            "targets[0].milestones[0].dueCount",
        }));
        Assert.That(exception.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "calendar.holidays[1]: '2026-11-31' is not a date; expected yyyy-MM-dd",
            "calendar.zone: unknown time zone 'Mars/Olympus'",
            "metrics[1].name: duplicate metric name 'appointments-set'",
            "metrics[2].ratio.numerator: unknown metric 'qualified-opps'",
            "metrics[3].ratio.numerator: a ratio cannot refer to itself",
            "metrics[4].aggregation: unknown aggregation 'Median'; expected one of Count, Sum, Min, Max, Average, DistinctCount, Ratio",
            "targets[0].goal: goal must not be negative (-5)",
            "targets[0].milestones[0].dueCount: milestone 'first down' is due after the period end: a month has at most 6 weeks",
        }));
        Assert.That(exception.Message, Does.StartWith("SalesOps definition is invalid (8 problems):\n  calendar.holidays[1]: "));
    }

    [Test]
    public void TryRead_Valid_ReturnsTrueWithDefinitionAndNoErrors()
    {
        var ok = SalesOpsConfigurationReader.TryRead(Json(SpecJson), out var definition, out var errors);

        Assert.That(ok, Is.True);
        Assert.That(definition, Is.Not.Null);
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void TryRead_Invalid_ReturnsFalseWithErrorsAndNoDefinition()
    {
        var ok = SalesOpsConfigurationReader.TryRead(
            Json("""{ "SalesOps": { "Calendar": { "Zone": "Mars/Olympus" } } }"""), out var definition, out var errors);

        Assert.That(ok, Is.False);
        Assert.That(definition, Is.Null);
        Assert.That(errors, Is.EqualTo(new[] { new DefinitionError("calendar.zone", "unknown time zone 'Mars/Olympus'") }));
    }

    [Test]
    public void Read_MissingSection_ReturnsRecordDefaults()
    {
        var read = SalesOpsConfigurationReader.Read(Json("""{ "Other": 1 }"""));

        Assert.That(DefinitionText.Describe(read), Is.EqualTo(DefinitionText.Describe(new SalesOpsDefinition())));
    }

    [Test]
    public void Read_OnlySomeSettings_KeepsRecordDefaultsForTheRest()
    {
        var read = SalesOpsConfigurationReader.Read(Json("""
            { "SalesOps": { "Calendar": { "Zone": "America/Denver" }, "Metrics": [ { "Name": "calls", "EventTypes": ["call.made"] } ],
                            "Ingestion": { "MaxSeriesPerMetric": 20 } } }
            """));

        var expected = new SalesOpsDefinition
        {
            Calendar = new CalendarDefinition { Zone = "America/Denver" },
            Metrics = [new MetricDefinition { Name = "calls", EventTypes = ["call.made"] }],
            Ingestion = new IngestionOptions { MaxSeriesPerMetric = 20 },
        };
        Assert.That(DefinitionText.Describe(read), Is.EqualTo(DefinitionText.Describe(expected)));
    }

    [Test]
    public void Read_TopLevelKeysForOtherFeatures_AreIgnored()
    {
        var read = SalesOpsConfigurationReader.Read(Json("""{ "SalesOps": { "Sinks": { "Console": true }, "Calendar": { "Zone": "UTC" } } }"""));

        Assert.That(read.Calendar.Zone, Is.EqualTo("UTC"));
    }
}
