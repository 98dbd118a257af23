using Microsoft.Data.Sqlite;
using NodaTime;

namespace SalesOps.Metrics.Sqlite;

/// <summary>
/// Reads the state to resume from. Every query walks a table of state (checkpoints, series, cells, goals, held
/// events, fingerprints) or takes one row through an index; none reads the seen ids or the retained events, so
/// opening costs the same after ten thousand events as after ten million.
/// </summary>
internal static class ContentsReader
{
    private const string CellsWithDistinctValues = """
        SELECT c.metric, c.level, c.series_id, c.grain, c.period_key, c.count, c.value_count, c.sum, c.min, c.max, d.value
        FROM cells AS c
        LEFT JOIN distinct_values AS d
            ON d.metric = c.metric AND d.level = c.level AND d.series_id = c.series_id
            AND d.grain = c.grain AND d.period_key = c.period_key
        ORDER BY c.metric, c.level, c.series_id, c.grain, c.period_key
        """;

    /// <summary>Reads everything <see cref="StoreContents"/> holds.</summary>
    /// <param name="connection">The store's open connection.</param>
    /// <returns>The contents.</returns>
    public static StoreContents Read(SqliteConnection connection) => new()
    {
        Checkpoints = ReadCheckpoints(connection),
        Series = ReadSeries(connection),
        Cells = ReadCells(connection),
        Goals = ReadGoals(connection),
        HeldEvents = ReadHeld(connection),
        MetricFingerprints = ReadFingerprints(connection),
        PublishedThrough = ReadPublishedThrough(connection),
    };

    private static Dictionary<string, Checkpoint> ReadCheckpoints(SqliteConnection connection)
    {
        var checkpoints = new Dictionary<string, Checkpoint>(StringComparer.Ordinal);
        using var command = Query(connection, "SELECT source, value FROM checkpoints");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            checkpoints[reader.GetString(0)] = new Checkpoint(reader.IsDBNull(1) ? null! : reader.GetString(1));
        }

        return checkpoints;
    }

    private static List<StoredSeries> ReadSeries(SqliteConnection connection)
    {
        var series = new List<StoredSeries>();
        using (var command = Query(connection, "SELECT metric, level, series_id, values_json FROM series ORDER BY metric, level, series_id"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                series.Add(new StoredSeries(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), StoredText.ReadArray(reader.GetString(3))));
            }
        }

        // SQLite orders text by its UTF-8 bytes, which differs from ordinal UTF-16 order only when a character
        // beyond U+FFFF meets one in U+E000–U+FFFF; check in one pass and sort only then.
        for (var i = 1; i < series.Count; i++)
        {
            if (CompareSeries(series[i - 1], series[i]) > 0)
            {
                series.Sort(CompareSeries);
                break;
            }
        }

        return series;
    }

    private static List<StoredCell> ReadCells(SqliteConnection connection)
    {
        var cells = new List<StoredCell>();
        using var command = Query(connection, CellsWithDistinctValues);
        using var reader = command.ExecuteReader();
        StoredCell? current = null;
        List<string>? distinct = null;
        while (reader.Read())
        {
            var metric = reader.GetString(0);
            var level = reader.GetInt32(1);
            var seriesId = reader.GetInt32(2);
            var grain = (Grain)reader.GetInt32(3);
            var periodKey = reader.GetInt64(4);
            if (current is null || !IsSameCell(current, metric, level, seriesId, grain, periodKey))
            {
                Flush(cells, current, distinct);
                current = new StoredCell(metric, level, seriesId, grain, periodKey, reader.GetInt64(5), reader.GetInt64(6), reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), []);
                distinct = null;
            }

            if (!reader.IsDBNull(10))
            {
                (distinct ??= []).Add(reader.GetString(10));
            }
        }

        Flush(cells, current, distinct);
        return cells;
    }

    private static List<StoredGoal> ReadGoals(SqliteConnection connection)
    {
        var goals = new List<StoredGoal>();
        using var command = Query(connection, "SELECT target, effective_from, goal FROM goals ORDER BY seq");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            goals.Add(new StoredGoal(reader.GetString(0), StoredText.ParseLocalDateTime(reader.GetString(1)), reader.GetDouble(2)));
        }

        return goals;
    }

    private static List<StoredEvent> ReadHeld(SqliteConnection connection)
    {
        var held = new List<StoredEvent>();
        using var command = Query(connection, "SELECT " + EventRows.Columns + " FROM held ORDER BY seq");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            held.Add(EventRows.Read(reader));
        }

        return held;
    }

    private static Dictionary<string, string> ReadFingerprints(SqliteConnection connection)
    {
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = Query(connection, "SELECT metric, fingerprint FROM fingerprints");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            fingerprints[reader.GetString(0)] = reader.GetString(1);
        }

        return fingerprints;
    }

    private static Instant? ReadPublishedThrough(SqliteConnection connection)
    {
        using var command = Query(connection, "SELECT at, at_nanos FROM scoreboards ORDER BY at DESC, at_nanos DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        return reader.Read() ? StoredText.Join(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private static void Flush(List<StoredCell> cells, StoredCell? cell, List<string>? distinct)
    {
        if (cell is not null)
        {
            cells.Add(distinct is null ? cell : cell with { DistinctValues = [.. distinct] });
        }
    }

    private static bool IsSameCell(StoredCell cell, string metric, int level, int seriesId, Grain grain, long periodKey) =>
        cell.PeriodKey == periodKey && cell.Grain == grain && cell.SeriesId == seriesId && cell.Level == level
        && string.Equals(cell.Metric, metric, StringComparison.Ordinal);

    private static int CompareSeries(StoredSeries x, StoredSeries y)
    {
        var byMetric = string.CompareOrdinal(x.Metric, y.Metric);
        if (byMetric != 0)
        {
            return byMetric;
        }

        return x.Level != y.Level ? x.Level.CompareTo(y.Level) : x.SeriesId.CompareTo(y.SeriesId);
    }

    private static SqliteCommand Query(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
