using NodaTime;
using SalesOps.Metrics.Calendar;
using SalesOps.Metrics.Tests.Support;
using static SalesOps.Metrics.Tests.Calendar.CalendarFixtures;

namespace SalesOps.Metrics.Tests.Calendar;

public sealed class SalesCalendarDayCacheTests
{
    [Test]
    public void GetDay_ShuffledInstants_MatchesAFreshComputation()
    {
        var calendar = Create(Denver, fiscalYearStartMonth: 2);
        var instants = Shuffled(InstantsAcross2026And2027(calendar.Zone), seed: 20261101);

        // Twice over: the first pass mostly misses the cache, the second mostly hits it.
        foreach (var instant in instants.Concat(instants))
        {
            var cached = calendar.GetDay(instant);
            var fresh = Create(Denver, fiscalYearStartMonth: 2).GetDay(instant);

            AssertSameDay(cached, fresh, instant);
        }
    }

    [Test]
    public void GetDay_MonthOfShuffledEvents_ReturnsTheSameInstancePerDay()
    {
        var calendar = Create(Berlin);
        var month = Every(Utc("2026-10-01T00:00:00Z"), Utc("2026-11-01T00:00:00Z"), Duration.FromMinutes(97)).ToList();
        var firstSeen = new Dictionary<LocalDate, DayInfo>();
        foreach (var instant in Shuffled(month, seed: 7))
        {
            var day = calendar.GetDay(instant);
            firstSeen.TryAdd(day.Date, day);
        }

        foreach (var instant in Shuffled(month, seed: 8))
        {
            var day = calendar.GetDay(instant);
            Assert.That(day, Is.SameAs(firstSeen[day.Date]), $"{instant} is cached");
        }
    }

    [Test]
    public void GetDay_DaysThatShareACacheSlot_AreBothCorrect()
    {
        var calendar = Create(Denver);
        var first = Utc("2026-11-01T12:00:00Z");
        var second = first + Duration.FromDays(1024);

        for (var round = 0; round < 3; round++)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(calendar.GetDay(first).Date, Is.EqualTo(Date("2026-11-01")));
                Assert.That(calendar.GetDay(second).Date, Is.EqualTo(Date("2029-08-21")));
            }
        }
    }

    [Test]
    public void GetDay_StaleOffsetNearMidnight_FindsTheRightDay()
    {
        var calendar = Create(Denver);
        var nextDay = calendar.GetDay(Utc("2026-12-02T12:00:00Z"));
        Assert.That(calendar.GetDay(Utc("2026-07-01T12:00:00Z")).Date, Is.EqualTo(Date("2026-07-01")), "leaves a summer offset as the hint");

        // 23:30 MST on 1 December looks like 00:30 on 2 December with the summer offset.
        var lateEvening = Utc("2026-12-02T06:30:00Z");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.GetDay(lateEvening).Date, Is.EqualTo(Date("2026-12-01")));
            Assert.That(calendar.GetDay(lateEvening).End, Is.EqualTo(nextDay.Start));
            Assert.That(calendar.GetDay(nextDay.Start), Is.SameAs(nextDay));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void GetDay_RepeatedHourCrossingMidnight_CountsTheRepeatInTheNewDay(bool warm)
    {
        // Goose Bay ended daylight saving at 00:01 on 25 October 1987: 00:01 ADT became 23:01 AST on the 24th.
        var calendar = Create("America/Goose_Bay");
        var repeatedEvening = Utc("1987-10-25T03:30:00Z");
        if (warm)
        {
            calendar.GetDay(Utc("1987-10-24T12:00:00Z"));
            calendar.GetDay(Utc("1987-10-25T12:00:00Z"));
        }

        var day = calendar.GetDay(repeatedEvening);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(repeatedEvening.InZone(calendar.Zone).Date, Is.EqualTo(Date("1987-10-24")), "the wall clock shows the 24th again");
            Assert.That(day.Date, Is.EqualTo(Date("1987-10-25")));
            Assert.That(day.Start, Is.EqualTo(Utc("1987-10-25T03:00:00Z")));
            Assert.That(day.End, Is.EqualTo(Utc("1987-10-26T04:00:00Z")));
            Assert.That(day.HourCount, Is.EqualTo(25));
            Assert.That(calendar.DateOf(repeatedEvening), Is.EqualTo(Date("1987-10-25")));
            Assert.That(calendar.PeriodOf(repeatedEvening, Grain.Day).Label, Is.EqualTo("1987-10-25"));
            Assert.That(calendar.PeriodOf(day.Start - Duration.Epsilon, Grain.Day).End, Is.EqualTo(day.Start));
        }
    }

    [Test]
    public void GetDay_InstantsAtTheDayBounds_BelongToTheRightDay()
    {
        var calendar = Create(Denver);
        var day = calendar.GetDay(Utc("2026-11-01T12:00:00Z"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(calendar.GetDay(day.Start), Is.SameAs(day));
            Assert.That(calendar.GetDay(day.End - Duration.Epsilon), Is.SameAs(day));
            Assert.That(calendar.GetDay(day.Start - Duration.Epsilon).Date, Is.EqualTo(Date("2026-10-31")));
            Assert.That(calendar.GetDay(day.End).Date, Is.EqualTo(Date("2026-11-02")));
            Assert.That(day.Length, Is.EqualTo(Duration.FromHours(25)));
        }
    }

    [TestCase(Denver, 2, IsoDayOfWeek.Monday)]
    [TestCase(Berlin, 1, IsoDayOfWeek.Sunday)]
    public void GetDayKeyOf_EveryGrain_EqualsCalendarKeyOf(string zone, int fiscalStart, IsoDayOfWeek firstDay)
    {
        var calendar = Create(zone, fiscalStart, firstDay);
        var reference = Create(zone, fiscalStart, firstDay);

        foreach (var instant in InstantsAcross2026And2027(calendar.Zone))
        {
            var day = calendar.GetDay(instant);
            foreach (var grain in Enum.GetValues<Grain>())
            {
                var expected = reference.PeriodOf(instant, grain);
                Assert.That(day.KeyOf(grain, instant), Is.EqualTo(calendar.KeyOf(instant, grain)));
                Assert.That(reference.PeriodOfKey(grain, day.KeyOf(grain, instant)), Is.EqualTo(expected));
            }
        }
    }

    [Test]
    public void GetDay_DayKeys_FollowTheDocumentedFormulas()
    {
        var calendar = Create(Denver, fiscalYearStartMonth: 2);

        var day = calendar.GetDay(Utc("2026-11-28T18:00:00Z"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(day.Date, Is.EqualTo(Date("2026-11-28")));
            Assert.That(day.Start, Is.EqualTo(Utc("2026-11-28T07:00:00Z")));
            Assert.That(day.End, Is.EqualTo(Utc("2026-11-29T07:00:00Z")));
            Assert.That(day.DayKey, Is.EqualTo(new DateOnly(2026, 11, 28).DayNumber));
            Assert.That(day.WeekKey, Is.EqualTo(new DateOnly(2026, 11, 23).DayNumber));
            Assert.That(day.MonthKey, Is.EqualTo((2026 * 12) + 10));
            Assert.That(day.QuarterKey, Is.EqualTo((2027 * 4) + 3));
            Assert.That(day.YearKey, Is.EqualTo(2027));
            Assert.That(day.HourCount, Is.EqualTo(24));
            Assert.That(day.KeyOf(Grain.Hour, Utc("2026-11-28T18:00:00Z")), Is.EqualTo((day.DayKey * 32) + 11));
        }
    }

    [Test]
    public void GetDay_ConcurrentReaders_AllSeeCorrectDays()
    {
        var calendar = Create(Denver);
        var instants = Shuffled(InstantsAcross2026And2027(calendar.Zone), seed: 99);
        var expected = instants.Select(instant => Create(Denver).GetDay(instant).DayKey).ToArray();
        var mismatches = 0;

        Parallel.For(0, 8, worker =>
        {
            for (var round = 0; round < 20; round++)
            {
                for (var i = (worker * 37) % instants.Count; i < instants.Count; i++)
                {
                    var day = calendar.GetDay(instants[i]);
                    if (day.DayKey != expected[i] || !(instants[i] >= day.Start && instants[i] < day.End))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
        });

        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public void GetDay_CacheHit_AllocatesNothing()
    {
        var calendar = Create(Denver);
        var instants = Every(Utc("2026-11-01T00:00:00Z"), Utc("2026-11-08T00:00:00Z"), Duration.FromMinutes(7)).ToArray();
        long sum = 0;
        foreach (var instant in instants)
        {
            sum += calendar.GetDay(instant).KeyOf(Grain.Hour, instant);
        }

        var allocated = Allocations.FewestPerRound(rounds: 3, _ =>
        {
            foreach (var instant in instants)
            {
                var day = calendar.GetDay(instant);
                sum += day.KeyOf(Grain.Hour, instant) + day.KeyOf(Grain.Week, instant) + day.KeyOf(Grain.Quarter, instant);
            }
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(sum, Is.Not.Zero);
        }
    }

    [Test]
    public void GetDay_InstantBeforeYearOne_ThrowsArgumentOutOfRangeException()
    {
        var calendar = Create(Denver);

        Assert.That(() => calendar.GetDay(Instant.FromUtc(-5, 6, 1, 0, 0)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private static void AssertSameDay(DayInfo actual, DayInfo expected, Instant instant)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(actual.Date, Is.EqualTo(expected.Date), $"date of {instant}");
            Assert.That(actual.Start, Is.EqualTo(expected.Start), $"start of {instant}");
            Assert.That(actual.End, Is.EqualTo(expected.End), $"end of {instant}");
            Assert.That(actual.DayKey, Is.EqualTo(expected.DayKey));
            Assert.That(actual.WeekKey, Is.EqualTo(expected.WeekKey));
            Assert.That(actual.MonthKey, Is.EqualTo(expected.MonthKey));
            Assert.That(actual.QuarterKey, Is.EqualTo(expected.QuarterKey));
            Assert.That(actual.YearKey, Is.EqualTo(expected.YearKey));
            Assert.That(actual.HourCount, Is.EqualTo(expected.HourCount));
            Assert.That(instant >= actual.Start && instant < actual.End, Is.True, $"{instant} lies in its day");
        }
    }

    private static List<Instant> Shuffled(IReadOnlyList<Instant> instants, int seed)
    {
        var shuffled = instants.ToArray();
        new Random(seed).Shuffle(shuffled);
        return [.. shuffled];
    }
}
