using BenchmarkDotNet.Attributes;
using NodaTime;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// (d) "Attainment of target X for team Y this month" with 1 M rep series (100 teams × 10,000 reps), after 1 M and
/// 4 M events ingested from the start of the quarter to now (2026-03-20 15:00 UTC). The engine's answer should not
/// depend on how many events it holds; the scan of the raw events (the cheapest honest alternative: a sequential
/// pass over 24-byte integer records) grows with them. The ratio column is each row's time over the engine's.
/// </summary>
public class TargetQuery
{
    private const int Teams = 100;
    private const int RepsPerTeam = 10_000;
    private const int Team = 42;
    private const double Goal = 2_000;
    private const string Target = "team-deals";

    private static readonly Instant Now = Instant.FromUtc(2026, 3, 20, 15, 0);
    private static readonly Instant MonthStart = Instant.FromUtc(2026, 3, 1, 0, 0);

    private SalesOpsEngine _engine = null!;
    private RawEvent[] _raw = null!;
    private (string, string)[] _teamFilter = null!;

    [Params(1 << 20, 1 << 22)]
    public int EventsIngested { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = Workload.Create(EventsIngested, Teams, RepsPerTeam, Workload.QuarterStart, Now);
        _raw = workload.Events;
        var teamName = Workload.TeamName(Team);
        _teamFilter = [("team", teamName)];
        var definition = EngineRig.Definition(
            Shape.TwoByFour,
            MetricSet.Count,
            workload.Reps,
            b => b.AddTarget(Target, t => t.For(EngineRig.Deals).Where("team", teamName).Monthly().AtLeast(Goal)));
        _engine = new SalesOpsEngine(definition, new FixedClock(Now));
        var handles = EngineRig.ResolveAll(_engine, workload, Shape.TwoByFour, MetricSet.Count)[0];

        // Record in slices so that the set-up never holds a second copy of every event.
        var slice = new ResolvedEvent[1 << 16];
        for (var start = 0; start < _raw.Length; start += slice.Length)
        {
            var length = Math.Min(slice.Length, _raw.Length - start);
            for (var i = 0; i < length; i++)
            {
                var e = _raw[start + i];
                slice[i] = new ResolvedEvent(handles[e.Rep], Instant.FromUnixTimeSeconds(e.Seconds), e.Value);
            }

            _engine.Record(slice.AsSpan(0, length));
        }

        var engine = Engine_Evaluate();
        var scan = Scan_RawEvents();
        var query = Engine_QueryThisMonth() / Goal;
        var fast = Engine_Attainment();
        if (Math.Abs(engine - scan) > 1e-12 || Math.Abs(query - scan) > 1e-12 || Math.Abs(fast - scan) > 1e-12 || scan == 0)
        {
            throw new InvalidOperationException($"Attainment disagrees: engine {engine}, query {query}, attainment {fast}, scan {scan}.");
        }
    }

    [Benchmark(Baseline = true, Description = "Engine Evaluate(target) (full evaluation)")]
    public double Engine_Evaluate() => _engine.Evaluate(Target).Attainment ?? 0;

    [Benchmark(Description = "Engine Attainment(target) (one cell)")]
    public double Engine_Attainment() => _engine.Attainment(Target) ?? 0;

    [Benchmark(Description = "Engine QueryValue(ThisMonth, team)")]
    public double Engine_QueryThisMonth() => _engine.QueryValue(EngineRig.Deals, Window.ThisMonth, Now, _teamFilter).Value ?? 0;

    [Benchmark(Description = "Scan of the raw events")]
    public double Scan_RawEvents()
    {
        var from = MonthStart.ToUnixTimeSeconds();
        var to = Now.ToUnixTimeSeconds();
        long count = 0;
        foreach (ref readonly var e in _raw.AsSpan())
        {
            if (e.Team == Team && e.Seconds >= from && e.Seconds < to)
            {
                count++;
            }
        }

        return count / Goal;
    }
}
