using NodaTime;

namespace SalesOps.Metrics.Definitions;

/// <summary>The calendar every window, grain and pacing curve is computed in.</summary>
public sealed record CalendarDefinition
{
    /// <summary>The IANA time zone id, such as <c>America/Denver</c>. Default <c>UTC</c>.</summary>
    public string Zone { get; init; } = "UTC";

    /// <summary>The first day of the week; weeks are numbered so that week 1 holds at least four days of the new year. Default Monday (ISO weeks).</summary>
    public IsoDayOfWeek FirstDayOfWeek { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>The month (1–12) the fiscal year starts in; fiscal years are named by the calendar year they end in. Default 1.</summary>
    public int FiscalYearStartMonth { get; init; } = 1;

    /// <summary>The working days. Default Monday to Friday.</summary>
    public IReadOnlyList<IsoDayOfWeek> WorkingDays { get; init; } =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    /// <summary>The local time the working day starts. Default 09:00.</summary>
    public LocalTime WorkingHoursStart { get; init; } = new(9, 0);

    /// <summary>The local time the working day ends (exclusive). Default 17:00.</summary>
    public LocalTime WorkingHoursEnd { get; init; } = new(17, 0);

    /// <summary>Holidays: local dates on which no working time elapses.</summary>
    public IReadOnlyList<LocalDate> Holidays { get; init; } = [];
}
