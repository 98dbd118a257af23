using FluentValidation;
using FluentValidation.Results;

namespace SalesOps.Metrics.Definitions;

/// <summary>
/// Validates a whole <see cref="SalesOpsDefinition"/>: every rule runs and every problem is reported, each at a
/// camelCase path such as <c>metrics[2].ratio.numerator</c> or <c>targets[0].milestones[1].dueCount</c>.
/// </summary>
/// <remarks>
/// <para>The validator needs no global FluentValidation configuration: it names every property itself.</para>
/// <para>An instance is immutable once built and may validate concurrently. Most callers want
/// <see cref="DefinitionValidation.Validate"/>, which also orders the errors as they appear in a definition.</para>
/// </remarks>
public sealed class SalesOpsDefinitionValidator : AbstractValidator<SalesOpsDefinition>
{
    /// <summary>Creates the validator and its child validators.</summary>
    public SalesOpsDefinitionValidator()
    {
        RuleFor(d => d.Calendar).Named("calendar")
            .NotNull().WithMessage("calendar is required")
            .SetValidator(new CalendarValidator());

        RuleFor(d => d.Metrics).Named("metrics").Custom((metrics, context) =>
            ReportDuplicateNames(metrics, m => m?.Name, "metric", context));
        RuleForEach(d => d.Metrics).Named("metrics")
            .NotNull().WithMessage("metric must not be null")
            .SetValidator(new MetricValidator());

        RuleFor(d => d.Targets).Named("targets").Custom((targets, context) =>
            ReportDuplicateNames(targets, t => t?.Name, "target", context));
        RuleForEach(d => d.Targets).Named("targets")
            .NotNull().WithMessage("target must not be null")
            .SetValidator(new TargetValidator());

        RuleFor(d => d.Ingestion).Named("ingestion")
            .NotNull().WithMessage("ingestion options are required")
            .SetValidator(new IngestionValidator());

        RuleFor(d => d.Scoreboard).Named("scoreboard")
            .NotNull().WithMessage("scoreboard options are required")
            .SetValidator(new ScoreboardValidator());
    }

    /// <inheritdoc />
    protected override bool PreValidate(ValidationContext<SalesOpsDefinition> context, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        if (context.InstanceToValidate is null)
        {
            result.Errors.Add(new ValidationFailure(string.Empty, "the definition is required"));
            return false;
        }

        DefinitionIndex.Attach(context, new DefinitionIndex(context.InstanceToValidate));
        return true;
    }

    private static void ReportDuplicateNames<TItem>(
        IReadOnlyList<TItem>? items, Func<TItem, string?> nameOf, string noun, ValidationContext<SalesOpsDefinition> context)
    {
        if (items is null)
        {
            context.Fail($"{noun}s must not be null");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var name = nameOf(items[i]);
            if (!string.IsNullOrWhiteSpace(name) && !seen.Add(name))
            {
                context.Fail($"duplicate {noun} name '{name}'", $"[{InvariantText.Of(i)}].name");
            }
        }
    }
}
