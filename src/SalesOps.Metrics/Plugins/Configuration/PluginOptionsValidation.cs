using FluentValidation;
using Microsoft.Extensions.Options;

namespace SalesOps.Metrics.Plugins;

/// <summary>Runs a plugin's options validator and throws one exception listing every problem as <c>path: message</c>.</summary>
internal static class PluginOptionsValidation
{
    public static void ThrowIfInvalid<TOptions>(IValidator<TOptions> validator, TOptions? options, string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = validator.Validate(options);
        if (!result.IsValid)
        {
            throw new OptionsValidationException(name ?? string.Empty, typeof(TOptions), result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"));
        }
    }
}
