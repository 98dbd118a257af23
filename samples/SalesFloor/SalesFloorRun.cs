using NodaTime;
using NodaTime.Text;
using SalesOps.Metrics;

namespace SalesOps.Samples.SalesFloor;

/// <summary>
/// The month, hour by hour: move the clock to the end of the hour, ingest what the CRM delivered in it, publish the
/// metrics due for review (what the hosted service does on a real clock), and print a scoreboard at the moments a
/// sales floor looks at one.
/// </summary>
internal sealed class SalesFloorRun
{
    private static readonly LocalTime MondayReview = new(9, 0);
    private static readonly LocalTime LastDayReview = new(17, 0);

    private readonly SalesOpsEngine _engine;
    private readonly SimulatedClock _clock;
    private readonly CrmFeed _feed;
    private readonly ScoreboardPrinter _printer;
    private readonly TextWriter _output;
    private readonly bool _quiet;
    private readonly string _runKey;

    public SalesFloorRun(SalesOpsEngine engine, SimulatedClock clock, CrmFeed feed, ScoreboardPrinter printer, TextWriter output, bool quiet, string runKey)
    {
        _runKey = runKey;
        _engine = engine;
        _clock = clock;
        _feed = feed;
        _printer = printer;
        _output = output;
        _quiet = quiet;
    }

    public PublicationTally Tally { get; } = new();

    /// <summary>The checkpoint after the hour ending at <paramref name="hourEnd"/>: which run, and how far it got.</summary>
    public static Checkpoint CheckpointAt(string runKey, Instant hourEnd) =>
        new($"{runKey}|{InstantPattern.ExtendedIso.Format(hourEnd)}");

    /// <summary>Where a stored checkpoint says this run got to, if it belongs to this run.</summary>
    public static (bool SameRun, Instant? Through) Parse(string runKey, Checkpoint? checkpoint)
    {
        if (checkpoint is not { } stored)
        {
            return (true, null);
        }

        var separator = stored.Value.LastIndexOf('|');
        if (separator < 0 || stored.Value[..separator] != runKey)
        {
            return (false, null);
        }

        var parsed = InstantPattern.ExtendedIso.Parse(stored.Value[(separator + 1)..]);
        return parsed.Success ? (true, parsed.Value) : (false, null);
    }

    /// <summary>Runs <c>[clock now, stop)</c>; the month ends at <paramref name="end"/>.</summary>
    public void Run(Instant stop, Instant end)
    {
        var calendar = _engine.Calendar;
        var lastDate = calendar.DateOf(end - Duration.Epsilon);
        while (_clock.Now < stop)
        {
            // Hour buckets come from the calendar, so a 23- or 25-hour day has 23 or 25 of them.
            var hourEnd = calendar.PeriodOf(_clock.Now, Grain.Hour).End;
            _clock.AdvanceTo(hourEnd);

            // The checkpoint is committed with the hour's events: a run stopped or killed here resumes after it.
            _engine.Ingest(_feed.DeliveredAt(hourEnd), CrmFeed.SourceName, CheckpointAt(_runKey, hourEnd));
            Tally.Record(_engine.Publish(DueMetrics(hourEnd)));

            var local = hourEnd.InZone(calendar.Zone).LocalDateTime;
            var mondayMorning = local.DayOfWeek == IsoDayOfWeek.Monday && local.TimeOfDay == MondayReview;
            var lastAfternoon = local.Date == lastDate && local.TimeOfDay == LastDayReview;
            if (lastAfternoon || (mondayMorning && !_quiet))
            {
                _output.Write(_printer.Render(Tally));
            }
        }
    }

    // Reviews run on the local day's clock, like the hosted service: hourly metrics on every hour, daily ones at midnight.
    private List<string> DueMetrics(Instant at)
    {
        var dayStart = _engine.Calendar.PeriodOf(at, Grain.Day).Start;
        var sinceDayStart = at - dayStart;
        return
        [
            .. _engine.Definition.Metrics
                .Where(m => sinceDayStart == Duration.Zero
                    || (m.Review < Duration.FromDays(1) && sinceDayStart.BclCompatibleTicks % m.Review.BclCompatibleTicks == 0))
                .Select(m => m.Name),
        ];
    }
}
