using System.Globalization;
using System.Text;
using NodaTime;
using SalesOps.Metrics;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Samples.SalesFloor;

/// <summary>
/// Renders the floor at the clock's instant as text tables: every target with its members, each team's metrics by
/// rep, and the leaderboard. It reads only the engine's public API, and it walks the definitions rather than
/// naming metrics, so a metric or target added to salesfloor.json shows up without a code change.
/// </summary>
internal sealed class ScoreboardPrinter
{
    public const int Width = 104;

    private readonly SalesOpsEngine _engine;
    private readonly SalesFloorRoster _roster;
    private readonly Dictionary<string, MetricDefinition> _metrics;

    public ScoreboardPrinter(SalesOpsEngine engine, SalesFloorRoster roster)
    {
        _engine = engine;
        _roster = roster;
        _metrics = engine.Definition.Metrics.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    public string Render(PublicationTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var text = new StringBuilder();
        WriteHeader(text);
        foreach (var target in _engine.Definition.Targets)
        {
            WriteTarget(text, target);
        }

        foreach (var team in new[] { SalesFloorRoster.Bdr, SalesFloorRoster.Ae })
        {
            WriteTeam(text, team);
        }

        WriteLeaderboard(text);
        WriteFeed(text, tally);
        return text.Append('\n').ToString();
    }

    private void WriteHeader(StringBuilder text)
    {
        var calendar = _engine.Calendar;
        var now = _engine.Now;
        var month = calendar.PeriodOf(now, Grain.Month);
        var done = calendar.WorkingTimeBetween(month.Start, now) / calendar.StandardWorkingDay;
        var all = calendar.WorkingTimeBetween(month.Start, month.End) / calendar.StandardWorkingDay;
        text.Append('=', Width).Append('\n');
        text.Append(" SCOREBOARD  ").Append(Display.Time(now, calendar.Zone)).Append('\n');
        text.Append(" month ").Append(month.Label).Append(": ").Append(Display.Decimal(done)).Append(" of ").Append(Display.Decimal(all))
            .Append(" working days done (").Append(Display.Percent(all == 0 ? null : done / all)).Append(")  |  week ")
            .Append(calendar.PeriodOf(now, Grain.Week).Label).Append('\n');
        text.Append('=', Width).Append('\n');
    }

    private void WriteTarget(StringBuilder text, TargetDefinition target)
    {
        var metric = _metrics[target.Metric];
        var members = MembersOf(target);
        var evaluations = members.Select(m => _engine.Evaluate(target.Name, m)).ToList();
        WriteTitle(text, target, metric, evaluations.FirstOrDefault() ?? _engine.Evaluate(target.Name));
        if (evaluations.Count == 0)
        {
            text.Append("  no ").Append(target.Each).Append(" has any activity yet\n");
            return;
        }

        var table = target.Direction == TargetDirection.AtLeast
            ? AtLeastTable(target, metric, members, evaluations)
            : AtMostTable(target, metric, members, evaluations);
        table.WriteTo(text);
    }

    private TextTable AtLeastTable(TargetDefinition target, MetricDefinition metric, IReadOnlyList<string?> members, List<TargetEvaluation> evaluations)
    {
        var columns = new List<TextTable.Column>
        {
            TextTable.Left(target.Each ?? "scope"),
            TextTable.Right("actual"),
            TextTable.Right("goal"),
            TextTable.Right("attain"),
            TextTable.Right("expected"),
            TextTable.Right("pace"),
            TextTable.Right("projected"),
            TextTable.Right("need/day"),
            TextTable.Left("status"),
        };
        columns.AddRange(target.Milestones.Select(m => TextTable.Left(m.Name)));
        var table = new TextTable([.. columns]);
        var rateFormat = RateFormat(metric, evaluations[0].Goal);
        for (var i = 0; i < evaluations.Count; i++)
        {
            var e = evaluations[i];
            table.AddRow(
            [
                MemberLabel(target, members[i]),
                Display.Value(e.Actual, metric),
                Display.Value(e.Goal, metric),
                Display.Percent(e.Attainment),
                Display.Number(e.ExpectedByNow, rateFormat),
                Display.Percent(e.Pace),
                Display.Value(e.Projected, metric),
                Display.Number(e.RequiredRatePerDay, rateFormat),
                Display.Status(e.Status),
                .. e.Milestones.Select(m => Display.Milestone(m, metric.Format)),
            ]);
        }

        if (evaluations.Count > 1 && SumsAcrossMembers(metric))
        {
            var actual = evaluations.Sum(e => e.Actual);
            var goal = evaluations.Sum(e => e.Goal);
            var expected = evaluations.Sum(e => e.ExpectedByNow);
            table.AddRule();
            table.AddRow(
            [
                "total",
                Display.Value(actual, metric),
                Display.Value(goal, metric),
                Display.Percent(goal == 0 ? null : actual / goal),
                Display.Number(expected, rateFormat),
                Display.Percent(expected == 0 ? null : actual / expected),
                Display.Value(evaluations.All(e => e.Projected is not null) ? evaluations.Sum(e => e.Projected!.Value) : null, metric),
                Display.Number(evaluations.All(e => e.RequiredRatePerDay is not null) ? evaluations.Sum(e => e.RequiredRatePerDay!.Value) : null, rateFormat),
                "",
                .. target.Milestones.Select(_ => ""),
            ]);
        }

        return table;
    }

    private TextTable AtMostTable(TargetDefinition target, MetricDefinition metric, IReadOnlyList<string?> members, List<TargetEvaluation> evaluations)
    {
        var previousPeriod = _engine.Calendar.Previous(evaluations[0].Period);
        var table = new TextTable(
            TextTable.Left(target.Each ?? "scope"),
            TextTable.Right("actual"),
            TextTable.Right("limit"),
            TextTable.Right("used"),
            TextTable.Right("projected"),
            TextTable.Right("headroom"),
            TextTable.Left("status"),
            TextTable.Right($"{previousPeriod.Label} final"),
            TextTable.Left("status"));
        for (var i = 0; i < evaluations.Count; i++)
        {
            var e = evaluations[i];
            var previous = _engine.EvaluatePeriod(target.Name, previousPeriod, members[i]);
            table.AddRow(
                MemberLabel(target, members[i]),
                Display.Value(e.Actual, metric),
                Display.Value(e.Goal, metric),
                Display.Percent(e.Attainment),
                Display.Value(e.Projected, metric),
                Display.Value(e.Remaining, metric),
                Display.Status(e.Status),
                Display.Value(previous.Actual, metric),
                Display.Status(previous.Status));
        }

        return table;
    }

    /// <summary>Each team's metrics by rep, month to date; the team column is queried, not summed, so ratios and distinct counts are right.</summary>
    private void WriteTeam(StringBuilder text, string team)
    {
        var reps = _roster.TeamOf(team);
        var metrics = _engine.Definition.Metrics.Where(m => Describes(m, team)).ToList();
        if (reps.Count == 0 || metrics.Count == 0)
        {
            return;
        }

        var month = _engine.Calendar.PeriodOf(_engine.Now, Grain.Month);
        text.Append('\n').Append(team).Append(" team by rep, month to date (").Append(month.Label).Append(")\n");
        var table = new TextTable([TextTable.Left("metric"), .. reps.Select(r => TextTable.Right(r.Name)), TextTable.Right("team")]);
        foreach (var metric in metrics)
        {
            var byRep = _engine.Breakdown(metric.Name, Window.ThisMonth, CrmVocabulary.Rep, (CrmVocabulary.Team, team))
                .ToDictionary(row => row.Dimensions[CrmVocabulary.Rep], row => row.Value, StringComparer.Ordinal);
            var nothingYet = CountsFromZero(metric) ? 0 : (double?)null;
            table.AddRow(
            [
                metric.Unit.Length == 0 ? metric.Name : $"{metric.Name} ({metric.Unit})",
                .. reps.Select(r => Display.Value(byRep.GetValueOrDefault(r.Name, nothingYet), metric)),
                Display.Value(_engine.Query(metric.Name, Window.ThisMonth, (CrmVocabulary.Team, team)) ?? nothingYet, metric),
            ]);
        }

        table.WriteTo(text);
    }

    private void WriteLeaderboard(StringBuilder text)
    {
        var targets = _engine.Definition.Targets.Where(t => t.Each == CrmVocabulary.Rep).ToList();
        if (targets.Count == 0)
        {
            return;
        }

        var boards = targets.Select(t => _engine.Leaderboard(t.Name)).ToList();
        text.Append("\nLeaderboard, ranked by attainment (ties: higher actual first, then name)\n");
        var columns = new List<TextTable.Column> { TextTable.Right("#") };
        foreach (var target in targets)
        {
            columns.Add(TextTable.Left(target.Name));
            columns.Add(TextTable.Right("attain"));
            columns.Add(TextTable.Left("status"));
        }

        var table = new TextTable([.. columns]);
        for (var rank = 1; rank <= boards.Max(b => b.Count); rank++)
        {
            var cells = new List<string> { rank.ToString(CultureInfo.InvariantCulture) };
            foreach (var board in boards)
            {
                var entry = board.FirstOrDefault(e => e.Rank == rank);
                cells.Add(entry?.Member ?? "");
                cells.Add(entry is null ? "" : Display.Percent(entry.Evaluation.Attainment));
                cells.Add(entry is null ? "" : Display.Status(entry.Evaluation.Status));
            }

            table.AddRow([.. cells]);
        }

        table.WriteTo(text);

        // The engine ranks the members it has seen an event for; a rep with none yet belongs at the bottom, so say so.
        for (var i = 0; i < targets.Count; i++)
        {
            var ranked = boards[i].Select(e => e.Member).ToHashSet(StringComparer.Ordinal);
            var missing = RepsIn(targets[i].Scope).Select(r => r.Name).Where(n => !ranked.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                text.Append("  not ranked yet (nothing counted for ").Append(targets[i].Name).Append("): ").Append(string.Join(", ", missing)).Append('\n');
            }
        }
    }

    private void WriteFeed(StringBuilder text, PublicationTally tally)
    {
        var report = _engine.Report;
        text.Append("\nFeed so far: ")
            .Append(Display.Number(report.Received)).Append(" received, ")
            .Append(Display.Number(report.Applied)).Append(" applied, ")
            .Append(Display.Number(report.Duplicates)).Append(" duplicates ignored, ")
            .Append(Display.Number(report.Rejected)).Append(" rejected, ")
            .Append(Display.Number(report.Late)).Append(" late; ")
            .Append(Display.Number(tally.Corrections)).Append(" corrections published\n");
    }

    private void WriteTitle(StringBuilder text, TargetDefinition target, MetricDefinition metric, TargetEvaluation evaluation)
    {
        var scope = target.Scope.Count == 0 ? "the whole floor" : string.Join(", ", target.Scope.Select(s => $"{s.Key} {s.Value}"));
        var each = target.Each is null ? "" : $", each {target.Each}";
        text.Append('\n').Append(target.Name).Append("  (").Append(metric.Name).Append(" of ").Append(scope).Append(each).Append(")\n");

        var direction = target.Direction == TargetDirection.AtLeast ? "at least" : "at most";
        var unit = metric.Unit.Length == 0 ? "" : " " + metric.Unit;
        text.Append("  ").Append(direction).Append(' ').Append(Display.Value(evaluation.Goal, metric)).Append(unit)
            .Append(" per ").Append(Display.Noun(target.Grain)).Append(" (").Append(evaluation.Period.Label)
            .Append("), ").Append(Display.Pacing(target.Pacing)).Append('\n');
        for (var i = 0; i < target.Milestones.Count; i++)
        {
            // The due instant is the exclusive end of the span the milestone covers, so its day is the one before.
            var dueDate = _engine.Calendar.DateOf(evaluation.Milestones[i].DueAt - Duration.Epsilon);
            text.Append("  milestone ").Append(Display.Due(target.Milestones[i])).Append(" (").Append(Display.Day(dueDate)).Append(")\n");
        }
    }

    private IReadOnlyList<string?> MembersOf(TargetDefinition target) => target.Each switch
    {
        null => [null],
        CrmVocabulary.Rep => [.. RepsIn(target.Scope).Select(r => r.Name)],
        CrmVocabulary.Team => [.. SalesFloorRoster.Teams.Where(t => !target.Scope.TryGetValue(CrmVocabulary.Team, out var team) || team == t)],
        _ => [.. _engine.Members(target.Name)],
    };

    private IEnumerable<SalesRep> RepsIn(IReadOnlyDictionary<string, string> scope) =>
        scope.TryGetValue(CrmVocabulary.Team, out var team) ? _roster.TeamOf(team) : _roster.Bdrs.Concat(_roster.Aes);

    private static string MemberLabel(TargetDefinition target, string? member) =>
        member ?? (target.Scope.Count == 0 ? "floor" : string.Join(", ", target.Scope.Values));

    // A metric describes a team when it groups by team and rep and counts some event the team produces.
    private bool Describes(MetricDefinition metric, string team)
    {
        if (metric.Ratio is { } ratio)
        {
            return _metrics.TryGetValue(ratio.Numerator, out var numerator) && Describes(numerator, team)
                && _metrics.TryGetValue(ratio.Denominator, out var denominator) && Describes(denominator, team);
        }

        return metric.GroupBy.Contains(CrmVocabulary.Team) && metric.GroupBy.Contains(CrmVocabulary.Rep)
            && metric.EventTypes.Intersect(CrmVocabulary.TypesOf(team), StringComparer.Ordinal).Any();
    }

    // A count or a sum of the reps' parts is the team's; a distinct count is not (two reps can touch one lead), nor is a ratio.
    private static bool SumsAcrossMembers(MetricDefinition metric) =>
        metric.Aggregation is AggregationKind.Count or AggregationKind.Sum;

    // A rep with no events has made 0 calls and touched 0 leads, but has no conversion rate at all.
    private static bool CountsFromZero(MetricDefinition metric) =>
        SumsAcrossMembers(metric) || metric.Aggregation == AggregationKind.DistinctCount;

    // A rate of 2.4 appointments a day needs its decimal; 3,412 USD a day does not.
    private static string RateFormat(MetricDefinition metric, double goal) => goal >= 1000 ? metric.Format : "N1";
}
