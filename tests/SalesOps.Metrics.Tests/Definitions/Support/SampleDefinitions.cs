using System.Text;
using Microsoft.Extensions.Configuration;
using NodaTime;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Definitions;

/// <summary>Throwaway definitions and configuration for the definition tests.</summary>
internal static class SampleDefinitions
{
    /// <summary>The SPEC §4 example, which is valid.</summary>
    public static SalesOpsDefinition Spec() => new SalesOpsBuilder()
        .UseCalendar(c => c.InZone("America/Denver").FiscalYearStartsIn(2)
            .WorkingDays(IsoDayOfWeek.Monday, IsoDayOfWeek.Friday).WorkingHours(8, 18))
        .AddMetric("appointments-set", m => m.Count("appointment.set").By("team", "rep").Effort().ReviewHourly())
        .AddMetric("qualified-opportunities", m => m.Count("opportunity.qualified").By("team", "rep").Result())
        .AddMetric("pipeline-value", m => m.Sum("opportunity.qualified").By("team"))
        .AddMetric("appointment-to-opportunity", m => m.Ratio("qualified-opportunities", "appointments-set"))
        .AddTarget("bdr-opportunities", t => t
            .For("qualified-opportunities").Where("team", "BDR").Each("rep")
            .Monthly().AtLeast(40).PacedByWorkingTime()
            .Milestone("first down", 0.25, byEndOfWeek: 1))
        .Build();

    /// <summary>The "path: message" lines of every problem with a definition.</summary>
    public static string[] Problems(SalesOpsDefinition definition)
        => DefinitionValidation.Validate(definition).Select(e => e.ToString()).ToArray();

    public static SalesOpsDefinition WithMetric(this SalesOpsDefinition definition, int index, Func<MetricDefinition, MetricDefinition> change)
        => definition with { Metrics = definition.Metrics.Select((m, i) => i == index ? change(m) : m).ToArray() };

    public static SalesOpsDefinition WithTarget(this SalesOpsDefinition definition, int index, Func<TargetDefinition, TargetDefinition> change)
        => definition with { Targets = definition.Targets.Select((t, i) => i == index ? change(t) : t).ToArray() };

    public static SalesOpsDefinition WithCalendar(this SalesOpsDefinition definition, Func<CalendarDefinition, CalendarDefinition> change)
        => definition with { Calendar = change(definition.Calendar) };

    /// <summary>The <c>SalesOps</c> section of a configuration built from JSON text.</summary>
    public static IConfigurationSection Json(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return new ConfigurationBuilder().AddJsonStream(stream).Build().GetSection("SalesOps");
    }
}
