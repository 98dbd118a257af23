using FluentValidation;

namespace SalesOps.Metrics.Definitions;

/// <summary>Validates one target against the metrics and grains of the definition it belongs to.</summary>
internal sealed class TargetValidator : AbstractValidator<TargetDefinition>
{
    public TargetValidator()
    {
        RuleFor(t => t.Name).Named("name").Custom((name, context) =>
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                context.Fail("target name is required");
            }
        });

        RuleFor(t => t.Metric).Named("metric").Custom((metric, context) =>
        {
            if (string.IsNullOrWhiteSpace(metric))
            {
                context.Fail("metric is required");
            }
            else if (DefinitionIndex.Of(context).Metric(metric) is null)
            {
                context.Fail($"unknown metric '{metric}'");
            }
        });

        RuleFor(t => t.Scope).Named("scope").Custom(CheckScope);
        RuleFor(t => t.Each).Named("each").Custom(CheckEach);
        RuleFor(t => t.Members).Named("members").Custom(CheckMembers);

        RuleFor(t => t.Grain).Named("grain").Custom((grain, context) =>
        {
            var grains = DefinitionIndex.Of(context).IngestionGrains;
            if (!Enum.IsDefined(grain))
            {
                context.Fail($"unknown grain '{InvariantText.Of(grain)}'");
            }
            else if (grains.Count > 0 && !grains.Contains(grain))
            {
                context.Fail($"grain '{grain}' is not one of ingestion.grains ({InvariantText.List(grains)})");
            }
        });

        RuleFor(t => t.Direction).Named("direction").Custom((direction, context) =>
        {
            if (!Enum.IsDefined(direction))
            {
                context.Fail($"unknown direction '{InvariantText.Of(direction)}'");
            }
        });

        RuleFor(t => t.Goal).Named("goal").Custom((goal, context) => CheckGoal(goal, context, string.Empty));
        RuleFor(t => t.GoalChanges).Named("goalChanges").Custom(CheckGoalChanges);

        RuleFor(t => t.Pacing).Named("pacing")
            .NotNull().WithMessage("pacing is required")
            .SetValidator(t => PacingValidator.For(t.Grain));

        RuleFor(t => t.Thresholds).Named("thresholds")
            .NotNull().WithMessage("thresholds are required")
            .SetValidator(new ThresholdsValidator());

        RuleFor(t => t.Milestones).Named("milestones").Custom((milestones, context) =>
        {
            if (milestones is null)
            {
                context.Fail("milestones must not be null");
            }
        });
        RuleForEach(t => t.Milestones).Named("milestones")
            .NotNull().WithMessage("milestone must not be null")
            .SetValidator(t => MilestoneValidator.For(t.Grain));
    }

    /// <summary>The dimensions the target's metric can be scoped and split by; null when the metric is unknown or broken.</summary>
    private static IReadOnlyList<string>? GroupByOf(ValidationContext<TargetDefinition> context)
    {
        var index = DefinitionIndex.Of(context);
        var metric = index.Metric(context.InstanceToValidate.Metric);
        return metric is null ? null : index.GroupByOf(metric);
    }

    private static void CheckScope(IReadOnlyDictionary<string, string>? scope, ValidationContext<TargetDefinition> context)
    {
        if (scope is null)
        {
            context.Fail("scope must not be null");
            return;
        }

        var groupBy = GroupByOf(context);
        foreach (var (dimension, value) in scope)
        {
            if (string.IsNullOrWhiteSpace(dimension))
            {
                context.Fail("scope dimension must not be blank");
                continue;
            }

            var at = "." + dimension;
            if (string.IsNullOrWhiteSpace(value))
            {
                context.Fail($"scope value for '{dimension}' must not be blank", at);
            }

            if (groupBy is not null && !groupBy.Contains(dimension, StringComparer.Ordinal))
            {
                context.Fail($"metric '{context.InstanceToValidate.Metric}' is not grouped by '{dimension}'", at);
            }
        }
    }

    private static void CheckMembers(IReadOnlyList<string>? members, ValidationContext<TargetDefinition> context)
    {
        if (members is null || members.Count == 0)
        {
            return;
        }

        if (context.InstanceToValidate.Each is null)
        {
            context.Fail("members need 'each' to name the dimension they belong to");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (string.IsNullOrWhiteSpace(member))
            {
                context.Fail("a member must not be blank");
            }
            else if (!seen.Add(member))
            {
                context.Fail($"duplicate member '{member}'");
            }
        }
    }

    private static void CheckEach(string? each, ValidationContext<TargetDefinition> context)
    {
        if (each is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(each))
        {
            context.Fail("each must name a dimension or be left out");
            return;
        }

        var groupBy = GroupByOf(context);
        if (groupBy is not null && !groupBy.Contains(each, StringComparer.Ordinal))
        {
            context.Fail($"metric '{context.InstanceToValidate.Metric}' is not grouped by '{each}'");
        }

        if (context.InstanceToValidate.Scope?.ContainsKey(each) == true)
        {
            context.Fail($"'{each}' cannot be both in scope and each");
        }
    }

    private static void CheckGoal<T>(double goal, ValidationContext<T> context, string at)
    {
        if (!double.IsFinite(goal))
        {
            context.Fail($"goal must be a finite number ({InvariantText.Of(goal)})", at);
        }
        else if (goal < 0)
        {
            context.Fail($"goal must not be negative ({InvariantText.Of(goal)})", at);
        }
    }

    private static void CheckGoalChanges(IReadOnlyList<GoalVersion>? changes, ValidationContext<TargetDefinition> context)
    {
        if (changes is null)
        {
            context.Fail("goalChanges must not be null");
            return;
        }

        GoalVersion? previous = null;
        for (var i = 0; i < changes.Count; i++)
        {
            var at = $"[{InvariantText.Of(i)}]";
            var change = changes[i];
            if (change is null)
            {
                context.Fail("goal change must not be null", at);
                continue;
            }

            CheckGoal(change.Goal, context, at + ".goal");
            if (previous is not null && change.EffectiveFrom <= previous.EffectiveFrom)
            {
                context.Fail(
                    $"goal changes must be in strictly increasing order of effectiveFrom ({InvariantText.Of(change.EffectiveFrom)} is not after {InvariantText.Of(previous.EffectiveFrom)})",
                    at + ".effectiveFrom");
            }

            previous = change;
        }
    }
}
