using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SalesOps.Metrics.Sqlite;

/// <summary>Opens a store file: takes the exclusive lock, applies the settings, and creates or checks the schema.</summary>
internal static class StoreFile
{
    /// <summary>Opens a connection that owns the file until it is closed.</summary>
    /// <param name="path">The full path of the file, created with its folder when absent.</param>
    /// <param name="synchronous">How hard commits are pushed to disk.</param>
    /// <param name="busyTimeout">How long to wait for another connection to let go of the file.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="StoreException">The file is in use, unreadable, not a store, or from a newer version.</exception>
    public static SqliteConnection Open(string path, SqliteSynchronous synchronous, TimeSpan busyTimeout)
    {
        SqliteConnection? connection = null;
        try
        {
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,

                // A pooled connection would stay open after Dispose and keep the lock.
                Pooling = false,
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
            }.ToString());
            connection.Open();

            // The locking mode must be exclusive before WAL is first used: SQLite then keeps the WAL index in process
            // memory instead of a shared -shm file, and holds the file lock from the first transaction until the
            // connection closes. BEGIN IMMEDIATE takes that lock now rather than at the first commit.
            var busy = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            var mode = synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
            ExecuteRaw(connection, $"PRAGMA busy_timeout = {busy}; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL;");
            ExecuteRaw(connection, $"PRAGMA synchronous = {mode}; PRAGMA foreign_keys = ON; BEGIN IMMEDIATE;");
            SqliteSchema.Ensure(connection, path);
            ExecuteRaw(connection, "COMMIT;");
            if (!string.Equals(JournalMode(connection), "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreException($"The store '{path}' cannot use a write-ahead log on this file system; put it on a local disk.");
            }

            var opened = connection;
            connection = null;
            return opened;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
        {
            throw new StoreException(
                $"The store '{path}' is in use by another process, or by another store in this one; only one store may have a file open at a time. Stop the other one or use another path.",
                e);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"The store '{path}' cannot be opened: {e.Message}", e);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    // Runs SQL straight through SQLite, so that SQLite's busy handler waits exactly the busy timeout; the ADO.NET
    // command path would add its own retry loop counted in whole seconds.
    private static void ExecuteRaw(SqliteConnection connection, string sql)
    {
        var result = raw.sqlite3_exec(connection.Handle, sql, out var message);
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{message}'.", result, raw.sqlite3_extended_errcode(connection.Handle));
        }
    }

    private static string JournalMode(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
