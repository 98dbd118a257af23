namespace SalesOps.Metrics;

/// <summary>
/// An opaque position in a source: it names the last event committed. Resuming a source from a
/// checkpoint yields each later event exactly once and none before it.
/// </summary>
/// <param name="Value">The source-specific position, such as a line number, an offset or a watermark.</param>
public readonly record struct Checkpoint(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
