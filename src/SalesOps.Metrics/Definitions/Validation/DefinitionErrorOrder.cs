namespace SalesOps.Metrics.Definitions;

/// <summary>
/// Puts errors in the order a reader meets them in a definition: calendar, metrics, targets, ingestion, scoreboard,
/// and by list index within each. The sort is stable, so errors of one element keep the order the rules found them.
/// </summary>
internal static class DefinitionErrorOrder
{
    private static readonly string[] Sections = ["calendar", "metrics", "targets", "ingestion", "scoreboard"];

    public static IReadOnlyList<DefinitionError> Sort(IEnumerable<DefinitionError> errors)
        => errors.OrderBy(e => SectionRank(e.Path)).ThenBy(e => TopIndex(e.Path)).ToArray();

    private static int SectionRank(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        var section = end < 0 ? path : path[..end];
        var rank = Array.IndexOf(Sections, section);
        return rank < 0 ? Sections.Length : rank;
    }

    private static int TopIndex(string path)
    {
        var open = path.IndexOf('[', StringComparison.Ordinal);
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (open < 0 || (dot >= 0 && dot < open))
        {
            return -1;
        }

        var close = path.IndexOf(']', open);
        return close > open
            && int.TryParse(path.AsSpan(open + 1, close - open - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : -1;
    }
}
