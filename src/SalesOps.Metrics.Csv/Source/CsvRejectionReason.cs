namespace SalesOps.Metrics.Csv;

/// <summary>Why a CSV row was not read as an event.</summary>
public enum CsvRejectionReason
{
    /// <summary>The id cell is empty.</summary>
    MissingId,

    /// <summary>The type cell is empty.</summary>
    MissingType,

    /// <summary>The time cell is empty or does not match the time format.</summary>
    InvalidTime,

    /// <summary>The value cell is not a finite number.</summary>
    InvalidValue,

    /// <summary>The row is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The row's quotes are broken: a quoted field is not closed on its line, or text follows a closing quote.</summary>
    MalformedQuotes,

    /// <summary>A field is longer than <see cref="CsvActivitySourceOptions.MaxFieldBytes"/>.</summary>
    FieldTooLong,

    /// <summary>The row is longer than <see cref="CsvActivitySourceOptions.MaxRecordBytes"/>.</summary>
    RecordTooLong,

    /// <summary>The row has more fields than <see cref="CsvActivitySourceOptions.MaxColumns"/>.</summary>
    TooManyColumns,
}
