namespace SalesOps.Metrics.Plugins;

/// <summary>A row of a SQL source that was not read as an event.</summary>
/// <param name="Id">The row's id.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record SqlRejectedRow(string Id, SqlRejectionReason Reason, string Message);
