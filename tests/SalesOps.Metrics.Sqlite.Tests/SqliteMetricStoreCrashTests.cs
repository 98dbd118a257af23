using System.Globalization;
using NodaTime;

namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>A process killed with SIGKILL in the middle of its commits leaves every batch whole or absent.</summary>
public sealed class SqliteMetricStoreCrashTests
{
    private const int Kills = 12;
    private TempStores _temp = null!;

    [SetUp]
    public void CreateFolder() => _temp = new TempStores();

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void Crash_ChildKilledAtRandomPoints_Restart_EveryReturnedCommitIsKeptAndNoneIsPartial()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SALESOPS_CRASH_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        TestContext.Out.WriteLine($"crash seed {seed} (set SALESOPS_CRASH_SEED to repeat)");
        var random = new Random(seed);
        var path = _temp.NewPath();
        long returned = 0;

        for (var kill = 0; kill < Kills; kill++)
        {
            var commitsBeforeKill = random.Next(1, 15);
            using (var child = ChildProcess.Start("commit-loop", path))
            {
                for (var i = 0; i < commitsBeforeKill; i++)
                {
                    var line = child.ReadLine() ?? throw new AssertionException($"The child stopped before commit {i + 1} (seed {seed}).");
                    returned = long.Parse(line["committed ".Length..], CultureInfo.InvariantCulture);
                }

                // The child keeps committing while the kill arrives, so it lands at an arbitrary point of a commit.
                child.Kill();
            }

            var batches = AssertConsistent(path, seed);
            Assert.That(batches, Is.GreaterThanOrEqualTo(returned), $"a commit that returned was lost (seed {seed}, kill {kill})");
            TestContext.Out.WriteLine($"kill {kill}: after {commitsBeforeKill} commits seen, {batches} batches stored");
        }
    }

    // Checks that the store holds exactly the first n whole batches of the stream, and returns n.
    private long AssertConsistent(string path, int seed)
    {
        using var store = new SqliteMetricStore(new SqliteStoreOptions { Path = path });
        var contents = store.Open();
        var batches = long.Parse(contents.Checkpoints["stream"].Value, CultureInfo.InvariantCulture);
        var events = batches * Program.BatchSize;
        var candidates = Enumerable.Range(0, (int)events + Program.BatchSize).Select(n => Program.EventId(n)).ToArray();
        var total = contents.Cells.Single(c => c.Grain == Grain.Year);
        var hours = contents.Cells.Where(c => c.Grain == Grain.Hour).OrderBy(c => c.PeriodKey).ToList();
        var retained = store.ReadEvents(Instant.MinValue, Instant.MaxValue, []).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((total.Count, total.Sum), Is.EqualTo((events, (double)events)), $"seed {seed}");
            Assert.That(hours.Select(c => c.PeriodKey), Is.EqualTo(Enumerable.Range(0, (int)batches).Select(b => (long)b)), $"seed {seed}");
            Assert.That(hours.Select(c => c.DistinctValues.Single()), Is.EqualTo(hours.Select(c => Program.EventId(c.PeriodKey * Program.BatchSize))), $"seed {seed}");
            Assert.That(store.FindSeen("stream", candidates), Has.Count.EqualTo(events), $"seed {seed}");
            Assert.That(retained.Select(e => e.Event.Id), Is.EqualTo(candidates[..(int)events]), $"seed {seed}");
            Assert.That(contents.Series, Has.Count.EqualTo(1), $"seed {seed}");
        }

        return batches;
    }
}
