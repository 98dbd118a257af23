using FluentValidation;

namespace SalesOps.Metrics.Definitions;

/// <summary>Validates status thresholds: <c>0 &lt; atRisk &lt;= onTrack</c> and a positive at-most projection threshold.</summary>
internal sealed class ThresholdsValidator : AbstractValidator<TargetThresholds>
{
    public ThresholdsValidator()
    {
        RuleFor(t => t.OnTrack).Named("onTrack").Custom((onTrack, context) =>
        {
            if (!double.IsFinite(onTrack))
            {
                context.Fail($"on-track threshold must be a finite number ({InvariantText.Of(onTrack)})");
            }
        });

        RuleFor(t => t.AtRisk).Named("atRisk").Custom((atRisk, context) =>
        {
            var onTrack = context.InstanceToValidate.OnTrack;
            if (!double.IsFinite(atRisk))
            {
                context.Fail($"at-risk threshold must be a finite number ({InvariantText.Of(atRisk)})");
            }
            else if (atRisk <= 0)
            {
                context.Fail($"at-risk threshold must be greater than 0 ({InvariantText.Of(atRisk)})");
            }
            else if (double.IsFinite(onTrack) && atRisk > onTrack)
            {
                context.Fail($"at-risk threshold ({InvariantText.Of(atRisk)}) must not exceed the on-track threshold ({InvariantText.Of(onTrack)})");
            }
        });

        RuleFor(t => t.AtMostProjectionAtRisk).Named("atMostProjectionAtRisk").Custom((fraction, context) =>
        {
            if (!double.IsFinite(fraction) || fraction <= 0)
            {
                context.Fail($"at-most projection threshold must be a positive finite number ({InvariantText.Of(fraction)})");
            }
        });
    }
}
