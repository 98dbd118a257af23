using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SalesOps.Metrics.Definitions;

/// <summary>
/// Collects the problems found while reading a configuration section, and remembers how list positions in the
/// built definition map back to the indexes written in configuration (they differ when an unreadable item was
/// left out), so validation errors can point at what the analyst wrote.
/// </summary>
internal sealed partial class ParseContext
{
    private readonly Dictionary<string, int[]> _indexMaps = new(StringComparer.Ordinal);
    private readonly List<DefinitionError> _errors = [];

    public IReadOnlyList<DefinitionError> Errors => _errors;

    public void Error(string path, string message) => _errors.Add(new DefinitionError(path, message));

    /// <summary>Records that item <c>i</c> of the built list at <paramref name="listPath"/> came from configuration index <c>configIndexes[i]</c>.</summary>
    public void MapIndexes(string listPath, int[] configIndexes) => _indexMaps[listPath] = configIndexes;

    /// <summary>Rewrites a path into the built definition (<c>calendar.holidays[1]</c>) into the configuration's indexes (<c>calendar.holidays[2]</c>).</summary>
    public string ToConfigurationPath(string path)
    {
        if (_indexMaps.Count == 0)
        {
            return path;
        }

        var result = new StringBuilder(path.Length);
        var last = 0;
        foreach (Match match in Indexer().Matches(path))
        {
            result.Append(path, last, match.Index - last);
            var index = int.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            if (_indexMaps.TryGetValue(result.ToString(), out var map) && index < map.Length)
            {
                index = map[index];
            }

            result.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            last = match.Index + match.Length;
        }

        return result.Append(path, last, path.Length - last).ToString();
    }

    /// <summary>
    /// Whether a validation error at <paramref name="path"/> may be a consequence of a value that could not be read
    /// at, under or above it (the default that replaced it, or the list that lost an item, is not what the analyst
    /// wrote), and so should not be reported beside the read error.
    /// </summary>
    public bool FollowsFromReadError(string path)
        => _errors.Any(e => IsSameOrUnder(path, e.Path) || IsSameOrUnder(e.Path, path));

    private static bool IsSameOrUnder(string path, string ancestor)
        => path.StartsWith(ancestor, StringComparison.Ordinal)
            && (path.Length == ancestor.Length || path[ancestor.Length] is '.' or '[');

    [GeneratedRegex(@"\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Indexer();
}
