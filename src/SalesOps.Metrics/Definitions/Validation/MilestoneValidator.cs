using FluentValidation;

namespace SalesOps.Metrics.Definitions;

/// <summary>
/// Validates one milestone of a target: a fraction in (0, 1] due by the end of the n-th day, week or month of the
/// target's period, where n cannot pass the end of the longest such period.
/// </summary>
internal sealed class MilestoneValidator : AbstractValidator<MilestoneDefinition>
{
    private static readonly MilestoneValidator[] ByTargetGrain =
        Enum.GetValues<Grain>().Select(g => new MilestoneValidator(g)).ToArray();

    private static readonly MilestoneValidator WithoutGrain = new(null);

    private MilestoneValidator(Grain? targetGrain)
    {
        RuleFor(m => m.Name).Named("name").Custom((name, context) =>
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                context.Fail("milestone name is required");
            }
        });

        RuleFor(m => m.Fraction).Named("fraction").Custom((fraction, context) =>
        {
            if (!(fraction > 0 && fraction <= 1))
            {
                context.Fail($"milestone '{context.InstanceToValidate.Name}' fraction must be in (0, 1] ({InvariantText.Of(fraction)})");
            }
        });

        RuleFor(m => m.DueGrain).Named("dueGrain").Custom((dueGrain, context) =>
        {
            var name = context.InstanceToValidate.Name;
            if (dueGrain is not (Grain.Day or Grain.Week or Grain.Month))
            {
                context.Fail($"milestone '{name}' must be due by the end of a day, week or month, not '{InvariantText.Of(dueGrain)}'");
            }
            else if (targetGrain is { } target && dueGrain >= target)
            {
                context.Fail($"milestone '{name}' due grain '{dueGrain}' must be finer than the target grain '{target}'");
            }
        });

        RuleFor(m => m.DueCount).Named("dueCount").Custom((dueCount, context) =>
        {
            var milestone = context.InstanceToValidate;
            if (dueCount < 1)
            {
                context.Fail($"milestone '{milestone.Name}' must be due after at least 1 sub-period ({InvariantText.Of(dueCount)})");
            }
            else if (targetGrain is { } target && MaxPerPeriod(target, milestone.DueGrain) is { } max && dueCount > max)
            {
                context.Fail(
                    $"milestone '{milestone.Name}' is due after the period end: a {InvariantText.Noun(target)} has at most {InvariantText.Of(max)} {InvariantText.Plural(milestone.DueGrain)}");
            }
        });
    }

    /// <summary>The validator for targets of the given grain (an undefined grain, reported on the target, skips the grain checks).</summary>
    public static MilestoneValidator For(Grain targetGrain)
        => Enum.IsDefined(targetGrain) ? ByTargetGrain[(int)targetGrain] : WithoutGrain;

    /// <summary>
    /// The most sub-periods of <paramref name="dueGrain"/> the longest period of <paramref name="grain"/> touches:
    /// a month spans up to 6 calendar weeks, a quarter 14 and a year 54. Null when the pair is not a valid milestone.
    /// </summary>
    internal static int? MaxPerPeriod(Grain grain, Grain dueGrain) => (grain, dueGrain) switch
    {
        (Grain.Week, Grain.Day) => 7,
        (Grain.Month, Grain.Day) => 31,
        (Grain.Month, Grain.Week) => 6,
        (Grain.Quarter, Grain.Day) => 92,
        (Grain.Quarter, Grain.Week) => 14,
        (Grain.Quarter, Grain.Month) => 3,
        (Grain.Year, Grain.Day) => 366,
        (Grain.Year, Grain.Week) => 54,
        (Grain.Year, Grain.Month) => 12,
        _ => null,
    };
}
