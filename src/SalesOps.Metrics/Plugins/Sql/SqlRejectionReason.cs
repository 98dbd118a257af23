namespace SalesOps.Metrics.Plugins;

/// <summary>Why a row of a SQL source was not read as an event.</summary>
public enum SqlRejectionReason
{
    /// <summary>The id is empty.</summary>
    MissingId,

    /// <summary>The type is null or empty.</summary>
    MissingType,

    /// <summary>The time is null or not a date-time.</summary>
    InvalidTime,

    /// <summary>The value is not a finite number.</summary>
    InvalidValue,
}
