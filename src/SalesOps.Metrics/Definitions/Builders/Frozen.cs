using System.Collections.ObjectModel;

namespace SalesOps.Metrics.Definitions;

/// <summary>Read-only copies, so a built definition cannot change when its builder (or a caller's list) does.</summary>
internal static class Frozen
{
    public static IReadOnlyList<T> List<T>(IEnumerable<T> items) => Array.AsReadOnly(items.ToArray());

    public static IReadOnlyDictionary<string, TValue> Dictionary<TValue>(IEnumerable<KeyValuePair<string, TValue>> entries)
        => new ReadOnlyDictionary<string, TValue>(new Dictionary<string, TValue>(entries, StringComparer.Ordinal));
}
