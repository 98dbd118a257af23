using CsvHelper;
using NodaTime.Text;

namespace SalesOps.Metrics.Csv;

/// <summary>The columns of the exported files and the rows of a scoreboard in them.</summary>
internal static class CsvScoreboardRows
{
    public static readonly string[] MetricColumns =
        ["at", "kind", "metric", "unit", "grain", "period", "period_start", "period_end", "dimension", "dimension_value", "value", "count"];

    public static readonly string[] TargetColumns =
        ["at", "kind", "target", "metric", "member", "scope", "grain", "period", "direction", "status", "actual", "goal", "expected_by_now", "attainment", "pace", "projected", "remaining"];

    public static void WriteMetrics(CsvWriter csv, Scoreboard scoreboard)
    {
        foreach (var snapshot in scoreboard.Metrics)
        {
            WriteMetric(csv, scoreboard, snapshot, snapshot.Total);
            foreach (var row in snapshot.Breakdown)
            {
                WriteMetric(csv, scoreboard, snapshot, row);
            }
        }
    }

    public static void WriteTargets(CsvWriter csv, Scoreboard scoreboard)
    {
        foreach (var evaluation in scoreboard.Targets)
        {
            csv.WriteField(InstantPattern.ExtendedIso.Format(scoreboard.At));
            csv.WriteField(scoreboard.Kind.ToString());
            csv.WriteField(evaluation.Target);
            csv.WriteField(evaluation.Metric);
            csv.WriteField(evaluation.Member);
            csv.WriteField(string.Join(';', evaluation.Scope.Select(d => $"{d.Key}={d.Value}")));
            csv.WriteField(evaluation.Period.Grain.ToString());
            csv.WriteField(evaluation.Period.Label);
            csv.WriteField(evaluation.Direction.ToString());
            csv.WriteField(evaluation.Status.ToString());
            csv.WriteField(evaluation.Actual);
            csv.WriteField(evaluation.Goal);
            csv.WriteField(evaluation.ExpectedByNow);
            csv.WriteField(evaluation.Attainment);
            csv.WriteField(evaluation.Pace);
            csv.WriteField(evaluation.Projected);
            csv.WriteField(evaluation.Remaining);
            csv.EndRecord();
        }
    }

    private static void WriteMetric(CsvWriter csv, Scoreboard scoreboard, MetricSnapshot snapshot, SeriesValue series)
    {
        csv.WriteField(InstantPattern.ExtendedIso.Format(scoreboard.At));
        csv.WriteField(scoreboard.Kind.ToString());
        csv.WriteField(snapshot.Metric);
        csv.WriteField(snapshot.Unit);
        csv.WriteField(snapshot.Period.Grain.ToString());
        csv.WriteField(snapshot.Period.Label);
        csv.WriteField(InstantPattern.ExtendedIso.Format(snapshot.Period.Start));
        csv.WriteField(InstantPattern.ExtendedIso.Format(snapshot.Period.End));
        csv.WriteField(string.Join('/', series.Dimensions.Keys));
        csv.WriteField(string.Join('/', series.Dimensions.Values));
        csv.WriteField(series.Value);
        csv.WriteField(series.Count);
        csv.EndRecord();
    }
}
