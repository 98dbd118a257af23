namespace SalesOps.Metrics;

/// <summary>A retained raw event with the source it came from and its order of commitment.</summary>
/// <param name="Sequence">Increases with each retained event, in commit order.</param>
/// <param name="Source">The source name.</param>
/// <param name="Event">The event.</param>
public sealed record StoredEvent(long Sequence, string Source, ActivityEvent Event);
