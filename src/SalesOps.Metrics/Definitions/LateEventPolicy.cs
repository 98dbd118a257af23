namespace SalesOps.Metrics.Definitions;

/// <summary>What happens to an event that arrives later than the allowed lateness.</summary>
public enum LateEventPolicy
{
    /// <summary>Apply it to its own window, publish the correction, and count it as late beyond lateness.</summary>
    ApplyAndFlag,

    /// <summary>Keep it aside, counted as held, until the application releases or discards it.</summary>
    Hold,

    /// <summary>Reject it with <see cref="RejectionReason.TooLate"/>.</summary>
    Reject,
}
