namespace SalesOps.Metrics;

/// <summary>The kinds of <see cref="Window"/>.</summary>
public enum WindowKind
{
    /// <summary>The calendar period at a grain containing the evaluation instant, offset by whole periods.</summary>
    Period,

    /// <summary>From the start of the period containing the evaluation instant up to that instant.</summary>
    PeriodToDate,

    /// <summary>A duration ending at the evaluation instant.</summary>
    Trailing,

    /// <summary>Fixed instants.</summary>
    Between,
}
