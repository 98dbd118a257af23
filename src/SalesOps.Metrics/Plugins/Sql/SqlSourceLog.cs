using Microsoft.Extensions.Logging;

namespace SalesOps.Metrics.Plugins;

/// <summary>The SQL source's log messages.</summary>
internal static partial class SqlSourceLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "SQL source {Source} rejected the row with id {Id}: {Reason}: {Detail}")]
    public static partial void RowRejected(ILogger logger, string source, string id, SqlRejectionReason reason, string detail);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "SQL source {Source} rejected {Count} more rows in this read")]
    public static partial void MoreRejected(ILogger logger, string source, int count);
}
