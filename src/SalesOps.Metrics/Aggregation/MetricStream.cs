using System.Security.Cryptography;
using System.Text;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The events a metric aggregates: its event types, dimension filters, group-by dimensions and, for a distinct
/// count, the counted dimension. Count, sum, min, max and average metrics over the same stream share one set of
/// cells, so an event is applied once for all of them.
/// </summary>
internal sealed record MetricStream(
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Filters,
    IReadOnlyList<string> GroupBy,
    string? DistinctDimension)
{
    /// <summary>A stable id derived from what the stream is, so stored cells survive renaming or adding metrics.</summary>
    public string Name { get; } = Id(EventTypes, Filters, GroupBy, DistinctDimension);

    public static MetricStream Of(MetricDefinition metric) => new(
        [.. metric.EventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        [.. metric.Filters
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Key, [.. f.Value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))],
        [.. metric.GroupBy],
        metric.Aggregation == AggregationKind.DistinctCount ? metric.DistinctDimension : null);

    public string Canonical => Canonicalize(EventTypes, Filters, GroupBy, DistinctDimension);

    public bool Equals(MetricStream? other) => other is not null && Name == other.Name;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    private static string Id(IReadOnlyList<string> types, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> filters, IReadOnlyList<string> groupBy, string? distinct) =>
        "stream-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonicalize(types, filters, groupBy, distinct))))[..16];

    private static string Canonicalize(IReadOnlyList<string> types, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> filters, IReadOnlyList<string> groupBy, string? distinct) =>
        new StringBuilder()
            .Append("types=").AppendJoin('\u001f', types)
            .Append("|filters=").AppendJoin('\u001e', filters.Select(f => f.Key + "=" + string.Join('\u001f', f.Value)))
            .Append("|by=").AppendJoin('\u001f', groupBy)
            .Append("|distinct=").Append(distinct)
            .ToString();
}
