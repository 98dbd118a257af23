namespace SalesOps.Metrics.Definitions;

/// <summary>One problem with a definition: where it is and what is wrong.</summary>
/// <param name="Path">
/// The camelCase path of the offending value with list indexes, such as <c>metrics[2].ratio.numerator</c>;
/// dictionary keys (filter and scope dimensions) appear verbatim, such as <c>targets[0].scope.region</c>.
/// </param>
/// <param name="Message">What is wrong, naming the offending value.</param>
public sealed record DefinitionError(string Path, string Message)
{
    /// <summary>Returns <c>path: message</c>, or only the message when the path is empty.</summary>
    /// <returns>The error as one line.</returns>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
