using System.Globalization;
using NodaTime;

namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>The entry point of the child processes that the lock and crash tests start from this assembly.</summary>
public static class Program
{
    /// <summary>Exit code when the store was in use.</summary>
    public const int InUse = 3;

    /// <summary>Events per batch in the commit loop.</summary>
    public const int BatchSize = 200;

    /// <summary>The metric whose one cell counts every event committed.</summary>
    public const string Metric = "committed";

    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args switch
        {
            ["open", var path] => Open(path),
            ["commit-loop", var path] => CommitLoop(path),
            _ => 2,
        };
    }

    /// <summary>The id of the n-th event of the stream.</summary>
    public static string EventId(long n) => "evt-" + n.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Tries to open the store once, without waiting.</summary>
    private static int Open(string path)
    {
        try
        {
            using var store = new SqliteMetricStore(new SqliteStoreOptions { Path = path, BusyTimeout = TimeSpan.Zero });
            store.Open();
            Console.WriteLine("opened");
            return 0;
        }
        catch (StoreException e)
        {
            Console.WriteLine(e.Message);
            return InUse;
        }
    }

    /// <summary>
    /// Commits batches of a deterministic stream forever, resuming from the stored checkpoint: batch b holds events
    /// [b·BatchSize, (b+1)·BatchSize), their ids, their retained copies, the absolute running count, and a checkpoint b+1.
    /// </summary>
    private static int CommitLoop(string path)
    {
        using var store = new SqliteMetricStore(new SqliteStoreOptions { Path = path });
        var contents = store.Open();
        var batch = contents.Checkpoints.TryGetValue("stream", out var checkpoint) ? long.Parse(checkpoint.Value, CultureInfo.InvariantCulture) : 0;
        var origin = Instant.FromUtc(2026, 3, 2, 9, 0);
        while (true)
        {
            var first = batch * BatchSize;
            var ids = Enumerable.Range(0, BatchSize).Select(i => EventId(first + i)).ToArray();
            store.Commit(new StoreCommit
            {
                Source = "stream",
                EventIds = ids,
                Checkpoint = new Checkpoint((batch + 1).ToString(CultureInfo.InvariantCulture)),
                NewSeries = batch == 0 ? [new StoredSeries(Metric, 0, 0, [])] : [],
                Cells =
                [
                    new StoredCell(Metric, 0, 0, Grain.Year, 2026, first + BatchSize, first + BatchSize, first + BatchSize, 1, 1, []),
                    new StoredCell(Metric, 0, 0, Grain.Hour, batch, BatchSize, BatchSize, BatchSize, 1, 1, [ids[0]]),
                ],
                RetainedEvents = [.. ids.Select((id, i) => new ActivityEvent(id, "tick", origin + Duration.FromSeconds(first + i), 1))],
            });
            Console.WriteLine("committed " + (batch + 1).ToString(CultureInfo.InvariantCulture));
            batch++;
        }
    }
}
