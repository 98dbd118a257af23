using Microsoft.Data.Sqlite;

namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>Stores over files in a folder of their own, all disposed and deleted together.</summary>
internal sealed class TempStores : IDisposable
{
    private readonly List<SqliteMetricStore> _stores = [];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "salesops-sqlite-tests", Guid.NewGuid().ToString("N"));

    public string NewPath() => Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".db");

    public SqliteMetricStore Create(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full, TimeSpan? busyTimeout = null)
    {
        var store = new SqliteMetricStore(new SqliteStoreOptions
        {
            Path = path,
            Synchronous = synchronous,
            BusyTimeout = busyTimeout ?? SqliteStoreOptions.DefaultBusyTimeout,
        });
        _stores.Add(store);
        return store;
    }

    /// <summary>Runs SQL on the file through a connection of its own, as another program would, while no store has it open.</summary>
    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
