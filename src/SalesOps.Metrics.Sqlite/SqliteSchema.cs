using Microsoft.Data.Sqlite;

namespace SalesOps.Metrics.Sqlite;

/// <summary>The tables of a store file, and the check that a file holds a schema this version can read.</summary>
/// <remarks>
/// Columns holding doubles (<c>sum</c>, <c>min</c>, <c>max</c>, <c>value</c>, <c>goal</c>) have no declared type on
/// purpose: REAL affinity folds <c>-0.0</c> into <c>0</c>, while no affinity keeps the exact bits. Infinities are
/// kept either way. Instants are whole Unix ticks, which order and index them, plus the nanoseconds left over,
/// which keep them exact.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    private const string CreateTables = """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version (version) VALUES (1);

        CREATE TABLE seen (
            source TEXT NOT NULL,
            id TEXT NOT NULL,
            PRIMARY KEY (source, id)) WITHOUT ROWID;

        CREATE TABLE checkpoints (
            source TEXT NOT NULL PRIMARY KEY,
            value TEXT) WITHOUT ROWID;

        CREATE TABLE series (
            metric TEXT NOT NULL,
            level INTEGER NOT NULL,
            series_id INTEGER NOT NULL,
            values_json TEXT NOT NULL,
            PRIMARY KEY (metric, level, series_id)) WITHOUT ROWID;

        CREATE TABLE cells (
            metric TEXT NOT NULL,
            level INTEGER NOT NULL,
            series_id INTEGER NOT NULL,
            grain INTEGER NOT NULL,
            period_key INTEGER NOT NULL,
            count INTEGER NOT NULL,
            value_count INTEGER NOT NULL,
            sum NOT NULL,
            min NOT NULL,
            max NOT NULL,
            PRIMARY KEY (metric, level, series_id, grain, period_key)) WITHOUT ROWID;

        CREATE TABLE distinct_values (
            metric TEXT NOT NULL,
            level INTEGER NOT NULL,
            series_id INTEGER NOT NULL,
            grain INTEGER NOT NULL,
            period_key INTEGER NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (metric, level, series_id, grain, period_key, value),
            FOREIGN KEY (metric, level, series_id, grain, period_key)
                REFERENCES cells (metric, level, series_id, grain, period_key) ON DELETE CASCADE) WITHOUT ROWID;

        CREATE TABLE events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            occurred_nanos INTEGER NOT NULL,
            value,
            dimensions_json TEXT NOT NULL);
        CREATE INDEX events_by_occurred_at ON events (occurred_at);

        CREATE TABLE held (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            occurred_nanos INTEGER NOT NULL,
            value,
            dimensions_json TEXT NOT NULL);

        CREATE TABLE goals (
            seq INTEGER PRIMARY KEY,
            target TEXT NOT NULL,
            effective_from TEXT NOT NULL,
            goal NOT NULL);

        CREATE TABLE scoreboards (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            at_nanos INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            json TEXT NOT NULL);
        CREATE INDEX scoreboards_by_at ON scoreboards (at, at_nanos);

        CREATE TABLE fingerprints (
            metric TEXT NOT NULL PRIMARY KEY,
            fingerprint TEXT NOT NULL) WITHOUT ROWID;
        """;

    /// <summary>Creates the tables in an empty file, or checks that the file holds a schema this version reads.</summary>
    /// <param name="connection">An open connection inside a write transaction.</param>
    /// <param name="path">The file's path, for messages.</param>
    /// <exception cref="StoreException">The file is not a store, or was written by a newer version.</exception>
    public static void Ensure(SqliteConnection connection, string path)
    {
        if (Scalar(connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'") == 0)
        {
            if (Scalar(connection, "SELECT count(*) FROM sqlite_schema") != 0)
            {
                throw new StoreException(
                    $"The file '{path}' is a SQLite database but not a SalesOps.Metrics store (it has no schema_version table); use another path.");
            }

            using var create = connection.CreateCommand();
            create.CommandText = CreateTables;
            create.ExecuteNonQuery();
            return;
        }

        if (Scalar(connection, "SELECT count(*) FROM schema_version") != 1)
        {
            throw new StoreException($"The store '{path}' is damaged: its schema_version table must hold exactly one row.");
        }

        var version = Scalar(connection, "SELECT version FROM schema_version");
        if (version > CurrentVersion)
        {
            throw new StoreException(
                $"The store '{path}' has schema version {version}, written by a newer SalesOps.Metrics.Sqlite; this version reads schema version {CurrentVersion} and older. Upgrade the package or use another file.");
        }

        if (version < 1)
        {
            throw new StoreException($"The store '{path}' is damaged: schema version {version} is not a version ever written.");
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
