using System.Globalization;
using NodaTime;

namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>
/// Deterministic events for one benchmark class: reps spread evenly over teams, each event for a rep drawn
/// uniformly from a seeded <see cref="Random"/>, at a uniformly drawn instant, in time order.
/// </summary>
internal sealed class Workload
{
    /// <summary>The number of events one benchmark invocation processes unless a class says otherwise.</summary>
    public const int DefaultEvents = 1 << 16;

    /// <summary>The seed every class uses, so that every run sees the same events.</summary>
    public const int Seed = 20_260_101;

    /// <summary>The quarter the events fall in: 2026-Q1 in UTC, 90 days.</summary>
    public static readonly Instant QuarterStart = Instant.FromUtc(2026, 1, 1, 0, 0);

    /// <summary>The end of the quarter (exclusive), which is also the benchmark clock's "now".</summary>
    public static readonly Instant QuarterEnd = Instant.FromUtc(2026, 4, 1, 0, 0);

    private Workload(int teams, int repsPerTeam, Instant start, Instant end, RawEvent[] events)
    {
        Teams = teams;
        RepsPerTeam = repsPerTeam;
        Start = start;
        End = end;
        Events = events;
    }

    public int Teams { get; }

    public int RepsPerTeam { get; }

    public int Reps => Teams * RepsPerTeam;

    /// <summary>The first instant events may fall on.</summary>
    public Instant Start { get; }

    /// <summary>The end of the events' range (exclusive); the clock stands here.</summary>
    public Instant End { get; }

    public RawEvent[] Events { get; }

    public static Workload Create(int events, int teams, int repsPerTeam, Spread spread)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(events);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(teams);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repsPerTeam);

        // The open periods are those holding the last hour of the quarter, at every grain; the clock stands at its end.
        var start = spread == Spread.OpenPeriod ? QuarterEnd - Duration.FromHours(1) : QuarterStart;
        return Create(events, teams, repsPerTeam, start, QuarterEnd);
    }

    public static Workload Create(int events, int teams, int repsPerTeam, Instant start, Instant end)
    {
        var random = new Random(Seed);
        var reps = teams * repsPerTeam;
        var from = start.ToUnixTimeSeconds();
        var length = end.ToUnixTimeSeconds() - from;
        var raw = new RawEvent[events];
        for (var i = 0; i < raw.Length; i++)
        {
            var rep = random.Next(reps);
            var value = Math.Round(100 + (random.NextDouble() * 9_900), 2);
            raw[i] = new RawEvent(rep / repsPerTeam, rep, from + random.NextInt64(length), value);
        }

        Array.Sort(raw, static (a, b) => a.Seconds.CompareTo(b.Seconds));
        return new Workload(teams, repsPerTeam, start, end, raw);
    }

    public static string TeamName(int team) => "team-" + team.ToString("D4", CultureInfo.InvariantCulture);

    public static string RepName(int rep) => "rep-" + rep.ToString("D7", CultureInfo.InvariantCulture);
}
