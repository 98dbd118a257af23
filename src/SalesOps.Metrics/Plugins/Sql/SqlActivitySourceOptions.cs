namespace SalesOps.Metrics.Plugins;

/// <summary>Which table a <see cref="SqlActivitySource"/> reads, how its rows map to events, and the identifiers it may use.</summary>
/// <remarks>
/// Table and column names go into the SQL text, so each must be a plain identifier (letters, digits and <c>_</c>, not
/// starting with a digit; a table may be <c>schema.table</c>) and must appear in <see cref="AllowedTables"/> or
/// <see cref="AllowedColumns"/>. Set the allow-lists in code, or in configuration that only administrators change.
/// Every value (watermarks, ids, filters, the page size) is bound as a parameter.
/// </remarks>
public sealed class SqlActivitySourceOptions
{
    /// <summary>The source name, unique among sources: it scopes event ids and checkpoints. Default <c>sql</c>.</summary>
    public string Name { get; set; } = "sql";

    /// <summary>
    /// The key under which the <c>DbProviderFactory</c> is registered as a keyed service, such as <c>sqlite</c>; used
    /// when the source is created from configuration. A source created in code is given its factory directly.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>The connection string. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The table (or view) to read, such as <c>activity</c> or <c>crm.activity</c>. Required.</summary>
    public string Table { get; set; } = string.Empty;

    /// <summary>Which columns hold the event's id, type, time, value, dimensions and watermark.</summary>
    public SqlColumnMapping Columns { get; set; } = new();

    /// <summary>Equality filters, column → value, such as <c>region → EMEA</c>; the values are bound as parameters.</summary>
    public IDictionary<string, string> Filters { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The tables that may be read. Required: <see cref="Table"/> must be one of them (ignoring case).</summary>
    public IList<string> AllowedTables { get; set; } = [];

    /// <summary>The columns that may be used. Required: every mapped and filtered column must be one of them (ignoring case).</summary>
    public IList<string> AllowedColumns { get; set; } = [];

    /// <summary>The IANA zone of times stored without an offset, such as <c>America/Denver</c>. Default UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The character before parameter names: <c>@</c> (the default: SQLite, SQL Server, PostgreSQL, MySQL), <c>:</c> (Oracle) or <c>$</c>.</summary>
    public char ParameterPrefix { get; set; } = '@';

    /// <summary>How the page size is limited in SQL. Default <see cref="SqlPaging.Limit"/>.</summary>
    public SqlPaging Paging { get; set; } = SqlPaging.Limit;

    /// <summary>The command timeout in seconds. Default 30.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>How many of the most recent rejected rows <see cref="SqlActivitySource.Rejected"/> keeps. Default 1000.</summary>
    public int MaxRejectionsKept { get; set; } = 1000;
}
