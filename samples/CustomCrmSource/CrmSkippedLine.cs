namespace SalesOps.Samples.CustomCrmSource;

/// <summary>A line of the CRM export that yielded no event, reported through <see cref="CrmExportOptions.LineSkipped"/>.</summary>
/// <param name="File">The export file's name (without its folder).</param>
/// <param name="Line">The line number in the file, from 1.</param>
/// <param name="Reason">Why the line was skipped.</param>
/// <param name="Detail">What was wrong, for a log line, such as <c>"at" is not an ISO 8601 instant: "yesterday"</c>.</param>
public sealed record CrmSkippedLine(string File, long Line, CrmSkipReason Reason, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Reason}: {Detail}";
}
