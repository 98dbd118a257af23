namespace SalesOps.Metrics;

/// <summary>The size of a calendar period. Quarter and year follow the calendar's fiscal year.</summary>
public enum Grain
{
    /// <summary>An hour: a one-hour slice of a local day (a 23-hour day has 23, a 25-hour day 25).</summary>
    Hour = 0,

    /// <summary>A local calendar day, from local midnight to the next.</summary>
    Day = 1,

    /// <summary>A week beginning on the calendar's first day of week.</summary>
    Week = 2,

    /// <summary>A calendar month.</summary>
    Month = 3,

    /// <summary>A fiscal quarter.</summary>
    Quarter = 4,

    /// <summary>A fiscal year.</summary>
    Year = 5,
}
