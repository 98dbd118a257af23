namespace SalesOps.Metrics.Csv;

/// <summary>Where a <see cref="CsvActivitySource"/> reads, how its rows map to events, and the limits that keep hostile files harmless.</summary>
/// <remarks>
/// The file is UTF-8 (a byte order mark is allowed; UTF-16 and UTF-32 files are refused). Each line is one record: a
/// quoted field may not span lines, so one unbalanced quote costs one row instead of the rest of the file. Rows that
/// break a limit or cannot be mapped are rejected one by one with their line number; reading goes on after them.
/// </remarks>
public sealed class CsvActivitySourceOptions
{
    /// <summary>The source name, unique among sources: it scopes event ids and checkpoints. Default <c>csv</c>.</summary>
    public string Name { get; set; } = "csv";

    /// <summary>The path of the CSV file. Required.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The field separator: one ASCII character other than a quote, CR or LF. Default <c>,</c>.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>
    /// Whether the first line names the columns. Default <see langword="true"/>: the <see cref="Columns"/> are header
    /// names (matched ignoring case). Without a header they are zero-based column numbers such as <c>0</c>.
    /// </summary>
    public bool HasHeader { get; set; } = true;

    /// <summary>Which columns hold the event's id, type, time, value and dimensions.</summary>
    public CsvColumnMapping Columns { get; set; } = new();

    /// <summary>The longest field, in bytes of UTF-8; a row with a longer field is rejected. Default 64 KiB.</summary>
    public int MaxFieldBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The longest row, in bytes of UTF-8; a longer row is rejected and skipped without being held in memory.
    /// Default 1 MiB. Reading holds at most about twice this much of a row, plus the reader's index of its fields (a
    /// row of a million one-byte fields, refused at the default limit, costs about 8 MB while it is passed over).
    /// </summary>
    public int MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>The most fields in a row; a row with more is rejected. Default 1000.</summary>
    public int MaxColumns { get; set; } = 1000;

    /// <summary>How many of the most recent rejected rows <see cref="CsvActivitySource.Rejected"/> keeps. Default 1000.</summary>
    public int MaxRejectionsKept { get; set; } = 1000;
}
