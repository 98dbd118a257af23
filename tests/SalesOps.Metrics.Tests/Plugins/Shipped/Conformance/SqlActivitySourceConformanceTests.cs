using Microsoft.Data.Sqlite;
using NodaTime.Text;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Testing;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Conformance;

/// <summary>
/// The source conformance kit over the SQL source on SQLite: each source the kit asks for reads a fresh database whose
/// table the factory first fills with the kit's events, in order, with an increasing sequence as the watermark.
/// </summary>
[TestFixture]
public sealed class SqlActivitySourceConformanceTests : SourceConformanceTests
{
    // Disposed in CleanUp, which the kit runs after each test once its sources are disposed.
    private readonly List<TempDirectory> _files = [];

    protected override IActivitySource CreateSource(IReadOnlyList<ActivityEvent> events)
    {
        var files = new TempDirectory();
        _files.Add(files);
        var connectionString = $"Data Source={files.File("crm.db")}";
        Fill(connectionString, events);
        return new SqlActivitySource(SqliteFactory.Instance, new SqlActivitySourceOptions
        {
            Name = "crm-db",
            ConnectionString = connectionString,
            Table = "activity",
            Columns = new SqlColumnMapping
            {
                Id = "id",
                Type = "type",
                Time = "occurred_at",
                Value = "amount",
                Watermark = "seq",
                Dimensions = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["team"] = "team",
                    ["rep_name"] = "rep",
                    ["account"] = "account",
                },
            },
            AllowedTables = ["activity"],
            AllowedColumns = ["seq", "id", "type", "occurred_at", "amount", "team", "rep_name", "account"],
        });
    }

    protected override void CleanUp()
    {
        _files.ForEach(f => f.Dispose());
        _files.Clear();
    }

    private static void Fill(string connectionString, IReadOnlyList<ActivityEvent> events)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE activity (
                    seq INTEGER NOT NULL,
                    id TEXT NOT NULL,
                    type TEXT NOT NULL,
                    occurred_at TEXT NOT NULL,
                    amount REAL,
                    team TEXT,
                    rep_name TEXT,
                    account TEXT)
                """;
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO activity VALUES ($seq, $id, $type, $time, $amount, $team, $rep, $account)";
        var parameters = new[] { "$seq", "$id", "$type", "$time", "$amount", "$team", "$rep", "$account" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        for (var i = 0; i < events.Count; i++)
        {
            var activity = events[i];
            object?[] values =
            [
                i + 1L,
                activity.Id,
                activity.Type,
                InstantPattern.ExtendedIso.Format(activity.OccurredAt),
                activity.Value,
                activity.Dimensions.GetValueOrDefault("team"),
                activity.Dimensions.GetValueOrDefault("rep"),
                activity.Dimensions.GetValueOrDefault("account"),
            ];
            for (var p = 0; p < parameters.Length; p++)
            {
                parameters[p].Value = values[p] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
