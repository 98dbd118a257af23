using Microsoft.Data.Sqlite;

namespace SalesOps.Metrics.Sqlite;

/// <summary>The columns shared by the <c>events</c> and <c>held</c> tables, read the same way from both.</summary>
internal static class EventRows
{
    /// <summary>The columns, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns = "seq, source, id, type, occurred_at, occurred_nanos, value, dimensions_json";

    /// <summary>Reads the current row of a query that selected <see cref="Columns"/>.</summary>
    /// <param name="reader">The reader, on a row.</param>
    /// <returns>The stored event.</returns>
    public static StoredEvent Read(SqliteDataReader reader)
    {
        var activity = new ActivityEvent(
            reader.GetString(2),
            reader.GetString(3),
            StoredText.Join(reader.GetInt64(4), reader.GetInt64(5)),
            reader.IsDBNull(6) ? null : reader.GetDouble(6),
            StoredText.ReadObject(reader.GetString(7)));
        return new StoredEvent(reader.GetInt64(0), reader.GetString(1), activity);
    }
}
