using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace SalesOps.Metrics.Plugins;

/// <summary>Renders a scoreboard as plain text for consoles and logs.</summary>
public static class ScoreboardFormatter
{
    private static readonly LocalDateTimePattern TimePattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd yyyy-MM-dd HH:mm");

    /// <summary>Formats a scoreboard: metric totals with their breakdown, then each target with its members, in each metric's display format.</summary>
    /// <param name="scoreboard">The scoreboard.</param>
    /// <returns>Readable text, one line per row.</returns>
    public static string Format(Scoreboard scoreboard)
    {
        ArgumentNullException.ThrowIfNull(scoreboard);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(scoreboard.Zone) ?? DateTimeZone.Utc;
        var text = new StringBuilder();
        var kind = scoreboard.Kind == ScoreboardKind.Correction ? "CORRECTION" : "SCOREBOARD";
        Line(text, $"=== {kind} {TimePattern.Format(scoreboard.At.InZone(zone).LocalDateTime)} ({scoreboard.Zone}) ===");
        foreach (var metric in scoreboard.Metrics)
        {
            Line(text, $"{metric.Metric} [{metric.Period.Label}]: {Value(metric.Total.Value, metric.Format)} {metric.Unit}".TrimEnd());
            foreach (var row in metric.Breakdown)
            {
                Line(text, $"    {string.Join(", ", row.Dimensions.Values),-24} {Value(row.Value, metric.Format),12}");
            }
        }

        var formats = scoreboard.Metrics
            .GroupBy(m => m.Metric, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Format, StringComparer.Ordinal);
        foreach (var target in scoreboard.Targets.GroupBy(t => t.Target))
        {
            var first = target.First();
            var format = formats.GetValueOrDefault(first.Metric, "N0");
            Line(text, $"target {target.Key} ({first.Metric}, {first.Direction}, {first.Period.Label})");
            Line(text, $"    {"member",-16} {"actual",8} {"goal",8} {"attain",7} {"pace",6} {"proj",8} {"status",-9} milestones");
            foreach (var evaluation in target)
            {
                var milestones = string.Join("; ", evaluation.Milestones.Select(m => $"{m.Name}: {m.State}"));
                Line(text, string.Create(
                    CultureInfo.InvariantCulture,
                    $"    {evaluation.Member ?? "(all)",-16} {Value(evaluation.Actual, format),8} {Value(evaluation.Goal, format),8} {Percent(evaluation.Attainment),7} {Percent(evaluation.Pace),6} {Value(evaluation.Projected, format),8} {evaluation.Status,-9} {milestones}"));
            }
        }

        var ingestion = scoreboard.Ingestion;
        Line(text, string.Create(
            CultureInfo.InvariantCulture,
            $"ingestion: received {ingestion.Received}, applied {ingestion.Applied}, duplicates {ingestion.Duplicates}, rejected {ingestion.Rejected}, late {ingestion.Late}"));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Value(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Percent(double? value) =>
        value is { } v ? v.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "-";
}
