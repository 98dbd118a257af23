using Microsoft.Extensions.Logging;

namespace SalesOps.Metrics.Csv;

/// <summary>The CSV source's log messages.</summary>
internal static partial class CsvSourceLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "CSV source {Source} rejected line {Line}: {Reason}: {Detail}")]
    public static partial void RowRejected(ILogger logger, string source, long line, CsvRejectionReason reason, string detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CSV source {Source} rejected {Count} more rows in this read")]
    public static partial void MoreRejected(ILogger logger, string source, long count);
}
