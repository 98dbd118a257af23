using FluentValidation;
using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>Validates the calendar: a known zone, a fiscal start month, working days, hours and holidays.</summary>
internal sealed class CalendarValidator : AbstractValidator<CalendarDefinition>
{
    public CalendarValidator()
    {
        RuleFor(c => c.Zone).Named("zone").Custom((zone, context) =>
        {
            if (string.IsNullOrWhiteSpace(zone))
            {
                context.Fail("time zone is required");
            }
            else if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            {
                context.Fail($"unknown time zone '{zone}'");
            }
        });

        RuleFor(c => c.FirstDayOfWeek).Named("firstDayOfWeek").Custom((day, context) =>
        {
            if (!IsDay(day))
            {
                context.Fail($"'{InvariantText.Of(day)}' is not a day of the week");
            }
        });

        RuleFor(c => c.FiscalYearStartMonth).Named("fiscalYearStartMonth").Custom((month, context) =>
        {
            if (month is < 1 or > 12)
            {
                context.Fail($"fiscal year start month must be between 1 and 12 ({InvariantText.Of(month)})");
            }
        });

        RuleFor(c => c.WorkingDays).Named("workingDays").Custom(CheckWorkingDays);

        RuleFor(c => c.WorkingHoursStart).Named("workingHoursStart").Custom((start, context) =>
        {
            var end = context.InstanceToValidate.WorkingHoursEnd;
            if (start >= end)
            {
                context.Fail($"working hours must start before they end ({InvariantText.Of(start)} is not before {InvariantText.Of(end)})");
            }
        });

        RuleFor(c => c.Holidays).Named("holidays").Custom((holidays, context) =>
        {
            if (holidays is null)
            {
                context.Fail("holidays must not be null");
                return;
            }

            var seen = new HashSet<LocalDate>();
            for (var i = 0; i < holidays.Count; i++)
            {
                if (!seen.Add(holidays[i]))
                {
                    context.Fail($"duplicate holiday {InvariantText.Of(holidays[i])}", $"[{InvariantText.Of(i)}]");
                }
            }
        });
    }

    private static bool IsDay(IsoDayOfWeek day) => day is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday;

    private static void CheckWorkingDays(IReadOnlyList<IsoDayOfWeek>? days, ValidationContext<CalendarDefinition> context)
    {
        if (days is null || days.Count == 0)
        {
            context.Fail("at least one working day is required");
            return;
        }

        var seen = new HashSet<IsoDayOfWeek>();
        for (var i = 0; i < days.Count; i++)
        {
            var at = $"[{InvariantText.Of(i)}]";
            if (!IsDay(days[i]))
            {
                context.Fail($"'{InvariantText.Of(days[i])}' is not a day of the week", at);
            }
            else if (!seen.Add(days[i]))
            {
                context.Fail($"duplicate working day '{days[i]}'", at);
            }
        }
    }
}
