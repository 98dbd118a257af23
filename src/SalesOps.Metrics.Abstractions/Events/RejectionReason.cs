namespace SalesOps.Metrics;

/// <summary>Why an event was not applied.</summary>
public enum RejectionReason
{
    /// <summary>The event has no id.</summary>
    MissingId,

    /// <summary>The event has no type.</summary>
    MissingType,

    /// <summary>The event's dimensions are missing (<see langword="null"/>).</summary>
    InvalidDimensions,

    /// <summary>The event has no time (its time is the default instant).</summary>
    MissingTime,

    /// <summary>The value is NaN or infinite.</summary>
    InvalidValue,

    /// <summary>The event is further in the future than the allowed clock skew.</summary>
    InFuture,

    /// <summary>The event is later than the allowed lateness and the late policy rejects it.</summary>
    TooLate,

    /// <summary>
    /// The event occurred before the engine's de-duplication window for its source, so a replay of it could no
    /// longer be told apart from a new event.
    /// </summary>
    BeyondDeduplicationWindow,
}
