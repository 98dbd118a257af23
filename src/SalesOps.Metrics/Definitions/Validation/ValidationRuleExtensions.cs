using FluentValidation;
using FluentValidation.Results;

namespace SalesOps.Metrics.Definitions;

/// <summary>Small helpers that keep the validators' paths camelCase and their messages verbatim.</summary>
internal static class ValidationRuleExtensions
{
    /// <summary>Names the rule's property explicitly (camelCase), so paths never depend on global name resolvers.</summary>
    public static IRuleBuilderInitial<T, TProperty> Named<T, TProperty>(this IRuleBuilderInitial<T, TProperty> rule, string name)
        => rule.Configure(r => r.PropertyName = name);

    /// <summary>Names a collection rule's property explicitly (camelCase); elements become <c>name[i]</c>.</summary>
    public static IRuleBuilderInitialCollection<T, TElement> Named<T, TElement>(
        this IRuleBuilderInitialCollection<T, TElement> rule, string name)
        => rule.Configure(r => r.PropertyName = name);

    /// <summary>
    /// Adds a failure at the current property's path plus <paramref name="suffix"/> (such as <c>[2]</c> or
    /// <c>.numerator</c>). The message is added as is: it bypasses FluentValidation's placeholder formatting,
    /// so user values that contain braces are reported verbatim.
    /// </summary>
    public static void Fail<T>(this ValidationContext<T> context, string message, string suffix = "")
        => context.AddFailure(new ValidationFailure(context.PropertyPath + suffix, message));
}
