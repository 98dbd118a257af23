namespace SalesOps.Samples.CustomCrmSource;

/// <summary>Why a line of the CRM export yielded no event.</summary>
public enum CrmSkipReason
{
    /// <summary>The line is not a JSON object.</summary>
    NotJson,

    /// <summary>The line is longer than <see cref="CrmExportOptions.MaxLineBytes"/>.</summary>
    TooLong,

    /// <summary>The <c>id</c> is missing, empty, or neither a string nor a number.</summary>
    MissingId,

    /// <summary>The <c>kind</c> is missing, empty or not a string.</summary>
    MissingKind,

    /// <summary>The <c>kind</c> has no entry in <see cref="CrmExportOptions.Kinds"/>.</summary>
    UnmappedKind,

    /// <summary>The <c>at</c> is missing or not an ISO 8601 instant with an offset (<c>2026-03-02T09:15:00Z</c>, <c>2026-03-02T02:15:00-07:00</c>).</summary>
    InvalidTime,

    /// <summary>The <c>amount</c> is neither a finite number nor null.</summary>
    InvalidAmount,

    /// <summary>A field mapped to a dimension is neither a string nor null.</summary>
    InvalidDimension,
}
