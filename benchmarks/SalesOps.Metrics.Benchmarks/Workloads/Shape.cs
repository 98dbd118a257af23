namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>What each event updates: the group-by dimensions (team, then rep) and the grains.</summary>
/// <param name="Dimensions">1 (team) or 2 (team, rep); the roll-up levels are the total plus one per dimension.</param>
/// <param name="Grains">The grains, finest first.</param>
internal sealed record Shape(int Dimensions, IReadOnlyList<Grain> Grains)
{
    /// <summary>Scenario (a): team and rep, by day, week, month and quarter.</summary>
    public static Shape TwoByFour { get; } = new(2, [Grain.Day, Grain.Week, Grain.Month, Grain.Quarter]);

    /// <summary>Scenario (c): team only, by day.</summary>
    public static Shape OneByOne { get; } = new(1, [Grain.Day]);

    public int Levels => Dimensions + 1;

    /// <summary>Parses a grain set such as <c>HDWMQY</c> (hour, day, week, month, quarter, year).</summary>
    public static Shape TwoDimensions(string grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var parsed = grains.Select(static c => c switch
        {
            'H' => Grain.Hour,
            'D' => Grain.Day,
            'W' => Grain.Week,
            'M' => Grain.Month,
            'Q' => Grain.Quarter,
            'Y' => Grain.Year,
            _ => throw new ArgumentException($"Unknown grain letter '{c}'.", nameof(grains)),
        });
        return new Shape(2, [.. parsed.Distinct().Order()]);
    }

    /// <summary>The series id of an event at a roll-up level: 0 for the total, then the team, then the rep.</summary>
    public static int SeriesAt(in RawEvent e, int level) => level switch
    {
        0 => 0,
        1 => e.Team,
        _ => e.Rep,
    };

    /// <summary>How many series a roll-up level holds.</summary>
    public static int SeriesCount(Workload workload, int level) => level switch
    {
        0 => 1,
        1 => workload.Teams,
        _ => workload.Reps,
    };
}
