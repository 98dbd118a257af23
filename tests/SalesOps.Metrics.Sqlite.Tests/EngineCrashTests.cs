using System.Diagnostics;
using System.Globalization;
using NodaTime;
using SalesOps.Metrics.CrashWorker;
using SalesOps.Metrics.Sqlite;

namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>
/// SPEC §7: a real child process ingesting into SQLite is killed with SIGKILL at random points; after the
/// restarts every aggregate equals a reference computed directly from the events, exactly.
/// </summary>
[NonParallelizable]
public sealed class EngineCrashTests
{
    private const int Events = 30_000;
    private const int BatchSize = 100;
    // SPEC §7 asks for at least 20 kills per run.
    private const int Kills = 22;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string[] Teams = ["AE", "BDR", "SDR"];

    private string _path = null!;

    [SetUp]
    public void SetUp() => _path = Path.Combine(Path.GetTempPath(), $"salesops-crash-{Guid.NewGuid():N}.db");

    [TearDown]
    public void TearDown()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Crash_KilledAtRandomPointsThenRestarted_TotalsEqualReferenceExactly()
    {
        var runSeed = Environment.GetEnvironmentVariable("SALESOPS_CRASH_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var streamSeed = runSeed % 1000;
        await TestContext.Progress.WriteLineAsync($"crash test: run seed {runSeed} (set SALESOPS_CRASH_SEED to repeat), stream seed {streamSeed}");
        var random = new Random(runSeed);

        var killed = 0;
        var replaying = false;
        while (killed < Kills)
        {
            // Kill after a random number of commits (0 kills it while it opens the store or writes its first batch).
            // Should the stream be finished first, the kills go on during replays from the start, which must not
            // change any total either.
            var commitsBeforeKill = random.Next(0, 6);
            if (await RunWorker(streamSeed, killAfterCommits: commitsBeforeKill, fromStart: replaying))
            {
                replaying = true;
                continue;
            }

            killed++;
        }

        Assert.That(await RunWorker(streamSeed, killAfterCommits: null), Is.True, "the last run completes");
        await TestContext.Progress.WriteLineAsync($"crash test: killed {killed} times{(replaying ? ", some of them while replaying from the start" : "")}");
        AssertEqualsReference(streamSeed);

        // Replaying the whole stream twice more from the start changes nothing.
        Assert.That(await RunWorker(streamSeed, killAfterCommits: null, fromStart: true), Is.True);
        Assert.That(await RunWorker(streamSeed, killAfterCommits: null, fromStart: true), Is.True);
        AssertEqualsReference(streamSeed);
    }

    private async Task<bool> RunWorker(int seed, int? killAfterCommits, bool fromStart = false)
    {
        var worker = Path.Combine(TestContext.CurrentContext.TestDirectory, "SalesOps.Metrics.CrashWorker.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { worker, _path, seed.ToString(CultureInfo.InvariantCulture), Events.ToString(CultureInfo.InvariantCulture), BatchSize.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (fromStart)
        {
            start.ArgumentList.Add("--from-start");
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Patience);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var commits = 0;
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "done")
            {
                break;
            }

            if (line.StartsWith("committed", StringComparison.Ordinal) && ++commits > killAfterCommits)
            {
                // Process.Kill sends SIGKILL on Unix: no finally blocks, no flush, no goodbye.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(timeout.Token);
                return false;
            }

            if (line.StartsWith("resume", StringComparison.Ordinal) && killAfterCommits == 0)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(timeout.Token);
                return false;
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, await errors);
        return true;
    }

    private void AssertEqualsReference(int seed)
    {
        var events = Enumerable.Range(0, Events).Select(i => CrashStream.Event(seed, i)).ToList();
        using var store = new SqliteMetricStore(new SqliteStoreOptions { Path = _path });
        var engine = new SalesOpsEngine(CrashStream.Definition(), new FixedClock(CrashStream.Now), store);
        var zone = DateTimeZoneProviders.Tzdb["America/Denver"];
        var firstMonth = Instant.FromUtc(2026, 10, 15, 0, 0);

        Assert.That(engine.CheckpointOf(CrashStream.Source), Is.EqualTo(new Checkpoint(Events.ToString(CultureInfo.InvariantCulture))));
        foreach (var team in Teams)
        {
            var ofTeam = events.Where(e => e.Dimensions["team"] == team).ToList();
            var months = engine.Series("calls", Grain.Month, firstMonth, 3, ("team", team));
            foreach (var (period, value) in months)
            {
                var inMonth = ofTeam.Where(e => period.Contains(e.OccurredAt)).ToList();
                var calls = inMonth.Where(e => e.Type == "call.made").ToList();
                var opportunities = inMonth.Where(e => e.Type == "opportunity.qualified").ToList();
                Assert.That(value, Is.EqualTo(calls.Count), $"calls {team} {period.Label}");
                Assert.That(engine.QueryValue("pipeline", Window.Current(Grain.Month), period.Start, ("team", team)).Value, Is.EqualTo(opportunities.Sum(e => e.Value!.Value)), $"pipeline {team} {period.Label}");
                Assert.That(engine.QueryValue("smallest", Window.Current(Grain.Month), period.Start, ("team", team)).Value, Is.EqualTo(opportunities.Min(e => e.Value)), $"smallest {team} {period.Label}");
                Assert.That(engine.QueryValue("largest", Window.Current(Grain.Month), period.Start, ("team", team)).Value, Is.EqualTo(opportunities.Max(e => e.Value)), $"largest {team} {period.Label}");
                Assert.That(engine.QueryValue("leads", Window.Current(Grain.Month), period.Start, ("team", team)).Value, Is.EqualTo(calls.Select(e => e.Dimensions["lead"]).Distinct().Count()), $"leads {team} {period.Label}");
            }

            foreach (var rep in ofTeam.Select(e => e.Dimensions["rep"]).Distinct())
            {
                var days = engine.Series("calls", Grain.Day, Instant.FromUtc(2026, 11, 1, 12, 0), 30, ("team", team), ("rep", rep));
                var expected = days.Select(d => (double?)ofTeam.Count(e => e.Type == "call.made" && e.Dimensions["rep"] == rep && d.Period.Contains(e.OccurredAt)));
                Assert.That(days.Select(d => d.Value), Is.EqualTo(expected), $"daily calls of {rep}");
            }
        }

        var localDates = events.Where(e => e.Type == "call.made").Select(e => e.OccurredAt.InZone(zone).Date).ToList();
        Assert.That(engine.QueryValue("calls", Window.Current(Grain.Quarter), Instant.FromUtc(2026, 11, 15, 0, 0)).Value,
            Is.EqualTo(localDates.Count(d => d >= new LocalDate(2026, 11, 1) && d < new LocalDate(2027, 2, 1))), "fiscal Q4 (Nov–Jan) in Denver");
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
