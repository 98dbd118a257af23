using System.Globalization;
using System.Text;
using NodaTime;
using SalesOps.Metrics;

namespace SalesOps.Samples.SalesFloor;

/// <summary>What the run is about to do and how to read its tables, printed once before the first scoreboard.</summary>
internal static class IntroPrinter
{
    public static string Render(SalesFloorOptions options, SalesOpsEngine engine, IReadOnlyList<ActivityEvent> events, CrmFeed feed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(feed);
        var calendar = engine.Calendar;
        var month = calendar.PeriodOf(engine.Now, Grain.Month);
        var dates = Enumerable.Range(0, options.Month.Calendar.GetDaysInMonth(options.Month.Year, options.Month.Month))
            .Select(d => options.Month.OnDayOfMonth(d + 1))
            .ToList();
        var holidays = dates.Where(d => calendar.Definition.Holidays.Contains(d)).Select(Display.Day).ToList();
        var byType = events.GroupBy(e => e.Type, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {Display.Number(g.LongCount())}");
        var hours = calendar.Definition;

        var text = new StringBuilder();
        text.Append("THE SAMPLE SALES FLOOR\n\n");
        text.Append(FormattableString.Invariant($"A simulated month of inside sales, {month.Label} in {calendar.Zone.Id}, seed {options.Seed}, {options.RepsPerTeam} reps per team.\n"));
        text.Append("BDRs call and email leads and book appointments; the appointments become AE demos a few working days later;\n");
        text.Append("held demos become qualified opportunities (with a pipeline value); some of those become deals won (revenue).\n\n");
        text.Append("Definitions: ").Append(engine.MetricNames.Count.ToString(CultureInfo.InvariantCulture)).Append(" metrics and ")
            .Append(engine.TargetNames.Count.ToString(CultureInfo.InvariantCulture)).Append(" targets from ")
            .Append(SalesFloorDefinition.FileName).Append('\n');
        text.Append("Working time: ").Append(string.Join(", ", hours.WorkingDays.Select(d => d.ToString()[..3]))).Append(' ')
            .Append(hours.WorkingHoursStart.ToString("HH:mm", CultureInfo.InvariantCulture)).Append('-')
            .Append(hours.WorkingHoursEnd.ToString("HH:mm", CultureInfo.InvariantCulture)).Append(", ")
            .Append(dates.Count(calendar.IsWorkingDay).ToString(CultureInfo.InvariantCulture)).Append(" working days")
            .Append(holidays.Count == 0 ? "" : $" (holidays: {string.Join(", ", holidays)})").Append('\n');
        foreach (var change in calendar.Zone.GetZoneIntervals(month.Start, month.End).Skip(1))
        {
            var before = calendar.Zone.GetUtcOffset(change.Start - Duration.Epsilon);
            text.Append("Daylight saving: on ").Append(Display.Day(calendar.DateOf(change.Start))).Append(" the offset moves from UTC")
                .Append(before.ToString("m", CultureInfo.InvariantCulture)).Append(" to UTC")
                .Append(change.WallOffset.ToString("m", CultureInfo.InvariantCulture)).Append(", so that day has ")
                .Append(calendar.PeriodOf(change.Start, Grain.Day).Interval.Duration.TotalHours.ToString("N0", CultureInfo.InvariantCulture))
                .Append(" hourly buckets\n");
        }

        text.Append("Activity: ").Append(Display.Number(events.Count)).Append(" events (").Append(string.Join(", ", byType)).Append(")\n");
        text.Append("Delivery: each hour's events at the end of the hour; ").Append(Display.Number(feed.Late)).Append(" the next working morning, ")
            .Append(Display.Number(feed.Redelivered)).Append(" twice, ").Append(Display.Number(feed.Untyped + feed.LostAmounts)).Append(" malformed.\n");
        text.Append("Each simulated hour the clock moves to the end of the hour, the hour's deliveries are ingested and the\n");
        text.Append("metrics due for review are published. Scoreboards follow every Monday at 09:00 and on the last day at 17:00.\n\n");
        text.Append("Reading the target tables:\n");
        text.Append("  actual    so far this period           expected   the goal x the share of pacing time elapsed\n");
        text.Append("  attain    actual / goal                pace       actual / expected\n");
        text.Append("  projected actual / share elapsed       need/day   still needed per remaining working day\n");
        text.Append("  status    ACHIEVED; on track at full pace; AT RISK below it; BEHIND below the at-risk threshold;\n");
        text.Append("            at-most targets are BREACHED once over the limit and within once the period ends under it\n\n");
        return text.ToString();
    }
}
