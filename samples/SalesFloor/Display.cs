using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SalesOps.Metrics;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Samples.SalesFloor;

/// <summary>How numbers, times and states read on the scoreboard; always in the invariant culture.</summary>
internal static class Display
{
    public const string None = "-";

    private static readonly LocalDateTimePattern TimePattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm");
    private static readonly LocalDatePattern DayPattern = LocalDatePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd");
    private static readonly OffsetPattern UtcOffsetPattern = OffsetPattern.CreateWithInvariantCulture("+HH:mm");

    public static string Number(double? value, string format = "N0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Decimal(double? value) => Number(value, "N1");

    public static string Percent(double? value) =>
        value is { } v ? (v * 100).ToString("N0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Value(double? value, MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Number(value, metric.Format);
    }

    /// <summary>A time with its zone and offset, because the offset is what changes across daylight saving.</summary>
    public static string Time(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = instant.InZone(zone);
        return $"{TimePattern.Format(local.LocalDateTime)} {zone.Id} (UTC{UtcOffsetPattern.Format(local.Offset)})";
    }

    public static string Day(LocalDate date) => DayPattern.Format(date);

    /// <summary>Attention states are in capitals so they stand out when the eye runs down a column.</summary>
    public static string Status(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "ACHIEVED",
        TargetStatus.OnTrack => "on track",
        TargetStatus.AtRisk => "AT RISK",
        TargetStatus.Behind => "BEHIND",
        TargetStatus.Within => "within",
        TargetStatus.Breached => "BREACHED",
        _ => status.ToString(),
    };

    public static string Milestone(MilestoneEvaluation milestone, string format)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var progress = $"{Number(milestone.ActualAtDue, format)}/{Number(milestone.Required, format)}";
        return milestone.State switch
        {
            MilestoneState.Met => $"met {progress}",
            MilestoneState.Missed => $"MISSED {progress}",
            _ => $"upcoming {progress}",
        };
    }

    public static string Noun(Grain grain) => grain.ToString().ToLowerInvariant();

    public static string Pacing(PacingDefinition pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        return pacing.Kind switch
        {
            PacingKind.WorkingTime => "paced by working time",
            PacingKind.Weighted => $"paced by weights per {Noun(pacing.WeightGrain)}",
            _ => "paced by elapsed time",
        };
    }

    public static string Due(MilestoneDefinition milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var count = milestone.DueCount.ToString(CultureInfo.InvariantCulture);
        return $"{milestone.Name}: {Percent(milestone.Fraction)} by the end of {Noun(milestone.DueGrain)} {count}";
    }
}
