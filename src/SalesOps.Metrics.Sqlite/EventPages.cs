using Microsoft.Data.Sqlite;

namespace SalesOps.Metrics.Sqlite;

/// <summary>
/// Reads retained events a page at a time in sequence order, so no reader stays open between pages and the caller
/// may commit while it enumerates.
/// </summary>
internal static class EventPages
{
    /// <summary>The most events one page holds.</summary>
    public const int Size = 1024;

    /// <summary>The first and last sequence numbers of the events whose tick lies in <c>[fromTicks, toTicks]</c>, through the occurred_at index.</summary>
    /// <param name="connection">The store's open connection.</param>
    /// <param name="fromTicks">The first tick.</param>
    /// <param name="toTicks">The last tick, inclusive (the caller filters the exact instants).</param>
    /// <returns>The bounds, or <see langword="null"/> when no event lies in the range.</returns>
    public static (long First, long Last)? Bounds(SqliteConnection connection, long fromTicks, long toTicks)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(seq), max(seq) FROM events WHERE occurred_at >= $from AND occurred_at <= $to";
        command.Parameters.AddWithValue("$from", fromTicks);
        command.Parameters.AddWithValue("$to", toTicks);
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.IsDBNull(0) ? null : (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Reads the next page of events after sequence <paramref name="after"/>, up to <paramref name="last"/>.</summary>
    /// <param name="connection">The store's open connection.</param>
    /// <param name="after">The last sequence already read.</param>
    /// <param name="last">The last sequence to read.</param>
    /// <param name="fromTicks">The first tick.</param>
    /// <param name="toTicks">The last tick, inclusive.</param>
    /// <param name="page">Receives the events.</param>
    /// <returns>The sequence to continue after, or <paramref name="last"/> when the range is done.</returns>
    /// <remarks>
    /// The query walks the sequence range by rowid (the unary <c>+</c> keeps SQLite off the occurred_at index), so a
    /// page costs the rows it covers and reading the range costs one pass over it, never a re-scan per page.
    /// </remarks>
    public static long Read(SqliteConnection connection, long after, long last, long fromTicks, long toTicks, List<StoredEvent> page)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {EventRows.Columns} FROM events
            WHERE seq > $after AND seq <= $last AND +occurred_at >= $from AND +occurred_at <= $to
            ORDER BY seq LIMIT {Size}
            """;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$last", last);
        command.Parameters.AddWithValue("$from", fromTicks);
        command.Parameters.AddWithValue("$to", toTicks);
        using var reader = command.ExecuteReader();
        var read = 0;
        while (reader.Read())
        {
            var stored = EventRows.Read(reader);
            page.Add(stored);
            after = stored.Sequence;
            read++;
        }

        return read == Size ? after : last;
    }
}
