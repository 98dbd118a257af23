using Microsoft.Extensions.Options;

namespace SalesOps.Metrics.Definitions;

/// <summary>
/// Validates <see cref="SalesOpsDefinition"/> options for <c>ValidateOnStart()</c>, so an invalid definition stops
/// the host at start-up with every problem listed as <c>path: message</c>.
/// </summary>
/// <remarks>The same rules apply to every named options instance.</remarks>
public sealed class SalesOpsDefinitionValidateOptions : IValidateOptions<SalesOpsDefinition>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SalesOpsDefinition options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = DefinitionValidation.Validate(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => e.ToString()));
    }
}
