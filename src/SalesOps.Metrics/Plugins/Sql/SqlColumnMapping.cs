namespace SalesOps.Metrics.Plugins;

/// <summary>Which columns of a table make an activity event.</summary>
public sealed class SqlColumnMapping
{
    /// <summary>The column of the event id; with the watermark it orders the rows, so it must be unique. Default <c>id</c>.</summary>
    public string Id { get; set; } = "id";

    /// <summary>The column of the event type. Default <c>type</c>.</summary>
    public string Type { get; set; } = "type";

    /// <summary>
    /// The column of the time the event happened: a date-time type, or text in ISO 8601 (with an offset or <c>Z</c>, or
    /// local to <see cref="SqlActivitySourceOptions.TimeZone"/>; <c>yyyy-MM-dd HH:mm:ss</c> is read too). Default <c>time</c>.
    /// </summary>
    public string Time { get; set; } = "time";

    /// <summary>The column of the optional numeric value; <see langword="null"/> when events carry none.</summary>
    public string? Value { get; set; }

    /// <summary>
    /// The column that grows as rows are added or changed, such as an insert time, an update time or an increasing
    /// sequence; <see langword="null"/> for <see cref="Time"/>. Rows are read in (watermark, id) order, and a row is
    /// read again only if its watermark grows. Rows whose watermark or id is null are not read.
    /// </summary>
    public string? Watermark { get; set; }

    /// <summary>Dimension columns: column → dimension name, such as <c>rep_name → rep</c>. A null cell leaves the dimension out.</summary>
    public IDictionary<string, string> Dimensions { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
