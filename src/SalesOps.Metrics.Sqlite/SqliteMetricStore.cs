using Microsoft.Data.Sqlite;
using NodaTime;

namespace SalesOps.Metrics.Sqlite;

/// <summary>
/// The embedded durable store: one SQLite file holds the checkpoints, the de-duplication record, the aggregates,
/// the retained events, the goal versions and the published scoreboards, and each <see cref="Commit"/> writes its
/// batch in one transaction.
/// </summary>
/// <remarks>
/// <para><b>Durability.</b> The file runs in write-ahead-log mode. With <see cref="SqliteSynchronous.Full"/> (the
/// default) a commit that returned survives a crash of the process or of the machine; see
/// <see cref="SqliteSynchronous"/> for the trade-off of <see cref="SqliteSynchronous.Normal"/>.</para>
/// <para><b>Ownership.</b> <see cref="Open"/> takes an exclusive lock on the file and keeps it until
/// <see cref="Dispose"/>: a second store on the same file, in this process or another, gets a
/// <see cref="StoreException"/> saying the store is in use, and never a corrupt file or a wrong total. Because the
/// lock is exclusive, nothing else (not even the <c>sqlite3</c> shell) can read the file while the store is open.</para>
/// <para><b>Start-up.</b> <see cref="Open"/> reads the state tables only; it never reads the seen ids or the retained
/// events, so its cost does not grow with the number of events ingested.</para>
/// <para><b>Values.</b> Every value is bound as a parameter. Doubles keep their exact bits, infinities and
/// <c>-0.0</c> included; NaN cannot be stored and fails the commit. Instants keep their nanoseconds. Strings are
/// stored as UTF-8, so a lone UTF-16 surrogate comes back as U+FFFD (<see cref="FindSeen"/> still recognises an id
/// holding one).</para>
/// <para><b>Threads.</b> Calls are serialised by a lock, though the engine never makes them concurrently.
/// <see cref="ReadEvents"/> reads a page at a time, so the caller may commit while it enumerates.</para>
/// </remarks>
public sealed class SqliteMetricStore : IMetricStore
{
    private readonly Lock _gate = new();
    private readonly SqliteSynchronous _synchronous;
    private readonly TimeSpan _busyTimeout;
    private SqliteConnection? _connection;
    private CommitWriter? _writer;
    private SeenLookup? _seen;
    private bool _disposed;

    /// <summary>Creates a store over a file; nothing is opened until <see cref="Open"/>.</summary>
    /// <param name="options">The file and its settings; copied, so later changes to it have no effect.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SqliteMetricStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Path = System.IO.Path.GetFullPath(options.Path);
        _synchronous = options.Synchronous;
        _busyTimeout = options.BusyTimeout;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name => "sqlite:" + Path;

    /// <inheritdoc />
    /// <exception cref="StoreException">The file is in use by another store, is not a store, is damaged, or was written by a newer version.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <remarks>
    /// Calling it again while open reads the contents again, which is how the engine discards a failed batch; calling
    /// it again after a <see cref="StoreException"/> tries the file again.
    /// </remarks>
    public StoreContents Open()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is null)
            {
                var connection = StoreFile.Open(Path, _synchronous, _busyTimeout);
                _seen = new SeenLookup(connection);
                _writer = new CommitWriter(connection);
                _connection = connection;
            }

            try
            {
                return ContentsReader.Read(_connection);
            }
            catch (SqliteException e)
            {
                throw new StoreException($"The store '{Path}' cannot be read: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlySet<string> FindSeen(string source, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            RequireOpen();
            return ids.Count == 0 ? new HashSet<string>(StringComparer.Ordinal) : _seen!.Find(source, ids);
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The store is not open.</exception>
    /// <remarks>Any failure rolls the whole transaction back; the exception is the cause, unchanged.</remarks>
    public void Commit(StoreCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        lock (_gate)
        {
            RequireOpen();
            _writer!.Write(commit);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The range of matching sequence numbers is fixed when enumeration starts; pages of at most 1024 events are then
    /// read in sequence order, each under the store's lock, so events retained meanwhile are not returned and events
    /// purged meanwhile may be skipped. The <paramref name="types"/> are copied at the call.
    /// </remarks>
    public IEnumerable<StoredEvent> ReadEvents(Instant from, Instant to, IReadOnlyCollection<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        lock (_gate)
        {
            RequireOpen();
        }

        var keep = types.Count == 0 ? null : new HashSet<string>(types, StringComparer.Ordinal);
        return from < to ? ReadEventPages(from, to, keep) : [];
    }

    /// <inheritdoc />
    public int PurgeEvents(Instant before)
    {
        lock (_gate)
        {
            RequireOpen();
            var (ticks, nanoseconds) = StoredText.Split(before);
            using var command = _connection!.CreateCommand();
            command.CommandText = "DELETE FROM events WHERE occurred_at < $ticks OR (occurred_at = $ticks AND occurred_nanos < $nanos)";
            command.Parameters.AddWithValue("$ticks", ticks);
            command.Parameters.AddWithValue("$nanos", nanoseconds);
            return command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredScoreboard> ReadScoreboards(Instant from, Instant to)
    {
        lock (_gate)
        {
            RequireOpen();
            var scoreboards = new List<StoredScoreboard>();
            if (from >= to)
            {
                return scoreboards;
            }

            using var command = _connection!.CreateCommand();
            command.CommandText = "SELECT at, at_nanos, kind, json FROM scoreboards WHERE at >= $from AND at <= $to ORDER BY at, at_nanos, seq";
            command.Parameters.AddWithValue("$from", StoredText.Split(from).Ticks);
            command.Parameters.AddWithValue("$to", StoredText.Split(to).Ticks);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var at = StoredText.Join(reader.GetInt64(0), reader.GetInt64(1));
                if (at >= from && at < to)
                {
                    scoreboards.Add(new StoredScoreboard(at, (ScoreboardKind)reader.GetInt32(2), reader.GetString(3)));
                }
            }

            return scoreboards;
        }
    }

    /// <summary>Closes the file and lets go of its lock; the data stays for the next store opened on it. Safe to call twice.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer?.Dispose();
            _seen?.Dispose();
            _connection?.Dispose();
            _writer = null;
            _seen = null;
            _connection = null;
        }
    }

    /// <summary>The connection settings in force, read back from SQLite, for tests.</summary>
    /// <returns>The journal mode, the synchronous level (2 full, 1 normal), the locking mode and whether foreign keys are on.</returns>
    internal (string JournalMode, long Synchronous, string LockingMode, long ForeignKeys) ReadSettings()
    {
        lock (_gate)
        {
            RequireOpen();
            using var command = _connection!.CreateCommand();
            command.CommandText = "SELECT journal_mode, synchronous, locking_mode, foreign_keys FROM pragma_journal_mode, pragma_synchronous, pragma_locking_mode, pragma_foreign_keys";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3));
        }
    }

    private IEnumerable<StoredEvent> ReadEventPages(Instant from, Instant to, HashSet<string>? types)
    {
        var fromTicks = StoredText.Split(from).Ticks;
        var toTicks = StoredText.Split(to).Ticks;
        (long First, long Last)? bounds;
        lock (_gate)
        {
            RequireOpen();
            bounds = EventPages.Bounds(_connection!, fromTicks, toTicks);
        }

        if (bounds is not var (first, last))
        {
            yield break;
        }

        var after = first - 1;
        var page = new List<StoredEvent>(EventPages.Size);
        while (after < last)
        {
            page.Clear();
            lock (_gate)
            {
                RequireOpen();
                after = EventPages.Read(_connection!, after, last, fromTicks, toTicks, page);
            }

            foreach (var stored in page)
            {
                var activity = stored.Event;
                if (activity.OccurredAt >= from && activity.OccurredAt < to && (types is null || types.Contains(activity.Type)))
                {
                    yield return stored;
                }
            }
        }
    }

    private void RequireOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is null)
        {
            throw new InvalidOperationException($"The store '{Path}' is not open; call Open first.");
        }
    }
}
