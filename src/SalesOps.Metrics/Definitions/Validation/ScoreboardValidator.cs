using FluentValidation;

namespace SalesOps.Metrics.Definitions;

/// <summary>Validates scoreboard options: the shown grains must be among the aggregated ones.</summary>
internal sealed class ScoreboardValidator : AbstractValidator<ScoreboardOptions>
{
    public ScoreboardValidator()
    {
        RuleFor(o => o.Grains).Named("grains").Custom((grains, context) =>
        {
            if (grains is null || grains.Count == 0)
            {
                context.Fail("at least one grain is required");
                return;
            }

            var aggregated = DefinitionIndex.Of(context).IngestionGrains;
            for (var i = 0; i < grains.Count; i++)
            {
                var at = $"[{InvariantText.Of(i)}]";
                if (!Enum.IsDefined(grains[i]))
                {
                    context.Fail($"unknown grain '{InvariantText.Of(grains[i])}'", at);
                }
                else if (aggregated.Count > 0 && !aggregated.Contains(grains[i]))
                {
                    context.Fail($"grain '{grains[i]}' is not one of ingestion.grains ({InvariantText.List(aggregated)})", at);
                }
            }
        });
    }
}
