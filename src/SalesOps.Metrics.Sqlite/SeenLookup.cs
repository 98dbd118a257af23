using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SalesOps.Metrics.Sqlite;

/// <summary>Finds recorded event ids through the primary key of <c>seen</c>, 500 bound ids per query.</summary>
internal sealed class SeenLookup : IDisposable
{
    private const int Chunk = 500;
    private readonly SqliteCommand _command;

    /// <summary>Prepares the query on a connection.</summary>
    /// <param name="connection">The store's open connection.</param>
    public SeenLookup(SqliteConnection connection)
    {
        _command = connection.CreateCommand();
        var names = Enumerable.Range(0, Chunk).Select(i => "$id" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        _command.CommandText = $"SELECT id FROM seen WHERE source = $source AND id IN ({string.Join(", ", names)})";
        _command.Parameters.Add("$source", SqliteType.Text);
        foreach (var name in names)
        {
            _command.Parameters.Add(name, SqliteType.Text);
        }
    }

    /// <summary>The ids among <paramref name="ids"/> recorded for <paramref name="source"/>.</summary>
    /// <param name="source">The source.</param>
    /// <param name="ids">The candidates.</param>
    /// <returns>The recorded ones, as the caller spelled them.</returns>
    public HashSet<string> Find(string source, IReadOnlyCollection<string> ids)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        Query(source, ids, stored);
        if (stored.Count == 0)
        {
            return stored;
        }

        // SQLite holds text as UTF-8, where a lone surrogate becomes U+FFFD, so the stored spelling of such an id
        // differs from the candidate's: answer with the candidates, compared as they were stored.
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (id is not null && stored.Contains(AsStored(id)))
            {
                found.Add(id);
            }
        }

        return found;
    }

    /// <inheritdoc />
    public void Dispose() => _command.Dispose();

    private static string AsStored(string id) =>
        id.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? id : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(id));

    private void Query(string source, IReadOnlyCollection<string> ids, HashSet<string> found)
    {
        var parameters = _command.Parameters;
        parameters[0].Value = source;
        var filled = 0;
        foreach (var id in ids)
        {
            parameters[++filled].Value = id ?? (object)DBNull.Value;
            if (filled == Chunk)
            {
                Collect(found);
                filled = 0;
            }
        }

        if (filled > 0)
        {
            // The last chunk repeats its first id in the unused slots, so one prepared statement serves every size.
            for (var i = filled + 1; i <= Chunk; i++)
            {
                parameters[i].Value = parameters[1].Value;
            }

            Collect(found);
        }
    }

    private void Collect(HashSet<string> found)
    {
        using var reader = _command.ExecuteReader();
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }
    }
}
