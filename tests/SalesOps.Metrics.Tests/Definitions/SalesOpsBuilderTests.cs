using NodaTime;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class SalesOpsBuilderTests
{
    [Test]
    public void Build_SpecExample_ProducesExactlyTheExpectedRecords()
    {
        var expected = new SalesOpsDefinition
        {
            Calendar = new CalendarDefinition
            {
                Zone = "America/Denver",
                FirstDayOfWeek = IsoDayOfWeek.Monday,
                FiscalYearStartMonth = 2,
                WorkingDays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
                WorkingHoursStart = new LocalTime(8, 0),
                WorkingHoursEnd = new LocalTime(18, 0),
                Holidays = [],
            },
            Metrics =
            [
                new MetricDefinition
                {
                    Name = "appointments-set", Aggregation = AggregationKind.Count, EventTypes = ["appointment.set"],
                    GroupBy = ["team", "rep"], Kind = MetricKind.Effort, Review = Duration.FromHours(1),
                },
                new MetricDefinition
                {
                    Name = "qualified-opportunities", Aggregation = AggregationKind.Count, EventTypes = ["opportunity.qualified"],
                    GroupBy = ["team", "rep"], Kind = MetricKind.Result, Review = Duration.FromDays(1),
                },
                new MetricDefinition
                {
                    Name = "pipeline-value", Aggregation = AggregationKind.Sum, EventTypes = ["opportunity.qualified"], GroupBy = ["team"],
                },
                new MetricDefinition
                {
                    Name = "appointment-to-opportunity", Aggregation = AggregationKind.Ratio,
                    Ratio = new RatioDefinition("qualified-opportunities", "appointments-set"),
                },
            ],
            Targets =
            [
                new TargetDefinition
                {
                    Name = "bdr-opportunities", Metric = "qualified-opportunities",
                    Scope = new Dictionary<string, string> { ["team"] = "BDR" }, Each = "rep",
                    Grain = Grain.Month, Direction = TargetDirection.AtLeast, Goal = 40,
                    Pacing = new PacingDefinition { Kind = PacingKind.WorkingTime },
                    Milestones = [new MilestoneDefinition("first down", 0.25, Grain.Week, 1)],
                },
            ],
        };

        var built = SampleDefinitions.Spec();

        Assert.That(DefinitionText.Describe(built), Is.EqualTo(DefinitionText.Describe(expected)));
    }

    [Test]
    public void Build_SpecExample_IsValid()
    {
        Assert.That(DefinitionValidation.Validate(SampleDefinitions.Spec()), Is.Empty);
    }

    [Test]
    public void Build_NothingConfigured_ReturnsRecordDefaults()
    {
        var built = new SalesOpsBuilder().Build();

        Assert.That(DefinitionText.Describe(built), Is.EqualTo(DefinitionText.Describe(new SalesOpsDefinition())));
    }

    [Test]
    public void Build_BuilderChangedAfterwards_EarlierDefinitionUnchanged()
    {
        var builder = new SalesOpsBuilder().AddMetric("calls", m => m.Count("call.made"));
        var first = builder.Build();

        builder.AddMetric("emails", m => m.Count("email.sent"));

        Assert.That(first.Metrics.Select(m => m.Name), Is.EqualTo(new[] { "calls" }));
        Assert.That(builder.Build().Metrics.Select(m => m.Name), Is.EqualTo(new[] { "calls", "emails" }));
    }

    [Test]
    public void Build_Lists_CannotBeCastBackAndChanged()
    {
        var built = new SalesOpsBuilder().AddMetric("calls", m => m.Count("call.made").By("rep")).Build();

        Assert.That(built.Metrics, Is.Not.InstanceOf<List<MetricDefinition>>());
        Assert.That(((ICollection<string>)built.Metrics[0].GroupBy).IsReadOnly, Is.True);
        Assert.That(((ICollection<IsoDayOfWeek>)built.Calendar.WorkingDays).IsReadOnly, Is.True);
    }

    [Test]
    public void UseCalendar_CalledTwice_SecondCallStartsFromTheFirst()
    {
        var built = new SalesOpsBuilder()
            .UseCalendar(c => c.InZone("Europe/Paris").Holiday(new LocalDate(2026, 12, 25)))
            .UseCalendar(c => c.Holidays(new LocalDate(2026, 12, 26), new LocalDate(2027, 1, 1)))
            .Build();

        Assert.That(built.Calendar.Zone, Is.EqualTo("Europe/Paris"));
        Assert.That(built.Calendar.Holidays, Is.EqualTo(new[] { new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 26), new LocalDate(2027, 1, 1) }));
    }

    [Test]
    public void ConfigureIngestion_WithExpression_ReplacesOptions()
    {
        var built = new SalesOpsBuilder()
            .ConfigureIngestion(o => o with { MaxSeriesPerMetric = 500, LatePolicy = LateEventPolicy.Hold, Grains = [Grain.Day, Grain.Month] })
            .ConfigureScoreboard(o => o with { Grains = [Grain.Month] })
            .Build();

        Assert.That(built.Ingestion.MaxSeriesPerMetric, Is.EqualTo(500));
        Assert.That(built.Ingestion.LatePolicy, Is.EqualTo(LateEventPolicy.Hold));
        Assert.That(built.Ingestion.Grains, Is.EqualTo(new[] { Grain.Day, Grain.Month }));
        Assert.That(built.Scoreboard.Grains, Is.EqualTo(new[] { Grain.Month }));
    }

    [Test]
    public void ConfigureIngestion_ReturnsNull_ThrowsInvalidOperationException()
    {
        var builder = new SalesOpsBuilder();

        Assert.That(() => builder.ConfigureIngestion(_ => null!), Throws.InvalidOperationException);
    }

    [Test]
    public void AddDefinition_AfterBuilderMetrics_AppendsMetricsAndTargetsAndReplacesCalendarAndOptions()
    {
        var other = new SalesOpsDefinition
        {
            Calendar = new CalendarDefinition { Zone = "Asia/Tokyo" },
            Metrics = [new MetricDefinition { Name = "emails", EventTypes = ["email.sent"] }],
            Targets = [new TargetDefinition { Name = "email-floor", Metric = "emails", Goal = 10 }],
            Ingestion = new IngestionOptions { MaxSeriesPerMetric = 7 },
            Scoreboard = new ScoreboardOptions { Grains = [Grain.Month] },
        };

        var built = new SalesOpsBuilder()
            .UseCalendar(c => c.InZone("Europe/Paris"))
            .AddMetric("calls", m => m.Count("call.made"))
            .AddTarget("call-floor", t => t.For("calls").AtLeast(5))
            .AddDefinition(other)
            .Build();

        Assert.That(built.Metrics.Select(m => m.Name), Is.EqualTo(new[] { "calls", "emails" }));
        Assert.That(built.Targets.Select(t => t.Name), Is.EqualTo(new[] { "call-floor", "email-floor" }));
        Assert.That(built.Calendar.Zone, Is.EqualTo("Asia/Tokyo"));
        Assert.That(built.Ingestion.MaxSeriesPerMetric, Is.EqualTo(7));
        Assert.That(built.Scoreboard.Grains, Is.EqualTo(new[] { Grain.Month }));
    }

    [Test]
    public void AddMetric_NullOrBlankName_Throws()
    {
        var builder = new SalesOpsBuilder();

        Assert.That(() => builder.AddMetric(null!, _ => { }), Throws.ArgumentNullException);
        Assert.That(() => builder.AddMetric(" ", _ => { }), Throws.ArgumentException);
        Assert.That(() => builder.AddMetric("calls", null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Build_SemanticallyInvalidDefinition_DoesNotThrow()
    {
        var builder = new SalesOpsBuilder()
            .UseCalendar(c => c.InZone("Mars/Olympus").FiscalYearStartsIn(13))
            .AddMetric("ratio", m => m.Ratio("missing", "ratio"));

        Assert.That(() => builder.Build(), Throws.Nothing);
    }
}
