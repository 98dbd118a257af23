using System.Globalization;
using NodaTime;

namespace SalesOps.Metrics.Testing;

/// <summary>Throwaway data for the store conformance tests, and value views that compare stored records field by field.</summary>
internal static class StoreSamples
{
    /// <summary>A Monday morning, the origin of every instant in the kit.</summary>
    public static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    /// <summary>Strings that break naive escaping, encoding or comparison.</summary>
    public static readonly string[] AwkwardStrings =
    [
        "",
        " ",
        "it's \"quoted\"",
        "back\\slash",
        "naïve café",
        "日本語のチーム",
        "emoji 😀 and 🇫🇷",
        "line\nbreak\ttab\r",
        "'; DROP TABLE seen; --",
        "{\"json\": [1, \"two\"]}",
        "$id0 @p ? :name",
        "null",
    ];

    public static Instant At(double hours) => T0 + Duration.FromMinutes(hours * 60);

    public static StoredCell Cell(string metric, int level, int series, Grain grain, long key, long count, double sum, double min, double max, params string[] distinct) =>
        new(metric, level, series, grain, key, count, count - 1, sum, min, max, distinct);

    public static StoredCell Cell(string metric, Grain grain, long key, long count, double sum) =>
        new(metric, 0, 0, grain, key, count, count, sum, sum, sum, []);

    public static ActivityEvent Event(string id, string type, Instant at, double? value = null, params (string Name, string Value)[] dimensions) =>
        new(id, type, at, value, dimensions.ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal));

    public static string[] Ids(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => prefix + i.ToString("D5", CultureInfo.InvariantCulture))];

    public static SeriesView View(StoredSeries series) => new(series.Metric, series.Level, series.SeriesId, Join(series.Values));

    public static CellView View(StoredCell cell) =>
        new(cell.Metric, cell.Level, cell.SeriesId, cell.Grain, cell.PeriodKey, cell.Count, cell.Sum, cell.Min, cell.Max, Join(cell.DistinctValues.Order(StringComparer.Ordinal)));

    public static EventView View(ActivityEvent activity, string source) =>
        new(source, activity.Id, activity.Type, activity.OccurredAt, activity.Value, Join(activity.Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).SelectMany(d => new[] { d.Key, d.Value })));

    public static EventView View(StoredEvent stored) => View(stored.Event, stored.Source);

    public static EventView[] Views(string source, params ActivityEvent[] events) => [.. events.Select(e => View(e, source))];

    // Sorted by key: the contract does not order cells, and comparing sorted lists stays linear for large batches.
    public static CellView[] Views(IEnumerable<StoredCell> cells) =>
    [
        .. cells.Select(View)
            .OrderBy(c => c.Metric, StringComparer.Ordinal)
            .ThenBy(c => c.Level)
            .ThenBy(c => c.SeriesId)
            .ThenBy(c => c.Grain)
            .ThenBy(c => c.PeriodKey),
    ];

    public static EventView[] Views(IEnumerable<StoredEvent> events) => [.. events.Select(View)];

    public static SeriesView[] Views(IEnumerable<StoredSeries> series) => [.. series.Select(View)];

    // Length-prefixed, so no two different lists give the same text whatever characters they hold.
    private static string Join(IEnumerable<string> values) =>
        string.Join(",", values.Select(v => v.Length.ToString(CultureInfo.InvariantCulture) + ":" + v));
}

/// <summary>A series as plain fields, so two series compare by value.</summary>
internal readonly record struct SeriesView(string Metric, int Level, int SeriesId, string Values);

/// <summary>A cell as plain fields with its distinct values as a sorted set, so two cells compare by value.</summary>
internal readonly record struct CellView(string Metric, int Level, int SeriesId, Grain Grain, long PeriodKey, long Count, double Sum, double Min, double Max, string DistinctValues);

/// <summary>An event and its source as plain fields, so two events compare by value.</summary>
internal readonly record struct EventView(string Source, string Id, string Type, Instant OccurredAt, double? Value, string Dimensions);
