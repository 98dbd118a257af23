namespace SalesOps.Metrics.Definitions;

/// <summary>Validates definitions and reports every problem at once.</summary>
public static class DefinitionValidation
{
    private static readonly SalesOpsDefinitionValidator Validator = new();

    /// <summary>Finds every problem with a definition.</summary>
    /// <param name="definition">The definition to check.</param>
    /// <returns>
    /// The problems in the order they appear in the definition (calendar, metrics, targets, ingestion, scoreboard);
    /// empty when the definition is valid.
    /// </returns>
    public static IReadOnlyList<DefinitionError> Validate(SalesOpsDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var result = Validator.Validate(definition);
        return DefinitionErrorOrder.Sort(result.Errors.Select(f => new DefinitionError(f.PropertyName, f.ErrorMessage)));
    }

    /// <summary>Throws one exception listing every problem when the definition is invalid.</summary>
    /// <param name="definition">The definition to check.</param>
    /// <exception cref="DefinitionValidationException">The definition has at least one problem.</exception>
    public static void ThrowIfInvalid(SalesOpsDefinition definition)
    {
        var errors = Validate(definition);
        if (errors.Count > 0)
        {
            throw new DefinitionValidationException(errors);
        }
    }
}
