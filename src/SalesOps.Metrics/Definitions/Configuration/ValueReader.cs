namespace SalesOps.Metrics.Definitions;

/// <summary>Reads one value of type <typeparamref name="T"/> at a node, reporting any problem to the node's context.</summary>
/// <remarks>On failure the reader still sets <paramref name="value"/>, to a placeholder that is not used.</remarks>
internal delegate bool ValueReader<T>(ConfigNode node, out T value);
