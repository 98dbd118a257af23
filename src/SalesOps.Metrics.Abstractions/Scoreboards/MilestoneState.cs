namespace SalesOps.Metrics;

/// <summary>The state of a milestone ("first down").</summary>
public enum MilestoneState
{
    /// <summary>Not yet due and not yet reached.</summary>
    Upcoming,

    /// <summary>Reached by its due point.</summary>
    Met,

    /// <summary>Due, and not reached by its due point.</summary>
    Missed,
}
