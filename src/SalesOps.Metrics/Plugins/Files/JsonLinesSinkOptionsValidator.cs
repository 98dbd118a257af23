using FluentValidation;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Plugins;

/// <summary>Validates <see cref="JsonLinesSinkOptions"/>.</summary>
internal sealed class JsonLinesSinkOptionsValidator : AbstractValidator<JsonLinesSinkOptions>
{
    public static JsonLinesSinkOptionsValidator Instance { get; } = new();

    private JsonLinesSinkOptionsValidator()
    {
        RuleFor(o => o.Name).Named("name").Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("required");
        RuleFor(o => o.Path).Named("path").Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("required");
    }
}
