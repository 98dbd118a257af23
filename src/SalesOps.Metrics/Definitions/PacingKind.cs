namespace SalesOps.Metrics.Definitions;

/// <summary>How the expected-by-now value grows through a period.</summary>
public enum PacingKind
{
    /// <summary>In proportion to real elapsed time (a 25-hour day is paced over 25 hours).</summary>
    Time,

    /// <summary>In proportion to elapsed working time: flat over weekends, holidays and nights.</summary>
    WorkingTime,

    /// <summary>By custom weights per sub-period (a heavier last month of the quarter), linear in time within each.</summary>
    Weighted,
}
