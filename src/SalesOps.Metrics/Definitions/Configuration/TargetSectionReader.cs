using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Reads one target from configuration, in the same vocabulary as <see cref="TargetBuilder"/>.</summary>
internal static class TargetSectionReader
{
    public static bool Read(ConfigNode node, out TargetDefinition target)
    {
        var result = new TargetDefinition { Name = string.Empty, Metric = string.Empty };
        target = result;
        if (!node.ExpectSection(
            "name", "metric", "scope", "each", "members", "grain", "direction", "goal", "goalChanges", "pacing", "thresholds", "milestones"))
        {
            return false;
        }

        node.Read<string>("name", ConfigValues.String, v => result = result with { Name = v });
        node.Read<string>("metric", ConfigValues.String, v => result = result with { Metric = v });
        node.ReadMap<string>("scope", ConfigValues.String, v => result = result with { Scope = v });
        node.Read<string>("each", ConfigValues.String, v => result = result with { Each = v });
        node.ReadList<string>("members", ConfigValues.String, v => result = result with { Members = v });
        node.Read("grain", ConfigValues.Enum<Grain>("grain"), v => result = result with { Grain = v });
        node.Read("direction", ConfigValues.Enum<TargetDirection>("direction"), v => result = result with { Direction = v });
        node.Read<double>("goal", ConfigValues.Double, v => result = result with { Goal = v });
        node.ReadList<GoalVersion>("goalChanges", ReadGoalChange, v => result = result with { GoalChanges = v });
        node.Read<PacingDefinition>("pacing", ReadPacing, v => result = result with { Pacing = v });
        node.Read<TargetThresholds>("thresholds", ReadThresholds, v => result = result with { Thresholds = v });
        node.ReadList<MilestoneDefinition>("milestones", ReadMilestone, v => result = result with { Milestones = v });
        target = result;
        return true;
    }

    private static bool ReadGoalChange(ConfigNode node, out GoalVersion change)
    {
        change = new GoalVersion(default, 0);
        if (!node.ExpectSection("effectiveFrom", "goal"))
        {
            return false;
        }

        LocalDateTime? effectiveFrom = null;
        double? goal = null;
        node.Read<LocalDateTime>("effectiveFrom", ConfigValues.DateOrDateTime, v => effectiveFrom = v);
        node.Read<double>("goal", ConfigValues.Double, v => goal = v);
        if (effectiveFrom is null || goal is null)
        {
            // A change without both parts cannot be placed in the goal history; it is reported and left out.
            if (node.Context.Errors.All(e => !e.Path.StartsWith(node.Path + ".", StringComparison.Ordinal)))
            {
                node.Error("a goal change needs both effectiveFrom and goal");
            }

            return false;
        }

        change = new GoalVersion(effectiveFrom.Value, goal.Value);
        return true;
    }

    private static bool ReadPacing(ConfigNode node, out PacingDefinition pacing)
    {
        var result = PacingDefinition.Time;
        pacing = result;
        var readKind = ConfigValues.Enum<PacingKind>("pacing kind");
        if (node.Value is not null)
        {
            // "Pacing": "WorkingTime" is short for { "Kind": "WorkingTime" }.
            if (!readKind(node, out var kind))
            {
                return false;
            }

            pacing = new PacingDefinition { Kind = kind };
            return true;
        }

        if (!node.ExpectSection("kind", "weightGrain", "weights"))
        {
            return false;
        }

        node.Read("kind", readKind, v => result = result with { Kind = v });
        node.Read("weightGrain", ConfigValues.Enum<Grain>("grain"), v => result = result with { WeightGrain = v });
        node.ReadList<double>("weights", ConfigValues.Double, v => result = result with { Weights = v });
        pacing = result;
        return true;
    }

    private static bool ReadThresholds(ConfigNode node, out TargetThresholds thresholds)
    {
        var result = new TargetThresholds();
        thresholds = result;
        if (!node.ExpectSection("onTrack", "atRisk", "atMostProjectionAtRisk"))
        {
            return false;
        }

        node.Read<double>("onTrack", ConfigValues.Double, v => result = result with { OnTrack = v });
        node.Read<double>("atRisk", ConfigValues.Double, v => result = result with { AtRisk = v });
        node.Read<double>("atMostProjectionAtRisk", ConfigValues.Double, v => result = result with { AtMostProjectionAtRisk = v });
        thresholds = result;
        return true;
    }

    private static bool ReadMilestone(ConfigNode node, out MilestoneDefinition milestone)
    {
        milestone = new MilestoneDefinition(string.Empty, 0, Grain.Day, 0);
        if (!node.ExpectSection("name", "fraction", "byEndOfDay", "byEndOfWeek", "byEndOfMonth"))
        {
            return false;
        }

        var name = string.Empty;
        var fraction = 0.0;
        var due = new List<(Grain Grain, int Count)>(1);
        node.Read<string>("name", ConfigValues.String, v => name = v);
        node.Read<double>("fraction", ConfigValues.Double, v => fraction = v);
        var errorsBefore = node.Context.Errors.Count;
        node.Read<int>("byEndOfDay", ConfigValues.Int, v => due.Add((Grain.Day, v)));
        node.Read<int>("byEndOfWeek", ConfigValues.Int, v => due.Add((Grain.Week, v)));
        node.Read<int>("byEndOfMonth", ConfigValues.Int, v => due.Add((Grain.Month, v)));
        if (due.Count != 1)
        {
            // An unreadable due point is already reported; only a missing or doubled one needs saying.
            if (node.Context.Errors.Count == errorsBefore)
            {
                node.Error($"milestone '{name}' needs exactly one of ByEndOfDay, ByEndOfWeek and ByEndOfMonth");
            }

            return false;
        }

        milestone = new MilestoneDefinition(name, fraction, due[0].Grain, due[0].Count);
        return true;
    }
}
