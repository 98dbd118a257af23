namespace SalesOps.Metrics;

/// <summary>
/// An opaque position in a source: it names the last event committed. Resuming a source from a
/// checkpoint yields each later event exactly once and none before it.
/// </summary>
/// <remarks>
/// Only the source that produced a checkpoint interprets it. The engine stores the value verbatim with
/// the batch it commits and passes it back unchanged, also to a new instance of the source after a
/// restart; checkpoints compare ordinally. Keep it a small, self-contained position (a line and byte
/// offset, an id, a watermark), never state that only one instance holds.
/// </remarks>
/// <param name="Value">The source-specific position, such as a line number, an offset or a watermark.</param>
public readonly record struct Checkpoint(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
