namespace SalesOps.Metrics.Csv;

/// <summary>A CSV row that was not read as an event.</summary>
/// <param name="Line">The 1-based line of the file where the row starts (the header is line 1).</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Message">What is wrong, in words; long values are cut short.</param>
public sealed record CsvRejectedRow(long Line, CsvRejectionReason Reason, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Reason}: {Message}";
}
