using FluentValidation;
using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Validates ingestion options: series cap, lateness, future skew, retention, de-duplication window and the aggregated grains.</summary>
internal sealed class IngestionValidator : AbstractValidator<IngestionOptions>
{
    public IngestionValidator()
    {
        RuleFor(o => o.MaxSeriesPerMetric).Named("maxSeriesPerMetric").Custom((max, context) =>
        {
            if (max < 1)
            {
                context.Fail($"max series per metric must be at least 1 ({InvariantText.Of(max)})");
            }
        });

        RuleFor(o => o.AllowedLateness).Named("allowedLateness").Custom((lateness, context) =>
        {
            if (lateness < Duration.Zero)
            {
                context.Fail($"allowed lateness must not be negative ({InvariantText.Of(lateness)})");
            }
        });

        RuleFor(o => o.LatePolicy).Named("latePolicy").Custom((policy, context) =>
        {
            if (!Enum.IsDefined(policy))
            {
                context.Fail($"unknown late policy '{InvariantText.Of(policy)}'");
            }
        });

        RuleFor(o => o.MaxFutureSkew).Named("maxFutureSkew").Custom((skew, context) =>
        {
            if (skew < Duration.Zero)
            {
                context.Fail($"max future skew must not be negative ({InvariantText.Of(skew)})");
            }
        });

        RuleFor(o => o.EventRetention).Named("eventRetention").Custom((retention, context) =>
        {
            if (retention is { } value && value <= Duration.Zero)
            {
                context.Fail($"event retention must be positive ({InvariantText.Of(value)}); leave it out to keep no events");
            }
        });

        RuleFor(o => o.DeduplicationWindow).Named("deduplicationWindow").Custom((window, context) =>
        {
            if (window is { } value && value <= Duration.Zero)
            {
                context.Fail($"de-duplication window must be positive ({InvariantText.Of(value)}); leave it out to remember every id");
            }
        });

        RuleFor(o => o.Grains).Named("grains").Custom(CheckGrains);
    }

    private static void CheckGrains(IReadOnlyList<Grain>? grains, ValidationContext<IngestionOptions> context)
    {
        if (grains is null || grains.Count == 0)
        {
            context.Fail("at least one grain is required");
            return;
        }

        var seen = new HashSet<Grain>();
        for (var i = 0; i < grains.Count; i++)
        {
            var at = $"[{InvariantText.Of(i)}]";
            if (!Enum.IsDefined(grains[i]))
            {
                context.Fail($"unknown grain '{InvariantText.Of(grains[i])}'", at);
            }
            else if (!seen.Add(grains[i]))
            {
                context.Fail($"duplicate grain '{grains[i]}'", at);
            }
        }

        // Milestones are due at the end of a day, week or month, which the engine checks from daily aggregates.
        if (!seen.Contains(Grain.Day) && DefinitionIndex.Of(context).TargetWithMilestones is { } target)
        {
            context.Fail($"grain 'Day' is required because target '{target}' has milestones");
        }
    }
}
