using System.Globalization;
using BenchmarkDotNet.Attributes;
using NodaTime;
using SalesOps.Metrics.Benchmarks.Workloads;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Sqlite;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (h) Restart from the embedded SQLite store: open the file and build the engine from it, with 10 k and with 1 M
/// events stored. The events fall on the same 10 reps × 30 instants either way, so both stores hold the same series
/// and cells (10 k events already fill every one): the time should not depend on how many events are stored,
/// because restart loads series and cells, never events or their ids (a million rows in the de-duplication table).
/// </summary>
public class StoreStartup
{
    private const int Reps = 10;
    private const int Instants = 30;
    private const int BatchSize = 10_000;
    private static readonly Instant QuarterStart = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 4, 1, 0, 0);

    private string _path = null!;
    private SalesOpsDefinition _definition = null!;

    [Params(10_000, 1_000_000)]
    public int EventsStored { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _definition = new SalesOpsBuilder()
            .AddMetric("deals", m => m.Count("deal.won").By("team", "rep"))
            .AddMetric("revenue", m => m.Sum("deal.won").By("team", "rep"))
            .Build();
        _path = Path.Combine(Path.GetTempPath(), $"salesops-startup-{EventsStored}-{Environment.ProcessId}.db");
        DeleteFiles();
        using var store = new SqliteMetricStore(new SqliteStoreOptions { Path = _path, Synchronous = SqliteSynchronous.Normal });
        var engine = new SalesOpsEngine(_definition, new FixedClock(Now), store);
        var random = new Random(17);
        var batch = new List<ActivityEvent>(BatchSize);
        for (var i = 0; i < EventsStored; i++)
        {
            var rep = random.Next(Reps);
            batch.Add(new ActivityEvent(
                i.ToString(CultureInfo.InvariantCulture),
                "deal.won",
                QuarterStart + Duration.FromDays(3 * random.Next(Instants)) + Duration.FromHours(12),
                random.Next(1, 100) * 100,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = $"team-{rep % 5}", ["rep"] = $"rep-{rep}" }));
            if (batch.Count == BatchSize || i == EventsStored - 1)
            {
                engine.Ingest(batch, "crm", new Checkpoint((i + 1).ToString(CultureInfo.InvariantCulture)));
                batch.Clear();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => DeleteFiles();

    [Benchmark(Baseline = true, Description = "Open the SQLite store and build the engine from it")]
    public long Restart()
    {
        using var store = new SqliteMetricStore(new SqliteStoreOptions { Path = _path });
        var engine = new SalesOpsEngine(_definition, new FixedClock(Now), store);
        return engine.SeriesCount("deals", 2);
    }

    private void DeleteFiles()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
