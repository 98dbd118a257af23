using NodaTime;
using SalesOps.Metrics;
using SalesOps.Metrics.Calendar;

namespace SalesOps.Samples.SalesFloor;

/// <summary>
/// Generates one month of sales-floor activity from a seed: BDRs dial and email leads and book appointments; the
/// appointments become AE demos a few working days later; held demos become qualified opportunities; some
/// opportunities become deals. Everything happens on working days within working hours of the engine's calendar.
/// </summary>
internal sealed class SalesFloorSimulation
{
    // A lead stays in a BDR's cadence for this many touches before it is dropped as unresponsive.
    private const int CadenceTouches = 8;

    private readonly SalesCalendar _calendar;
    private readonly SalesFloorRoster _roster;
    private readonly DeterministicRandom _random;
    private readonly LocalDate _lastDate;
    private readonly IReadOnlyList<LocalDate> _workingDates;
    private readonly IReadOnlyList<(int StartSecond, int Seconds, double Share)> _slots;
    private readonly int _workStartSecond;
    private readonly int _workEndSecond;
    private readonly Dictionary<SalesRep, List<Lead>> _cadences = [];
    private readonly Dictionary<SalesRep, List<Lead>> _accounts = [];
    private readonly List<Occurrence> _occurrences = [];
    private int _nextLead = 10_001;
    private int _nextAe;

    private SalesFloorSimulation(YearMonth month, SalesCalendar calendar, SalesFloorRoster roster, DeterministicRandom random)
    {
        _calendar = calendar;
        _roster = roster;
        _random = random;
        var firstDate = month.OnDayOfMonth(1);
        _lastDate = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        _workingDates = [.. Dates(firstDate, _lastDate).Where(calendar.IsWorkingDay)];
        _workStartSecond = calendar.Definition.WorkingHoursStart.Hour * 3600 + calendar.Definition.WorkingHoursStart.Minute * 60;
        _workEndSecond = calendar.Definition.WorkingHoursEnd.Hour * 3600 + calendar.Definition.WorkingHoursEnd.Minute * 60;
        _slots = Slots(_workStartSecond, _workEndSecond);
        foreach (var rep in roster.Bdrs.Concat(roster.Aes))
        {
            _cadences[rep] = [];
            _accounts[rep] = [];
        }
    }

    /// <summary>The month's events in the order they happened, with ids <c>ev-000001</c> onwards.</summary>
    public static IReadOnlyList<ActivityEvent> Generate(YearMonth month, SalesCalendar calendar, SalesFloorRoster roster, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(random);
        var simulation = new SalesFloorSimulation(month, calendar, roster, random);
        simulation.OpenPipeline();
        foreach (var date in simulation._workingDates)
        {
            simulation.SimulateDay(date);
        }

        return simulation.ToEvents();
    }

    // The AEs start the month with opportunities qualified last month, so revenue does not wait three weeks for this month's pipeline.
    private void OpenPipeline()
    {
        if (_workingDates.Count == 0)
        {
            return;
        }

        foreach (var ae in _roster.Aes)
        {
            for (var i = 0; i < 6; i++)
            {
                var lead = NewLead(ae.Region);
                _accounts[ae].Add(lead);
                var amount = PipelineAmount();
                var closeDate = _workingDates[_random.Next(Math.Min(12, _workingDates.Count))];
                if (_random.Chance(Math.Min(0.85, ae.ConversionRate * 1.8)))
                {
                    Add(RandomWorkingTime(closeDate), CrmVocabulary.DealWon, ae, lead, RoundTo(amount * ae.DealSizeFactor * _random.Between(0.85, 1.05), 10));
                }
            }
        }
    }

    private void SimulateDay(LocalDate date)
    {
        foreach (var bdr in _roster.Bdrs)
        {
            if (OutOfOffice())
            {
                continue;
            }

            var energy = Energy();
            foreach (var (startSecond, seconds, share) in _slots)
            {
                var calls = _random.Poisson(bdr.CallsPerDay * energy * share);
                for (var i = 0; i < calls; i++)
                {
                    var second = startSecond + _random.Next(seconds);
                    var lead = CadenceLead(bdr, known: 0.6);
                    Add(date + TimeAt(second), CrmVocabulary.CallMade, bdr, lead);
                    if (_random.Chance(bdr.ConversionRate))
                    {
                        BookAppointment(bdr, lead, date, second);
                    }
                }

                var emails = _random.Poisson(bdr.EmailsPerDay * energy * share);
                for (var i = 0; i < emails; i++)
                {
                    Add(date + TimeAt(startSecond + _random.Next(seconds)), CrmVocabulary.EmailSent, bdr, CadenceLead(bdr, known: 0.85));
                }
            }
        }

        foreach (var ae in _roster.Aes)
        {
            var accounts = _accounts[ae];
            if (OutOfOffice() || accounts.Count == 0)
            {
                continue;
            }

            var energy = Energy();
            foreach (var (startSecond, seconds, share) in _slots)
            {
                var calls = _random.Poisson(ae.CallsPerDay * energy * share);
                for (var i = 0; i < calls; i++)
                {
                    Add(date + TimeAt(startSecond + _random.Next(seconds)), CrmVocabulary.CallMade, ae, _random.Pick(accounts));
                }
            }
        }
    }

    // One booked appointment decides its whole future at once: the demo, the qualification, the AE's follow-up and the deal.
    // Whatever falls after the month's end happens next month and is left out.
    private void BookAppointment(SalesRep bdr, Lead lead, LocalDate date, int callSecond)
    {
        var bookedSecond = Math.Min(callSecond + _random.Between(120, 360), _workEndSecond - 1);
        Add(date + TimeAt(bookedSecond), CrmVocabulary.AppointmentSet, bdr, lead);
        _cadences[bdr].Remove(lead);

        var ae = _roster.Aes[_nextAe++ % _roster.Aes.Count];
        _accounts[ae].Add(lead);
        if (WorkingDayAfter(date, _random.Between(1, 4)) is not { } demoDate)
        {
            return;
        }

        var demo = demoDate + MeetingTime();
        if (_random.Chance(bdr.NoShowRate))
        {
            Add(demo.PlusMinutes(10), CrmVocabulary.AppointmentNoShow, bdr, lead);
            return;
        }

        Add(demo.PlusMinutes(45), CrmVocabulary.DemoHeld, ae, lead);
        if (!_random.Chance(bdr.QualificationRate))
        {
            return;
        }

        var amount = PipelineAmount();
        Add(demo.PlusMinutes(45 + _random.Between(15, 90)), CrmVocabulary.OpportunityQualified, bdr, lead, amount);

        if (WorkingDayAfter(demoDate, _random.Between(2, 6)) is { } proposalDate && _random.Chance(ae.NoShowRate))
        {
            Add((proposalDate + MeetingTime()).PlusMinutes(10), CrmVocabulary.AppointmentNoShow, ae, lead);
        }

        if (_random.Chance(ae.ConversionRate) && WorkingDayAfter(demoDate, _random.Between(5, 20)) is { } closeDate)
        {
            Add(RandomWorkingTime(closeDate), CrmVocabulary.DealWon, ae, lead, RoundTo(amount * ae.DealSizeFactor * _random.Between(0.85, 1.05), 10));
        }
    }

    private Lead CadenceLead(SalesRep bdr, double known)
    {
        var cadence = _cadences[bdr];
        Lead lead;
        if (cadence.Count > 0 && _random.Chance(known))
        {
            lead = _random.Pick(cadence);
        }
        else
        {
            lead = NewLead(bdr.Region);
            cadence.Add(lead);
        }

        if (++lead.Touches >= CadenceTouches)
        {
            cadence.Remove(lead);
        }

        return lead;
    }

    private Lead NewLead(string region) => new(FormattableString.Invariant($"L-{_nextLead++}"), region);

    private bool OutOfOffice() => _random.Chance(0.03);

    private double Energy() => Math.Clamp(1 + (0.15 * _random.Normal()), 0.5, 1.4);

    // Deal sizes are log-normal: most around 18k, a few large ones.
    private double PipelineAmount() => Math.Clamp(RoundTo(Math.Exp(Math.Log(18_000) + (0.5 * _random.Normal())), 500), 4_000, 120_000);

    // Meetings start on the half hour, late enough to have prepared and early enough to qualify the same day.
    private LocalTime MeetingTime()
    {
        var latest = Math.Max(_workStartSecond, _workEndSecond - (3 * 3600));
        var earliest = Math.Min(_workStartSecond + 3600, latest);
        return TimeAt(earliest + (1800 * _random.Next(((latest - earliest) / 1800) + 1)));
    }

    private LocalDateTime RandomWorkingTime(LocalDate date) => date + TimeAt(_workStartSecond + _random.Next(_workEndSecond - _workStartSecond));

    private LocalDate? WorkingDayAfter(LocalDate date, int workingDays)
    {
        // A year of holidays in a row is not a calendar anyone runs; stop looking rather than loop for ever.
        var (day, left, limit) = (date, workingDays, date.PlusYears(1));
        while (day < limit)
        {
            day = day.PlusDays(1);
            if (_calendar.IsWorkingDay(day) && --left == 0)
            {
                return day;
            }
        }

        return null;
    }

    private void Add(LocalDateTime at, string type, SalesRep rep, Lead lead, double? value = null)
    {
        if (at.Date <= _lastDate)
        {
            _occurrences.Add(new Occurrence(_calendar.ToInstant(at), _occurrences.Count, type, rep, lead, value));
        }
    }

    private List<ActivityEvent> ToEvents() =>
    [
        .. _occurrences
            .OrderBy(o => o.At)
            .ThenBy(o => o.Sequence)
            .Select((o, i) => new ActivityEvent(
                FormattableString.Invariant($"ev-{i + 1:D6}"),
                o.Type,
                o.At,
                o.Value,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [CrmVocabulary.Team] = o.Rep.Team,
                    [CrmVocabulary.Rep] = o.Rep.Name,
                    [CrmVocabulary.Lead] = o.Lead.Id,
                    [CrmVocabulary.Region] = o.Lead.Region,
                })),
    ];

    private static IEnumerable<LocalDate> Dates(LocalDate first, LocalDate last)
    {
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            yield return date;
        }
    }

    // Hour-long slots of the working day, weighted so the floor is slow at the start, at lunch and at the end.
    private static List<(int StartSecond, int Seconds, double Share)> Slots(int startSecond, int endSecond)
    {
        var slots = new List<(int StartSecond, int Seconds, double Weight)>();
        for (var start = startSecond; start < endSecond; start += 3600)
        {
            var seconds = Math.Min(3600, endSecond - start);
            var weight = start == startSecond ? 0.8 : start + 3600 >= endSecond ? 0.7 : start / 3600 == 12 ? 0.55 : 1.0;
            slots.Add((start, seconds, weight * seconds / 3600));
        }

        var total = slots.Sum(s => s.Weight);
        return [.. slots.Select(s => (s.StartSecond, s.Seconds, s.Weight / total))];
    }

    private static LocalTime TimeAt(int secondOfDay) => LocalTime.FromSecondsSinceMidnight(secondOfDay);

    private static double RoundTo(double value, double step) => Math.Round(value / step, MidpointRounding.AwayFromZero) * step;

    private sealed class Lead(string id, string region)
    {
        public string Id { get; } = id;

        public string Region { get; } = region;

        public int Touches { get; set; }
    }

    private readonly record struct Occurrence(Instant At, int Sequence, string Type, SalesRep Rep, Lead Lead, double? Value);
}
