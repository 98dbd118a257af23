namespace SalesOps.Samples.CustomCrmSource;

/// <summary>Where a CRM export is and how its fields map to activity events; validated when a <see cref="CrmExportSource"/> is created.</summary>
public sealed class CrmExportOptions
{
    /// <summary>The source name, unique among the application's sources: it scopes event ids and checkpoints. Default <c>crm</c>.</summary>
    public string Name { get; set; } = "crm";

    /// <summary>The export: one JSON Lines file, or the folder that holds the export files when <see cref="FilePattern"/> is set.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// When set, <see cref="Path"/> is a folder and the export is every file in it matching this pattern (such as
    /// <c>crm-export-*.jsonl</c>), read in ordinal order of file name; the exporter must name files so that they sort in
    /// the order it writes them. <see langword="null"/> (the default) reads the single file at <see cref="Path"/>.
    /// </summary>
    public string? FilePattern { get; set; }

    /// <summary>
    /// CRM activity kinds (the <c>kind</c> field, compared ignoring case) and the event type each becomes. Lines of
    /// any other kind are skipped and reported. By default <c>Call</c>, <c>Appointment</c>, <c>QualifiedOpportunity</c>
    /// and <c>ClosedWon</c> become <c>call.made</c>, <c>appointment.set</c>, <c>opportunity.qualified</c> and
    /// <c>deal.won</c>.
    /// </summary>
    public IDictionary<string, string> Kinds { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Call"] = "call.made",
        ["Appointment"] = "appointment.set",
        ["QualifiedOpportunity"] = "opportunity.qualified",
        ["ClosedWon"] = "deal.won",
    };

    /// <summary>
    /// CRM fields (top-level string fields of each line, compared ordinally) and the dimension each becomes. A field
    /// that is absent, null or empty adds no dimension. By default <c>owner</c> becomes <c>rep</c>, and <c>team</c> and
    /// <c>account</c> keep their names.
    /// </summary>
    public IDictionary<string, string> Dimensions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["owner"] = "rep",
        ["team"] = "team",
        ["account"] = "account",
    };

    /// <summary>The longest line read, in bytes; a longer line is skipped without being held in memory. Default 64 KiB.</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Called for each line that yields no event, the first time a read passes it; use it to log. It runs on the
    /// reading thread and must not throw.
    /// </summary>
    public Action<CrmSkippedLine>? LineSkipped { get; set; }
}
