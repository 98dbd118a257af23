using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace SalesOps.Metrics.Definitions;

/// <summary>
/// Reads a <see cref="SalesOpsDefinition"/> from configuration (such as the <c>SalesOps</c> section of
/// <c>appsettings.json</c>) and validates it, reporting every problem with its path at once.
/// </summary>
/// <remarks>
/// <para>The section is read by hand rather than by the reflection binder, so a value that cannot be read (an
/// unknown aggregation, a malformed date) becomes a <see cref="DefinitionError"/> at its camelCase path
/// (<c>metrics[1].aggregation</c>) instead of an exception or a silent default. Keys match case-insensitively; an
/// unknown key inside a known section is reported as a likely typo. Settings that are not given keep the defaults of
/// the definition records.</para>
/// <para>The vocabulary is the builder's. Enums are read by name only; numbers use the invariant culture; dates are
/// <c>yyyy-MM-dd</c>; goal changes may be effective from a date or a date-time (<c>yyyy-MM-ddTHH:mm</c>); times of
/// day are <c>HH:mm</c>; durations are <c>D:hh:mm:ss</c>, <c>D.hh:mm:ss</c> or <c>hh:mm:ss</c>; a review is
/// <c>Hourly</c>, <c>Daily</c> or a duration; working days are a list or a range such as <c>Monday-Friday</c>.</para>
/// </remarks>
public static class SalesOpsConfigurationReader
{
    /// <summary>Reads and validates a definition.</summary>
    /// <param name="section">The configuration section holding the definition.</param>
    /// <returns>The valid definition.</returns>
    /// <exception cref="DefinitionValidationException">
    /// The section has values that cannot be read or a definition that is invalid; the one exception lists all of them.
    /// </exception>
    public static SalesOpsDefinition Read(IConfiguration section)
        => TryRead(section, out var definition, out var errors) ? definition : throw new DefinitionValidationException(errors);

    /// <summary>Reads and validates a definition without throwing for a bad one.</summary>
    /// <param name="section">The configuration section holding the definition.</param>
    /// <param name="definition">The valid definition, or <see langword="null"/> when there are errors.</param>
    /// <param name="errors">Every value that cannot be read and every validation problem, in definition order; empty on success.</param>
    /// <returns>Whether the definition was read and is valid.</returns>
    public static bool TryRead(
        IConfiguration section,
        [NotNullWhen(true)] out SalesOpsDefinition? definition,
        out IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        var context = new ParseContext();
        var read = DefinitionSectionReader.Read(new ConfigNode(section, string.Empty, context));

        var validation = DefinitionValidation.Validate(read)
            .Select(e => e with { Path = context.ToConfigurationPath(e.Path) })
            .Where(e => !context.FollowsFromReadError(e.Path));
        errors = DefinitionErrorOrder.Sort(context.Errors.Concat(validation));
        definition = errors.Count == 0 ? read : null;
        return definition is not null;
    }
}
