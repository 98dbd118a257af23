using System.Text;

namespace SalesOps.Metrics.Definitions;

/// <summary>
/// Thrown when a <see cref="SalesOpsDefinition"/> is invalid. It lists every problem at once, each with its path,
/// so an analyst can fix a definition in one pass.
/// </summary>
public sealed class DefinitionValidationException : Exception
{
    /// <summary>Creates an exception with a generic message and no listed problems.</summary>
    public DefinitionValidationException()
        : this("SalesOps definition is invalid.")
    {
    }

    /// <summary>Creates an exception with the given message and no listed problems.</summary>
    /// <param name="message">The message.</param>
    public DefinitionValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with the given message and inner exception, and no listed problems.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public DefinitionValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an exception listing the given problems.</summary>
    /// <param name="errors">The problems, in the order they are reported.</param>
    /// <remarks>
    /// The message is <c>SalesOps definition is invalid (N problems):</c> followed by one line per problem,
    /// <c>  path: message</c>.
    /// </remarks>
    public DefinitionValidationException(IReadOnlyList<DefinitionError> errors)
        : base(Describe(errors))
    {
        Errors = errors.ToArray();
    }

    /// <summary>Every problem found, in the order they are reported.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    private static string Describe(IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new StringBuilder()
            .Append("SalesOps definition is invalid (")
            .Append(errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(errors.Count == 1 ? " problem):" : " problems):");
        foreach (var error in errors)
        {
            text.Append('\n').Append("  ").Append(error);
        }

        return text.ToString();
    }
}
