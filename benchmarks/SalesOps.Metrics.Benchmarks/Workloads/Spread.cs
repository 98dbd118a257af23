namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>Where in time the generated events fall, which decides how many periods open and close during a pass.</summary>
public enum Spread
{
    /// <summary>
    /// Every event falls in the last hour of the quarter, the clock's current one: only the open period of each grain
    /// (hour to year) is written, and repeated passes write the same cells, so this is the steady state of the hot
    /// path, where no period opens or closes (0 bytes per event expected).
    /// </summary>
    OpenPeriod,

    /// <summary>
    /// The events cover a whole quarter in time order and each pass starts from empty state, so every day, week and
    /// month opens and closes once per pass: period roll-over (allocation and compaction) is part of the cost.
    /// </summary>
    Quarter,

    /// <summary>
    /// The events of <see cref="Quarter"/>, recorded by an engine that has already recorded the same events 90 days
    /// earlier: the steady state of a long-running host. The first event closes the previous quarter (every cell it
    /// still holds open), and the runs of open cells that quarter gave back are handed out again, so no new memory is
    /// needed for open cells; the dense reference starts empty as for <see cref="Quarter"/>.
    /// </summary>
    SecondQuarter,
}
