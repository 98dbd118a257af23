using System.Text;
using SalesOps.Metrics;

namespace SalesOps.Samples.SalesFloor;

/// <summary>
/// The closing account of the feed: what the engine says happened to every record, beside what the simulated CRM
/// knows it sent, so a reader can check that nothing was lost or counted twice.
/// </summary>
internal static class IngestionReportPrinter
{
    public static string Render(SalesOpsEngine engine, FeedCounts feed, string span, PublicationTally tally)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(tally);
        var report = engine.Report;
        var ingestion = engine.Definition.Ingestion;
        var text = new StringBuilder();
        text.Append('=', ScoreboardPrinter.Width).Append('\n');
        text.Append(" INGESTION REPORT  ").Append(Display.Time(engine.Now, engine.Calendar.Zone)).Append(", ").Append(span).Append('\n');
        text.Append('=', ScoreboardPrinter.Width).Append('\n');

        var table = new TextTable(TextTable.Left("engine counted"), TextTable.Right("events"), TextTable.Left("what the CRM feed did"));
        table.AddRow("received", Display.Number(report.Received), $"{Display.Number(feed.Deliveries)} records handed over");
        table.AddRow("applied", Display.Number(report.Applied), "each counted once in every metric that matches it");
        table.AddRow("duplicates ignored", Display.Number(report.Duplicates), $"{Display.Number(feed.Redelivered)} records sent a second time");
        foreach (var (reason, count) in report.RejectedByReason.OrderBy(r => r.Key))
        {
            var cause = reason switch
            {
                RejectionReason.MissingType => $"{Display.Number(feed.Untyped)} records with an activity type the CRM did not map",
                RejectionReason.InvalidValue => $"{Display.Number(feed.LostAmounts)} records whose amount was lost (NaN)",
                _ => "",
            };
            table.AddRow($"rejected: {reason}", Display.Number(count), cause);
        }

        table.AddRow("late", Display.Number(report.Late), $"{Display.Number(feed.Late)} records logged the next working morning");
        table.AddRow(
            "  beyond allowed lateness",
            Display.Number(report.LateBeyondLateness),
            $"more than {Display.Number(ingestion.AllowedLateness.TotalHours)} h late (after a weekend or holiday): {ingestion.LatePolicy}");
        table.AddRow("held for review", Display.Number(report.Held), "");
        table.AddRow("matched no metric", Display.Number(report.Unmatched), "");
        table.WriteTo(text);

        var balanced = report.Received == report.Applied + report.Duplicates + report.Rejected + report.Held;
        text.Append("\n  received = applied + duplicates + rejected + held: ")
            .Append(Display.Number(report.Received)).Append(" = ").Append(Display.Number(report.Applied)).Append(" + ")
            .Append(Display.Number(report.Duplicates)).Append(" + ").Append(Display.Number(report.Rejected)).Append(" + ")
            .Append(Display.Number(report.Held)).Append(balanced ? "  (balanced)\n" : "  (NOT balanced)\n");

        text.Append("\nPublished ").Append(Display.Number(tally.Regular))
            .Append(" regular scoreboards in this run, one at the end of every hour with the metrics due for review:\n");
        foreach (var cadence in tally.RegularByMetric.GroupBy(m => m.Value).OrderByDescending(g => g.Key))
        {
            text.Append("  in ").Append(Display.Number(cadence.Key).PadLeft(5)).Append(": ").Append(string.Join(", ", cadence.Select(m => m.Key))).Append('\n');
        }

        text.Append("and ").Append(Display.Number(tally.Corrections)).Append(" corrections, re-publishing ")
            .Append(Display.Number(tally.CorrectedWindows)).Append(" metric windows and ").Append(Display.Number(tally.CorrectedEvaluations))
            .Append(" target evaluations that late events changed.\n");
        return text.ToString();
    }
}
