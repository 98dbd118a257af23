using System.Globalization;
using FluentValidation;
using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Validates one metric: its name, aggregation, event types, filters, group-by, ratio parts and display.</summary>
internal sealed class MetricValidator : AbstractValidator<MetricDefinition>
{
    /// <summary>The most group-by dimensions a metric may have (each prefix is a roll-up level).</summary>
    public const int MaxGroupBy = 4;

    public MetricValidator()
    {
        RuleFor(m => m.Name).Named("name").Custom((name, context) =>
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                context.Fail("metric name is required");
            }
            else if (name.Any(char.IsWhiteSpace))
            {
                context.Fail($"metric name '{name}' must not contain whitespace");
            }
        });

        RuleFor(m => m.Aggregation).Named("aggregation").Custom((aggregation, context) =>
        {
            if (!Enum.IsDefined(aggregation))
            {
                context.Fail($"unknown aggregation '{InvariantText.Of(aggregation)}'");
            }
        });

        RuleFor(m => m.EventTypes).Named("eventTypes").Custom(CheckEventTypes);
        RuleFor(m => m.Filters).Named("filters").Custom(CheckFilters);
        RuleFor(m => m.GroupBy).Named("groupBy").Custom(CheckGroupBy);
        RuleFor(m => m.DistinctDimension).Named("distinctDimension").Custom(CheckDistinctDimension);
        RuleFor(m => m.Ratio).Named("ratio").Custom(CheckRatio);

        RuleFor(m => m.Kind).Named("kind").Custom((kind, context) =>
        {
            if (!Enum.IsDefined(kind))
            {
                context.Fail($"unknown metric kind '{InvariantText.Of(kind)}'");
            }
        });

        RuleFor(m => m.Unit).Named("unit").Custom((unit, context) =>
        {
            if (unit is null)
            {
                context.Fail("unit must not be null; use an empty string for none");
            }
        });

        RuleFor(m => m.Format).Named("format").Custom(CheckFormat);

        RuleFor(m => m.Review).Named("review").Custom((review, context) =>
        {
            if (review <= Duration.Zero)
            {
                context.Fail($"review interval must be positive ({InvariantText.Of(review)})");
            }
        });
    }

    private static bool IsRatio(ValidationContext<MetricDefinition> context)
        => context.InstanceToValidate.Aggregation == AggregationKind.Ratio;

    private static void CheckEventTypes(IReadOnlyList<string>? eventTypes, ValidationContext<MetricDefinition> context)
    {
        if (IsRatio(context))
        {
            if (eventTypes is { Count: > 0 })
            {
                context.Fail("a ratio has no event types of its own; it divides its two metrics");
            }

            return;
        }

        if (eventTypes is null || eventTypes.Count == 0)
        {
            context.Fail($"a {InvariantText.Of(context.InstanceToValidate.Aggregation)} metric needs at least one event type");
            return;
        }

        for (var i = 0; i < eventTypes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(eventTypes[i]))
            {
                context.Fail("event type must not be blank", $"[{InvariantText.Of(i)}]");
            }
        }
    }

    private static void CheckFilters(
        IReadOnlyDictionary<string, IReadOnlyList<string>>? filters, ValidationContext<MetricDefinition> context)
    {
        if (filters is null)
        {
            context.Fail("filters must not be null");
            return;
        }

        if (IsRatio(context))
        {
            if (filters.Count > 0)
            {
                context.Fail("a ratio has no filters of its own; filter its numerator and denominator instead");
            }

            return;
        }

        foreach (var (dimension, values) in filters)
        {
            if (string.IsNullOrWhiteSpace(dimension))
            {
                context.Fail("filter dimension must not be blank");
                continue;
            }

            var at = "." + dimension;
            if (values is null || values.Count == 0)
            {
                context.Fail($"filter '{dimension}' needs at least one value", at);
                continue;
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(values[i]))
                {
                    context.Fail($"filter '{dimension}' value must not be blank", $"{at}[{InvariantText.Of(i)}]");
                }
            }
        }
    }

    private static void CheckGroupBy(IReadOnlyList<string>? groupBy, ValidationContext<MetricDefinition> context)
    {
        if (groupBy is null)
        {
            context.Fail("groupBy must not be null");
            return;
        }

        if (IsRatio(context))
        {
            if (groupBy.Count > 0)
            {
                context.Fail("a ratio has no group-by of its own; it uses the group-by dimensions its parts share");
            }

            return;
        }

        if (groupBy.Count > MaxGroupBy)
        {
            context.Fail($"at most {InvariantText.Of(MaxGroupBy)} group-by dimensions are supported ({InvariantText.Of(groupBy.Count)})");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < groupBy.Count; i++)
        {
            var at = $"[{InvariantText.Of(i)}]";
            if (string.IsNullOrWhiteSpace(groupBy[i]))
            {
                context.Fail("group-by dimension must not be blank", at);
            }
            else if (!seen.Add(groupBy[i]))
            {
                context.Fail($"duplicate group-by dimension '{groupBy[i]}'", at);
            }
        }
    }

    private static void CheckDistinctDimension(string? dimension, ValidationContext<MetricDefinition> context)
    {
        var isDistinctCount = context.InstanceToValidate.Aggregation == AggregationKind.DistinctCount;
        if (isDistinctCount && string.IsNullOrWhiteSpace(dimension))
        {
            context.Fail("a DistinctCount metric needs the dimension whose distinct values it counts");
        }
        else if (!isDistinctCount && dimension is not null)
        {
            context.Fail($"distinctDimension '{dimension}' is only used by DistinctCount metrics");
        }
    }

    private static void CheckRatio(RatioDefinition? ratio, ValidationContext<MetricDefinition> context)
    {
        if (!IsRatio(context))
        {
            if (ratio is not null)
            {
                context.Fail("ratio is only used by Ratio metrics");
            }

            return;
        }

        if (ratio is null)
        {
            context.Fail("a Ratio metric needs a numerator and a denominator");
            return;
        }

        CheckRatioPart(ratio.Numerator, "numerator", context);
        CheckRatioPart(ratio.Denominator, "denominator", context);
    }

    private static void CheckRatioPart(string? part, string role, ValidationContext<MetricDefinition> context)
    {
        var at = "." + role;
        if (string.IsNullOrWhiteSpace(part))
        {
            context.Fail($"the {role} metric is required", at);
            return;
        }

        if (string.Equals(part, context.InstanceToValidate.Name, StringComparison.Ordinal))
        {
            context.Fail("a ratio cannot refer to itself", at);
            return;
        }

        var metric = DefinitionIndex.Of(context).Metric(part);
        if (metric is null)
        {
            context.Fail($"unknown metric '{part}'", at);
        }
        else if (metric.Aggregation == AggregationKind.Ratio)
        {
            context.Fail($"a ratio of a ratio is not supported: '{part}' is itself a ratio", at);
        }
    }

    private static void CheckFormat(string? format, ValidationContext<MetricDefinition> context)
    {
        try
        {
            _ = 1234.5.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            context.Fail($"'{format}' is not a numeric format string");
        }
    }
}
