using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Reads one metric from configuration, in the same vocabulary as <see cref="MetricBuilder"/>.</summary>
internal static class MetricSectionReader
{
    public static bool Read(ConfigNode node, out MetricDefinition metric)
    {
        var result = new MetricDefinition { Name = string.Empty };
        metric = result;
        if (!node.ExpectSection(
            "name", "aggregation", "eventTypes", "filters", "groupBy", "distinctDimension", "ratio", "kind", "unit", "format", "review"))
        {
            return false;
        }

        node.Read<string>("name", ConfigValues.String, v => result = result with { Name = v });
        node.Read("aggregation", ConfigValues.Enum<AggregationKind>("aggregation"), v => result = result with { Aggregation = v });
        node.Read<IReadOnlyList<string>>("eventTypes", ReadStrings, v => result = result with { EventTypes = v });
        node.ReadMap<IReadOnlyList<string>>("filters", ReadStrings, v => result = result with { Filters = v });
        node.Read<IReadOnlyList<string>>("groupBy", ReadStrings, v => result = result with { GroupBy = v });
        node.Read<string>("distinctDimension", ConfigValues.String, v => result = result with { DistinctDimension = v });
        node.Read<RatioDefinition>("ratio", ReadRatio, v => result = result with { Ratio = v });
        node.Read("kind", ConfigValues.Enum<MetricKind>("metric kind"), v => result = result with { Kind = v });
        node.Read<string>("unit", ConfigValues.String, v => result = result with { Unit = v });
        node.Read<string>("format", ConfigValues.String, v => result = result with { Format = v });
        node.Read<Duration>("review", ConfigValues.Review, v => result = result with { Review = v });
        metric = result;
        return true;
    }

    /// <summary>Reads a list of strings; a single value stands for a list of one.</summary>
    private static bool ReadStrings(ConfigNode node, out IReadOnlyList<string> values)
        => node.TryReadList<string>(ConfigValues.String, ReadSingleString, out values);

    private static bool ReadSingleString(ConfigNode node, out IReadOnlyList<string> values)
    {
        values = [node.Value ?? string.Empty];
        return true;
    }

    private static bool ReadRatio(ConfigNode node, out RatioDefinition ratio)
    {
        var numerator = string.Empty;
        var denominator = string.Empty;
        ratio = new RatioDefinition(numerator, denominator);
        if (!node.ExpectSection("numerator", "denominator"))
        {
            return false;
        }

        node.Read<string>("numerator", ConfigValues.String, v => numerator = v);
        node.Read<string>("denominator", ConfigValues.String, v => denominator = v);
        ratio = new RatioDefinition(numerator, denominator);
        return true;
    }
}
