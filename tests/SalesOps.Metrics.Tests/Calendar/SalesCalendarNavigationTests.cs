using NodaTime;
using static SalesOps.Metrics.Tests.Calendar.CalendarFixtures;

namespace SalesOps.Metrics.Tests.Calendar;

public sealed class SalesCalendarNavigationTests
{
    [TestCase(Grain.Day, "2026-12-31", "2027-01-01", "2026-12-30")]
    [TestCase(Grain.Week, "2026-W53", "2027-W01", "2026-W52")]
    [TestCase(Grain.Month, "2026-12", "2027-01", "2026-11")]
    [TestCase(Grain.Quarter, "2026-Q4", "2027-Q1", "2026-Q3")]
    [TestCase(Grain.Year, "2026", "2027", "2025")]
    public void NextAndPrevious_AtCalendarYearEnd_CrossTheYear(Grain grain, string label, string next, string previous)
    {
        var calendar = Create(Denver);
        var period = calendar.PeriodOf(calendar.At("2026-12-31T12:00:00"), grain);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(period.Label, Is.EqualTo(label));
            Assert.That(calendar.Next(period).Label, Is.EqualTo(next));
            Assert.That(calendar.Previous(period).Label, Is.EqualTo(previous));
            Assert.That(calendar.Next(period).Start, Is.EqualTo(period.End));
            Assert.That(calendar.Previous(period).End, Is.EqualTo(period.Start));
        }
    }

    [TestCase(Grain.Quarter, "FY2027-Q4", "FY2028-Q1", "FY2027-Q3")]
    [TestCase(Grain.Year, "FY2027", "FY2028", "FY2026")]
    public void NextAndPrevious_AtFiscalYearEnd_CrossTheFiscalYear(Grain grain, string label, string next, string previous)
    {
        var calendar = Create(Denver, fiscalYearStartMonth: 2);
        var period = calendar.PeriodOf(calendar.At("2027-01-15T12:00:00"), grain);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(period.Label, Is.EqualTo(label));
            Assert.That(calendar.Next(period).Label, Is.EqualTo(next));
            Assert.That(calendar.Previous(period).Label, Is.EqualTo(previous));
            Assert.That(calendar.Next(period).Start, Is.EqualTo(Utc("2027-02-01T07:00:00Z")));
        }
    }

    [Test]
    public void Offset_MonthsAcrossDaylightSaving_KeepLocalMidnightBounds()
    {
        var calendar = Create(Denver);
        var february = calendar.PeriodOf(Utc("2026-02-10T12:00:00Z"), Grain.Month);

        var march = calendar.Offset(february, 1);
        var november = calendar.Offset(february, 9);
        var lastYearDecember = calendar.Offset(february, -2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(march.Label, Is.EqualTo("2026-03"));
            Assert.That(march.Start, Is.EqualTo(Utc("2026-03-01T07:00:00Z")));
            Assert.That(march.End, Is.EqualTo(Utc("2026-04-01T06:00:00Z")));
            Assert.That(march.Interval.Duration, Is.EqualTo(Duration.FromHours((31 * 24) - 1)));
            Assert.That(november.Label, Is.EqualTo("2026-11"));
            Assert.That(november.Interval.Duration, Is.EqualTo(Duration.FromHours((30 * 24) + 1)));
            Assert.That(lastYearDecember.Label, Is.EqualTo("2025-12"));
            Assert.That(calendar.Offset(february, 0), Is.EqualTo(february));
        }
    }

    [Test]
    public void Offset_DaysAcrossSpringForward_LandOnLocalMidnight()
    {
        var calendar = Create(Denver);
        var saturday = calendar.PeriodOf(Utc("2026-03-07T18:00:00Z"), Grain.Day);

        var monday = calendar.Offset(saturday, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(monday.Label, Is.EqualTo("2026-03-09"));
            Assert.That(monday.Start, Is.EqualTo(Utc("2026-03-09T06:00:00Z")));
            Assert.That(calendar.Offset(monday, -2), Is.EqualTo(saturday));
            Assert.That(calendar.Offset(saturday, 365).Label, Is.EqualTo("2027-03-07"));
        }
    }

    [Test]
    public void Next_HoursAcrossFallBack_VisitBothRepeatedHours()
    {
        var calendar = Create(Denver);
        var midnight = calendar.PeriodOf(Utc("2026-11-01T06:10:00Z"), Grain.Hour);

        var labels = new List<string>();
        for (var hour = midnight; labels.Count < 4; hour = calendar.Next(hour))
        {
            labels.Add(hour.Label);
        }

        Assert.That(labels, Is.EqualTo(new[]
        {
            "2026-11-01T00:00-06:00",
            "2026-11-01T01:00-06:00",
            "2026-11-01T01:00-07:00",
            "2026-11-01T02:00-07:00",
        }));
    }

    [Test]
    public void Offset_HoursAcrossDayEnds_CountBuckets()
    {
        var calendar = Create(Denver);
        var firstSpringHour = calendar.PeriodOf(Utc("2026-03-08T07:00:00Z"), Grain.Hour);
        var lastFallHour = calendar.PeriodOf(Utc("2026-11-02T06:30:00Z"), Grain.Hour);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.Offset(firstSpringHour, 2).Label, Is.EqualTo("2026-03-08T03:00-06:00"));
            Assert.That(calendar.Offset(firstSpringHour, 23).Label, Is.EqualTo("2026-03-09T00:00-06:00"));
            Assert.That(calendar.Offset(firstSpringHour, -1).Label, Is.EqualTo("2026-03-07T23:00-07:00"));
            Assert.That(lastFallHour.Label, Is.EqualTo("2026-11-01T23:00-07:00"));
            Assert.That(calendar.Next(lastFallHour).Label, Is.EqualTo("2026-11-02T00:00-07:00"));
            Assert.That(calendar.Offset(lastFallHour, -24).Label, Is.EqualTo("2026-11-01T00:00-06:00"));
            Assert.That(calendar.Offset(firstSpringHour, 24 * 365).Label, Is.EqualTo("2027-03-08T00:00-07:00"), "one 23-hour and one 25-hour day between");
            Assert.That(calendar.Offset(calendar.Offset(firstSpringHour, 5000), -5000), Is.EqualTo(firstSpringHour));
        }
    }

    [Test]
    public void Offset_WeeksAcrossIsoYearEnd_StepSevenDays()
    {
        var calendar = Create(Denver);
        var week53 = calendar.PeriodOf(Utc("2026-12-31T12:00:00Z"), Grain.Week);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.Offset(week53, 1).Start, Is.EqualTo(Utc("2027-01-04T07:00:00Z")));
            Assert.That(calendar.Offset(week53, 52).Label, Is.EqualTo("2027-W52"));
            Assert.That(calendar.Offset(week53, -53).Label, Is.EqualTo("2025-W52"));
        }
    }

    [Test]
    public void Offset_NullPeriod_ThrowsArgumentNullException()
    {
        var calendar = Create(Denver);

        Assert.That(() => calendar.Offset(null!, 1), Throws.ArgumentNullException);
    }

    [Test]
    public void Offset_HoursBeyondSupportedYears_ThrowsArgumentOutOfRangeException()
    {
        var calendar = Create(Denver);
        var hour = calendar.PeriodOf(Utc("2026-03-08T07:00:00Z"), Grain.Hour);

        Assert.That(() => calendar.Offset(hour, int.MaxValue), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(Denver, 1, IsoDayOfWeek.Monday)]
    [TestCase(Berlin, 2, IsoDayOfWeek.Sunday)]
    [TestCase("America/Santiago", 7, IsoDayOfWeek.Saturday)]
    [TestCase("Australia/Lord_Howe", 4, IsoDayOfWeek.Monday)]
    public void PeriodOfKey_KeysOfInstantsAcross2026And2027_RoundTripForEveryGrain(string zone, int fiscalStart, IsoDayOfWeek firstDay)
    {
        var calendar = Create(zone, fiscalStart, firstDay);
        var instants = InstantsAcross2026And2027(calendar.Zone);
        Assert.That(instants, Has.Count.GreaterThan(400));

        foreach (var grain in Enum.GetValues<Grain>())
        {
            var previousKey = long.MinValue;
            foreach (var instant in instants)
            {
                var key = calendar.KeyOf(instant, grain);
                var period = calendar.PeriodOfKey(grain, key);

                Assert.That(period.Contains(instant), $"{grain} {period} contains {instant}");
                Assert.That(period.Grain, Is.EqualTo(grain));
                Assert.That(calendar.PeriodOf(instant, grain), Is.EqualTo(period));
                Assert.That(calendar.KeyOf(period.Start, grain), Is.EqualTo(key), $"{grain} {period} start");
                Assert.That(calendar.KeyOf(period.End - Duration.Epsilon, grain), Is.EqualTo(key), $"{grain} {period} end");
                Assert.That(calendar.KeyOf(period.End, grain), Is.GreaterThan(key));
                Assert.That(calendar.Next(period).Start, Is.EqualTo(period.End));
                Assert.That(key, Is.GreaterThanOrEqualTo(previousKey), "keys increase with time");
                previousKey = key;
            }
        }
    }

    [Test]
    public void PeriodOfKey_DayNumberThatIsNotAWeekStart_ThrowsArgumentOutOfRangeException()
    {
        var calendar = Create(Denver);
        var tuesday = new DateOnly(2026, 11, 3).DayNumber;

        Assert.That(() => calendar.PeriodOfKey(Grain.Week, tuesday), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("2026-11-03"));
    }

    [Test]
    public void PeriodOfKey_HourPastTheEndOfA23HourDay_ThrowsArgumentOutOfRangeException()
    {
        var calendar = Create(Denver);
        var dayKey = new DateOnly(2026, 3, 8).DayNumber;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.PeriodOfKey(Grain.Hour, (dayKey * 32L) + 22).Label, Is.EqualTo("2026-03-08T23:00-06:00"));
            Assert.That(() => calendar.PeriodOfKey(Grain.Hour, (dayKey * 32L) + 23), Throws.TypeOf<ArgumentOutOfRangeException>());
        }
    }

    [TestCase(Grain.Day, long.MaxValue)]
    [TestCase(Grain.Month, -12L)]
    [TestCase(Grain.Year, 100_000L)]
    [TestCase((Grain)42, 0L)]
    public void PeriodOfKey_OutOfRange_ThrowsArgumentOutOfRangeException(Grain grain, long key)
    {
        var calendar = Create(Denver);

        Assert.That(() => calendar.PeriodOfKey(grain, key), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void SubPeriods_DaysOfNovember2026_AreThirtyContiguousDays()
    {
        var calendar = Create(Denver);
        var november = calendar.PeriodOf(Utc("2026-11-15T12:00:00Z"), Grain.Month);

        var days = calendar.SubPeriods(november, Grain.Day);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(days, Has.Count.EqualTo(30));
            Assert.That(days[0].Label, Is.EqualTo("2026-11-01"));
            Assert.That(days[^1].Label, Is.EqualTo("2026-11-30"));
            Assert.That(days[0].Start, Is.EqualTo(november.Start));
            Assert.That(days[^1].End, Is.EqualTo(november.End));
            Assert.That(days.Zip(days.Skip(1)).All(pair => pair.First.End == pair.Second.Start), Is.True);
        }
    }

    [Test]
    public void SubPeriods_WeeksOfNovember2026_AreClippedToTheMonth()
    {
        var calendar = Create(Denver);
        var november = calendar.PeriodOf(Utc("2026-11-15T12:00:00Z"), Grain.Month);

        var weeks = calendar.SubPeriods(november, Grain.Week);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(weeks.Select(week => week.Label), Is.EqualTo(new[] { "2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49" }));
            Assert.That(weeks[0].Start, Is.EqualTo(Utc("2026-11-01T06:00:00Z")), "clipped to Sunday 1 November, local midnight");
            Assert.That(weeks[0].End, Is.EqualTo(Utc("2026-11-02T07:00:00Z")));
            Assert.That(weeks[1].Start, Is.EqualTo(Utc("2026-11-02T07:00:00Z")));
            Assert.That(weeks[1].Interval.Duration, Is.EqualTo(Duration.FromDays(7)));
            Assert.That(weeks[^1].Start, Is.EqualTo(Utc("2026-11-30T07:00:00Z")));
            Assert.That(weeks[^1].End, Is.EqualTo(november.End));
            Assert.That(weeks.All(week => week.Grain == Grain.Week), Is.True);
        }
    }

    [Test]
    public void SubPeriods_HoursOfDenverFallBackDay_AreTwentyFiveBuckets()
    {
        var calendar = Create(Denver);
        var day = calendar.PeriodOf(Utc("2026-11-01T12:00:00Z"), Grain.Day);

        var hours = calendar.SubPeriods(day, Grain.Hour);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(hours, Has.Count.EqualTo(25));
            Assert.That(hours.Select(hour => hour.Label).Distinct().Count(), Is.EqualTo(25));
            Assert.That(hours.All(hour => hour.Interval.Duration == Duration.FromHours(1)), Is.True);
            Assert.That(hours[^1].End, Is.EqualTo(day.End));
        }
    }

    [Test]
    public void SubPeriods_MonthsAndQuartersOfAFiscalYear_FollowTheFiscalStart()
    {
        var calendar = Create(Denver, fiscalYearStartMonth: 2);
        var year = calendar.PeriodOf(Utc("2026-06-01T12:00:00Z"), Grain.Year);

        var months = calendar.SubPeriods(year, Grain.Month);
        var quarters = calendar.SubPeriods(year, Grain.Quarter);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(months, Has.Count.EqualTo(12));
            Assert.That(months[0].Label, Is.EqualTo("2026-02"));
            Assert.That(months[^1].Label, Is.EqualTo("2027-01"));
            Assert.That(quarters.Select(quarter => quarter.Label), Is.EqualTo(new[] { "FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4" }));
        }
    }

    [TestCase(Grain.Month, Grain.Month)]
    [TestCase(Grain.Day, Grain.Week)]
    [TestCase(Grain.Hour, Grain.Hour)]
    public void SubPeriods_InnerGrainNotFiner_ThrowsArgumentException(Grain outer, Grain inner)
    {
        var calendar = Create(Denver);
        var period = calendar.PeriodOf(Utc("2026-11-15T12:00:00Z"), outer);

        Assert.That(() => calendar.SubPeriods(period, inner), Throws.ArgumentException.With.Message.Contains("finer"));
    }
}
