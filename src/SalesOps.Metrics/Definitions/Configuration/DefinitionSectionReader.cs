using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Reads the top of a SalesOps configuration section, its calendar and its options.</summary>
/// <remarks>
/// Unknown keys are reported inside the known sections, where they are typos; the top level may hold other
/// settings (sources, sinks) and is not checked.
/// </remarks>
internal static class DefinitionSectionReader
{
    public static SalesOpsDefinition Read(ConfigNode root)
    {
        var definition = new SalesOpsDefinition();
        root.Read<CalendarDefinition>("calendar", ReadCalendar, v => definition = definition with { Calendar = v });
        root.ReadList<MetricDefinition>("metrics", MetricSectionReader.Read, v => definition = definition with { Metrics = v });
        root.ReadList<TargetDefinition>("targets", TargetSectionReader.Read, v => definition = definition with { Targets = v });
        root.Read<IngestionOptions>("ingestion", ReadIngestion, v => definition = definition with { Ingestion = v });
        root.Read<ScoreboardOptions>("scoreboard", ReadScoreboard, v => definition = definition with { Scoreboard = v });
        return definition;
    }

    private static bool ReadCalendar(ConfigNode node, out CalendarDefinition calendar)
    {
        var result = new CalendarDefinition();
        calendar = result;
        if (!node.ExpectSection("zone", "firstDayOfWeek", "fiscalYearStartMonth", "workingDays", "workingHours", "holidays"))
        {
            return false;
        }

        node.Read<string>("zone", ConfigValues.String, v => result = result with { Zone = v });
        node.Read("firstDayOfWeek", ConfigValues.Enum<IsoDayOfWeek>("day of week"), v => result = result with { FirstDayOfWeek = v });
        node.Read<int>("fiscalYearStartMonth", ConfigValues.Int, v => result = result with { FiscalYearStartMonth = v });
        node.ReadList(
            "workingDays", ConfigValues.Enum<IsoDayOfWeek>("day of week"), v => result = result with { WorkingDays = v }, ConfigValues.DayRange);
        node.Read<CalendarDefinition>(
            "workingHours",
            (ConfigNode n, out CalendarDefinition v) => ReadWorkingHours(n, result, out v),
            v => result = v);
        node.ReadList<LocalDate>("holidays", ConfigValues.Date, v => result = result with { Holidays = v });
        calendar = result;
        return true;
    }

    private static bool ReadWorkingHours(ConfigNode node, CalendarDefinition calendar, out CalendarDefinition result)
    {
        var hours = calendar;
        result = hours;
        if (!node.ExpectSection("start", "end"))
        {
            return false;
        }

        node.Read<LocalTime>("start", ConfigValues.Time, v => hours = hours with { WorkingHoursStart = v });
        node.Read<LocalTime>("end", ConfigValues.Time, v => hours = hours with { WorkingHoursEnd = v });
        result = hours;
        return true;
    }

    private static bool ReadIngestion(ConfigNode node, out IngestionOptions options)
    {
        var result = new IngestionOptions();
        options = result;
        if (!node.ExpectSection("maxSeriesPerMetric", "allowedLateness", "latePolicy", "maxFutureSkew", "eventRetention", "deduplicationWindow", "grains"))
        {
            return false;
        }

        node.Read<int>("maxSeriesPerMetric", ConfigValues.Int, v => result = result with { MaxSeriesPerMetric = v });
        node.Read<Duration>("allowedLateness", ConfigValues.Duration, v => result = result with { AllowedLateness = v });
        node.Read("latePolicy", ConfigValues.Enum<LateEventPolicy>("late policy"), v => result = result with { LatePolicy = v });
        node.Read<Duration>("maxFutureSkew", ConfigValues.Duration, v => result = result with { MaxFutureSkew = v });
        node.Read<Duration>("eventRetention", ConfigValues.Duration, v => result = result with { EventRetention = v });
        node.Read<Duration>("deduplicationWindow", ConfigValues.Duration, v => result = result with { DeduplicationWindow = v });
        node.ReadList("grains", ConfigValues.Enum<Grain>("grain"), v => result = result with { Grains = v });
        options = result;
        return true;
    }

    private static bool ReadScoreboard(ConfigNode node, out ScoreboardOptions options)
    {
        var result = new ScoreboardOptions();
        options = result;
        if (!node.ExpectSection("grains"))
        {
            return false;
        }

        node.ReadList("grains", ConfigValues.Enum<Grain>("grain"), v => result = result with { Grains = v });
        options = result;
        return true;
    }
}
