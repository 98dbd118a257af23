using FluentValidation;

namespace SalesOps.Metrics.Definitions;

/// <summary>Validates a target's pacing curve; weighted pacing must weigh sub-periods finer than the target's grain.</summary>
internal sealed class PacingValidator : AbstractValidator<PacingDefinition>
{
    private static readonly PacingValidator[] ByTargetGrain =
        Enum.GetValues<Grain>().Select(g => new PacingValidator(g)).ToArray();

    private static readonly PacingValidator WithoutGrain = new(null);

    private PacingValidator(Grain? targetGrain)
    {
        RuleFor(p => p.Kind).Named("kind").Custom((kind, context) =>
        {
            if (!Enum.IsDefined(kind))
            {
                context.Fail($"unknown pacing kind '{InvariantText.Of(kind)}'");
            }
        });

        When(p => p.Kind == PacingKind.Weighted, () =>
        {
            RuleFor(p => p.Weights).Named("weights").Custom((weights, context) =>
            {
                if (weights is null || weights.Count == 0)
                {
                    context.Fail("weighted pacing needs at least one weight");
                    return;
                }

                for (var i = 0; i < weights.Count; i++)
                {
                    if (!double.IsFinite(weights[i]) || weights[i] <= 0)
                    {
                        context.Fail($"weight must be a positive finite number ({InvariantText.Of(weights[i])})", $"[{InvariantText.Of(i)}]");
                    }
                }
            });

            RuleFor(p => p.WeightGrain).Named("weightGrain").Custom((grain, context) =>
            {
                if (!Enum.IsDefined(grain))
                {
                    context.Fail($"unknown grain '{InvariantText.Of(grain)}'");
                }
                else if (targetGrain is { } target && grain >= target)
                {
                    context.Fail($"weight grain '{grain}' must be finer than the target grain '{target}'");
                }
            });
        });
    }

    /// <summary>The validator for targets of the given grain (an undefined grain, reported on the target, skips the grain check).</summary>
    public static PacingValidator For(Grain targetGrain)
        => Enum.IsDefined(targetGrain) ? ByTargetGrain[(int)targetGrain] : WithoutGrain;
}
