using System.Globalization;
using NodaTime;
using SalesOps.Metrics;
using SalesOps.Metrics.CrashWorker;
using SalesOps.Metrics.Sqlite;

// Ingests a deterministic stream into a SQLite store in batches, resuming from the stored checkpoint.
// The crash test kills this process at random points and checks that the final totals are exact.
// Usage: <db path> <seed> <events> <batch size> [--from-start]
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: <db path> <seed> <events> <batch size> [--from-start]");
    return 2;
}

var path = args[0];
var seed = int.Parse(args[1], CultureInfo.InvariantCulture);
var total = int.Parse(args[2], CultureInfo.InvariantCulture);
var batchSize = int.Parse(args[3], CultureInfo.InvariantCulture);
var fromStart = args.Contains("--from-start");

using var store = new SqliteMetricStore(new SqliteStoreOptions { Path = path });
var engine = new SalesOpsEngine(CrashStream.Definition(), new FixedClock(CrashStream.Now), store);
var position = fromStart || engine.CheckpointOf(CrashStream.Source) is not { } checkpoint
    ? 0
    : int.Parse(checkpoint.Value, CultureInfo.InvariantCulture);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resume {position}"));
while (position < total)
{
    var count = Math.Min(batchSize, total - position);
    var batch = new ActivityEvent[count];
    for (var i = 0; i < count; i++)
    {
        batch[i] = CrashStream.Event(seed, position + i);
    }

    position += count;
    engine.Ingest(batch, CrashStream.Source, new Checkpoint(position.ToString(CultureInfo.InvariantCulture)));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committed {position}"));
}

Console.WriteLine("done");
return 0;

/// <summary>The worker's clock stands after the whole stream, so no event is in the future.</summary>
internal sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
