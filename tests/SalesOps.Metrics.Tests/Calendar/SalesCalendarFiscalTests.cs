using NodaTime;
using static SalesOps.Metrics.Tests.Calendar.CalendarFixtures;

namespace SalesOps.Metrics.Tests.Calendar;

public sealed class SalesCalendarFiscalTests
{
    [TestCase("2026-01-31", 2026, 4, "FY2026-Q4", "FY2026")]
    [TestCase("2026-02-01", 2027, 1, "FY2027-Q1", "FY2027")]
    [TestCase("2026-04-30", 2027, 1, "FY2027-Q1", "FY2027")]
    [TestCase("2026-05-01", 2027, 2, "FY2027-Q2", "FY2027")]
    [TestCase("2026-07-31", 2027, 2, "FY2027-Q2", "FY2027")]
    [TestCase("2026-08-01", 2027, 3, "FY2027-Q3", "FY2027")]
    [TestCase("2026-11-01", 2027, 4, "FY2027-Q4", "FY2027")]
    [TestCase("2027-01-31", 2027, 4, "FY2027-Q4", "FY2027")]
    [TestCase("2027-02-01", 2028, 1, "FY2028-Q1", "FY2028")]
    public void PeriodOf_FebruaryFiscalStart_FollowsFiscalQuarters(string date, int fiscalYear, int quarter, string quarterLabel, string yearLabel)
    {
        var calendar = Create(Denver, fiscalYearStartMonth: 2);
        var instant = calendar.StartOfDay(Date(date)) + Duration.FromHours(23);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.FiscalYear(Date(date)), Is.EqualTo(fiscalYear));
            Assert.That(calendar.FiscalQuarter(Date(date)), Is.EqualTo(quarter));
            Assert.That(calendar.PeriodOf(instant, Grain.Quarter).Label, Is.EqualTo(quarterLabel));
            Assert.That(calendar.PeriodOf(instant, Grain.Year).Label, Is.EqualTo(yearLabel));
            Assert.That(calendar.KeyOf(instant, Grain.Quarter), Is.EqualTo((fiscalYear * 4L) + quarter - 1));
            Assert.That(calendar.KeyOf(instant, Grain.Year), Is.EqualTo(fiscalYear));
        }
    }

    [Test]
    public void PeriodOf_FebruaryFiscalQ1_HasExactBounds()
    {
        var calendar = Create(Denver, fiscalYearStartMonth: 2);

        var quarter = calendar.PeriodOf(Utc("2026-03-15T12:00:00Z"), Grain.Quarter);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(quarter.Label, Is.EqualTo("FY2027-Q1"));
            Assert.That(quarter.Start, Is.EqualTo(Utc("2026-02-01T07:00:00Z")), "local midnight, MST");
            Assert.That(quarter.End, Is.EqualTo(Utc("2026-05-01T06:00:00Z")), "local midnight, MDT");
            Assert.That(calendar.PeriodOf(quarter.End - Duration.Epsilon, Grain.Quarter), Is.EqualTo(quarter));
            Assert.That(calendar.PeriodOf(quarter.End, Grain.Quarter).Label, Is.EqualTo("FY2027-Q2"));
            Assert.That(calendar.PeriodOf(quarter.Start - Duration.Epsilon, Grain.Quarter).Label, Is.EqualTo("FY2026-Q4"));
        }
    }

    [Test]
    public void PeriodOf_FebruaryFiscalYear_RunsFromFebruaryToFebruary()
    {
        var calendar = Create(Denver, fiscalYearStartMonth: 2);

        var year = calendar.PeriodOf(Utc("2026-12-25T12:00:00Z"), Grain.Year);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(year.Label, Is.EqualTo("FY2027"));
            Assert.That(year.Start, Is.EqualTo(Utc("2026-02-01T07:00:00Z")));
            Assert.That(year.End, Is.EqualTo(Utc("2027-02-01T07:00:00Z")));
        }
    }

    [TestCase("2026-06-30", "FY2026-Q4")]
    [TestCase("2026-07-01", "FY2027-Q1")]
    [TestCase("2026-10-01", "FY2027-Q2")]
    [TestCase("2027-04-01", "FY2027-Q4")]
    public void PeriodOf_JulyFiscalStart_FollowsFiscalQuarters(string date, string label)
    {
        var calendar = Create(Berlin, fiscalYearStartMonth: 7);

        Assert.That(calendar.PeriodOf(calendar.StartOfDay(Date(date)), Grain.Quarter).Label, Is.EqualTo(label));
    }

    [TestCase("2026-01-01", "2026-Q1", "2026-01-01T07:00:00Z", "2026-04-01T06:00:00Z")]
    [TestCase("2026-05-31", "2026-Q2", "2026-04-01T06:00:00Z", "2026-07-01T06:00:00Z")]
    [TestCase("2026-09-30", "2026-Q3", "2026-07-01T06:00:00Z", "2026-10-01T06:00:00Z")]
    [TestCase("2026-11-28", "2026-Q4", "2026-10-01T06:00:00Z", "2027-01-01T07:00:00Z")]
    public void PeriodOf_CalendarQuarters_AreLabelledWithoutFiscalPrefix(string date, string label, string start, string end)
    {
        var calendar = Create(Denver);

        var quarter = calendar.PeriodOf(calendar.StartOfDay(Date(date)) + Duration.FromHours(12), Grain.Quarter);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(quarter.Label, Is.EqualTo(label));
            Assert.That(quarter.Start, Is.EqualTo(Utc(start)));
            Assert.That(quarter.End, Is.EqualTo(Utc(end)));
        }
    }

    [Test]
    public void PeriodOf_CalendarYearAndMonth_HaveLabelsAndBounds()
    {
        var calendar = Create(Denver);
        var instant = Utc("2026-11-28T18:00:00Z");

        var month = calendar.PeriodOf(instant, Grain.Month);
        var year = calendar.PeriodOf(instant, Grain.Year);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(month.Label, Is.EqualTo("2026-11"));
            Assert.That(month.Start, Is.EqualTo(Utc("2026-11-01T06:00:00Z")));
            Assert.That(month.End, Is.EqualTo(Utc("2026-12-01T07:00:00Z")));
            Assert.That(calendar.KeyOf(instant, Grain.Month), Is.EqualTo((2026 * 12) + 10));
            Assert.That(year.Label, Is.EqualTo("2026"));
            Assert.That(year.Start, Is.EqualTo(Utc("2026-01-01T07:00:00Z")));
            Assert.That(year.End, Is.EqualTo(Utc("2027-01-01T07:00:00Z")));
            Assert.That(calendar.PeriodOf(instant, Grain.Day).Label, Is.EqualTo("2026-11-28"));
        }
    }
}
