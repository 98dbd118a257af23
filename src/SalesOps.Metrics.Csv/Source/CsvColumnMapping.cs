namespace SalesOps.Metrics.Csv;

/// <summary>
/// Which columns of a CSV file make an activity event: header names when the file has a header, zero-based column
/// numbers (<c>"0"</c>, <c>"1"</c>, …) when it has none.
/// </summary>
public sealed class CsvColumnMapping
{
    /// <summary>The column of the event id, unique within the source. Default <c>id</c>.</summary>
    public string Id { get; set; } = "id";

    /// <summary>The column of the event type, such as <c>appointment.set</c>. Default <c>type</c>.</summary>
    public string Type { get; set; } = "type";

    /// <summary>The column of the time the event happened. Default <c>time</c>.</summary>
    public string Time { get; set; } = "time";

    /// <summary>
    /// The NodaTime pattern of the time column, in the invariant culture. Without a <see cref="TimeZone"/> it is an
    /// offset date-time pattern whose offset field gives the offset (a pattern without one reads UTC); the default is
    /// extended ISO with an offset or <c>Z</c>, such as <c>2026-03-10T15:00:00Z</c>. With a <see cref="TimeZone"/> it is
    /// a local date-time pattern; the default is extended ISO without an offset, such as <c>2026-03-10T09:00:00</c>.
    /// </summary>
    public string? TimeFormat { get; set; }

    /// <summary>
    /// The IANA zone of local times, such as <c>America/Denver</c>; <see langword="null"/> when times carry their
    /// offset. A local time that a clock change skips is moved forward by the gap; one that it repeats is the earlier.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>The column of the optional numeric value (invariant culture, such as <c>1250.5</c>); <see langword="null"/> when events carry none.</summary>
    public string? Value { get; set; }

    /// <summary>Dimension columns: column → dimension name, such as <c>rep_name → rep</c>. An empty cell leaves the dimension out.</summary>
    public IDictionary<string, string> Dimensions { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
