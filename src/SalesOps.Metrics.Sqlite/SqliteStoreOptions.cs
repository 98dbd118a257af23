namespace SalesOps.Metrics.Sqlite;

/// <summary>Where and how <see cref="SqliteMetricStore"/> keeps its file.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The default time to wait for another connection to let go of the file at open.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The path of the database file. It and its folder are created when absent. SQLite keeps a write-ahead log
    /// beside it (<c>&lt;path&gt;-wal</c>) while the store is open; copy or delete both together.
    /// </summary>
    public required string Path { get; set; }

    /// <summary>How hard each commit is pushed to disk; <see cref="SqliteSynchronous.Full"/> by default.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// How long <see cref="SqliteMetricStore.Open"/> waits for another connection to let go of the file before it
    /// reports the store as in use; 5 seconds by default, <see cref="TimeSpan.Zero"/> to fail at once.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>Throws when the options cannot work, listing every problem.</summary>
    /// <exception cref="ArgumentException">One or more problems.</exception>
    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add("Path: must name a database file.");
        }
        else if (Path.Contains('\0', StringComparison.Ordinal))
        {
            problems.Add("Path: must not contain a NUL character.");
        }
        else if (Path.Trim() == ":memory:" || Path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Path: '{Path}' is not a file path; the store needs a file to be durable (use the in-memory store to keep nothing).");
        }

        if (!Enum.IsDefined(Synchronous))
        {
            problems.Add($"Synchronous: {Synchronous} is not a value of {nameof(SqliteSynchronous)}.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMilliseconds(int.MaxValue))
        {
            problems.Add($"BusyTimeout: {BusyTimeout} must be between zero and {TimeSpan.FromMilliseconds(int.MaxValue)}.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The SQLite store options are invalid: {string.Join(" ", problems)}", "options");
        }
    }
}
