using System.Globalization;
using System.Text;
using NodaTime;

namespace SalesOps.Metrics.Testing;

/// <summary>
/// Describes a scoreboard as canonical text, every field in a fixed order, so that two scoreboards with equal content
/// compare equal even when one was rebuilt from storage (records compare their lists by reference).
/// </summary>
internal static class ScoreboardText
{
    public static string Describe(Scoreboard scoreboard)
    {
        var text = new StringBuilder();
        text.Append("scoreboard ").Append(Time(scoreboard.At)).Append(' ').Append(scoreboard.Kind).Append(" zone=").Append(Quote(scoreboard.Zone)).Append('\n');
        foreach (var metric in scoreboard.Metrics)
        {
            text.Append("  metric ").Append(Quote(metric.Metric))
                .Append(" unit=").Append(Quote(metric.Unit))
                .Append(" format=").Append(Quote(metric.Format))
                .Append(" period=").Append(Period(metric.Period))
                .Append(" total=").Append(Series(metric.Total)).Append('\n');
            foreach (var row in metric.Breakdown)
            {
                text.Append("    ").Append(Series(row)).Append('\n');
            }
        }

        foreach (var target in scoreboard.Targets)
        {
            text.Append("  target ").Append(Quote(target.Target))
                .Append(" metric=").Append(Quote(target.Metric))
                .Append(" member=").Append(Quote(target.Member))
                .Append(" scope=").Append(Dimensions(target.Scope))
                .Append(" at=").Append(Time(target.At))
                .Append(" period=").Append(Period(target.Period))
                .Append(' ').Append(target.Direction)
                .Append(" actual=").Append(Number(target.Actual))
                .Append(" goal=").Append(Number(target.Goal))
                .Append(" goalFrom=").Append(target.GoalEffectiveFrom is { } from ? Time(from) : "null")
                .Append(" expectedFraction=").Append(Number(target.ExpectedFraction))
                .Append(" expectedByNow=").Append(Number(target.ExpectedByNow))
                .Append(" attainment=").Append(Number(target.Attainment))
                .Append(" pace=").Append(Number(target.Pace))
                .Append(" projected=").Append(Number(target.Projected))
                .Append(" remaining=").Append(Number(target.Remaining))
                .Append(" requiredPerDay=").Append(Number(target.RequiredRatePerDay))
                .Append(' ').Append(target.Status)
                .Append(" previous=").Append(Period(target.PreviousPeriod))
                .Append(" previousAtSamePoint=").Append(Number(target.PreviousAtSamePoint))
                .Append(" previousFinal=").Append(Number(target.PreviousFinal)).Append('\n');
            foreach (var milestone in target.Milestones)
            {
                text.Append("    milestone ").Append(Quote(milestone.Name))
                    .Append(" fraction=").Append(Number(milestone.Fraction))
                    .Append(" required=").Append(Number(milestone.Required))
                    .Append(" due=").Append(Time(milestone.DueAt))
                    .Append(" actualAtDue=").Append(Number(milestone.ActualAtDue))
                    .Append(' ').Append(milestone.State).Append('\n');
            }
        }

        var ingestion = scoreboard.Ingestion;
        text.Append("  ingestion received=").Append(Number(ingestion.Received))
            .Append(" applied=").Append(Number(ingestion.Applied))
            .Append(" duplicates=").Append(Number(ingestion.Duplicates))
            .Append(" rejected=").Append(string.Join(",", ingestion.RejectedByReason.OrderBy(r => r.Key).Select(r => r.Key + ":" + Number(r.Value))))
            .Append(" late=").Append(Number(ingestion.Late))
            .Append(" lateBeyond=").Append(Number(ingestion.LateBeyondLateness))
            .Append(" held=").Append(Number(ingestion.Held))
            .Append(" unmatched=").Append(Number(ingestion.Unmatched)).Append('\n');
        return text.ToString();
    }

    public static string[] Describe(IEnumerable<Scoreboard> scoreboards) => [.. scoreboards.Select(Describe)];

    private static string Series(SeriesValue series) =>
        Dimensions(series.Dimensions) + " value=" + Number(series.Value) + " count=" + Number(series.Count);

    private static string Period(PeriodInfo period) =>
        period.Grain + " [" + Time(period.Start) + ", " + Time(period.End) + ") " + Quote(period.Label);

    private static string Dimensions(IReadOnlyDictionary<string, string> dimensions) =>
        "{" + string.Join(", ", dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => Quote(d.Key) + "=" + Quote(d.Value))) + "}";

    private static string Time(Instant instant) => instant.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF'Z'", CultureInfo.InvariantCulture);

    // "R" keeps every bit, so a value that lost precision on its way through storage shows up as a difference.
    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Escaped and quoted, so that no two different strings give the same text.
    private static string Quote(string? text) =>
        text is null
            ? "null"
            : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
