using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SalesOps.Metrics.Calendar;

/// <summary>The labels of calendar periods, always formatted with the invariant culture.</summary>
internal static class PeriodLabels
{
    // The local start with its offset, so the two buckets of a repeated hour read differently.
    private static readonly OffsetDateTimePattern HourPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<+HH:mm>");

    /// <summary>An hour: <c>2026-11-01T01:00-06:00</c>.</summary>
    /// <param name="start">The local start of the hour with its offset.</param>
    /// <returns>The label.</returns>
    public static string Hour(OffsetDateTime start) => HourPattern.Format(start);

    /// <summary>A day: <c>2026-11-28</c>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The label.</returns>
    public static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A week: <c>2026-W53</c>.</summary>
    /// <param name="weekYear">The week year.</param>
    /// <param name="week">The week of the week year.</param>
    /// <returns>The label.</returns>
    public static string Week(int weekYear, int week) =>
        string.Create(CultureInfo.InvariantCulture, $"{weekYear:D4}-W{week:D2}");

    /// <summary>A month: <c>2026-11</c>.</summary>
    /// <param name="first">The first date of the month.</param>
    /// <returns>The label.</returns>
    public static string Month(LocalDate first) =>
        string.Create(CultureInfo.InvariantCulture, $"{first.Year:D4}-{first.Month:D2}");

    /// <summary>A quarter: <c>2026-Q4</c> for calendar quarters, <c>FY2027-Q1</c> for fiscal ones.</summary>
    /// <param name="fiscalYear">The fiscal year.</param>
    /// <param name="quarter">The fiscal quarter, 1–4.</param>
    /// <param name="fiscalStartMonth">The month the fiscal year starts in.</param>
    /// <returns>The label.</returns>
    public static string Quarter(int fiscalYear, int quarter, int fiscalStartMonth) =>
        string.Create(CultureInfo.InvariantCulture, $"{Year(fiscalYear, fiscalStartMonth)}-Q{quarter}");

    /// <summary>A year: <c>2026</c> for calendar years, <c>FY2027</c> for fiscal ones.</summary>
    /// <param name="fiscalYear">The fiscal year.</param>
    /// <param name="fiscalStartMonth">The month the fiscal year starts in.</param>
    /// <returns>The label.</returns>
    public static string Year(int fiscalYear, int fiscalStartMonth) =>
        fiscalStartMonth == 1
            ? fiscalYear.ToString("D4", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"FY{fiscalYear:D4}");
}
