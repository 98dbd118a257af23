namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>Database files in the temporary folder, deleted with their SQLite side files.</summary>
internal static class TempDatabases
{
    public static string NewPath() =>
        Path.Combine(Path.GetTempPath(), "salesops-sqlite-tests", Guid.NewGuid().ToString("N") + ".db");

    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
