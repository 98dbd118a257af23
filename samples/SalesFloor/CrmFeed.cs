using NodaTime;
using SalesOps.Metrics;
using SalesOps.Metrics.Calendar;

namespace SalesOps.Samples.SalesFloor;

/// <summary>
/// The CRM as a source would deliver the month: each event at the end of the hour it happened in, except that
/// some arrive the next working morning (a rep logging yesterday's calls), some are sent twice (a retried
/// batch) and a few are malformed (an unmapped activity type, an amount the currency conversion lost).
/// </summary>
internal sealed class CrmFeed
{
    public const string SourceName = "crm";

    private const double LateShare = 0.01;
    private const double RedeliveredShare = 0.005;
    private const double UntypedShare = 0.001;
    private const double LostAmountShare = 0.02;

    private readonly Dictionary<Instant, List<ActivityEvent>> _deliveries = [];
    private readonly Dictionary<Instant, FeedCounts> _counts = [];

    private CrmFeed()
    {
    }

    private enum Kind
    {
        OnTime,
        Late,
        Redelivered,
        Untyped,
        LostAmount,
    }

    /// <summary>Records handed over, re-deliveries included.</summary>
    public int Deliveries => Total.Deliveries;

    /// <summary>Well-formed records delivered the next working morning instead of within the hour.</summary>
    public int Late => Total.Late;

    /// <summary>Second copies of well-formed records.</summary>
    public int Redelivered => Total.Redelivered;

    /// <summary>Records with no event type.</summary>
    public int Untyped => Total.Untyped;

    /// <summary>Records whose amount is not a number.</summary>
    public int LostAmounts => Total.LostAmounts;

    /// <summary>Everything the feed delivers over the month.</summary>
    public FeedCounts Total { get; private set; }

    /// <summary>What the feed delivers at the hour boundaries in <c>(after, through]</c>: one run's share of the month.</summary>
    public FeedCounts Between(Instant after, Instant through) =>
        _counts.Where(c => c.Key > after && c.Key <= through).Aggregate(default(FeedCounts), (sum, c) => sum + c.Value);

    /// <summary>Plans when each event reaches the engine; nothing is delivered after <paramref name="end"/>.</summary>
    public static CrmFeed Plan(IReadOnlyList<ActivityEvent> events, SalesCalendar calendar, Instant end, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(random);
        var feed = new CrmFeed();
        foreach (var activity in events)
        {
            var deliverAt = Earliest(HourEnd(calendar, activity.OccurredAt), end);
            if (random.Chance(UntypedShare))
            {
                feed.Deliver(deliverAt, activity with { Type = "" }, Kind.Untyped);
                continue;
            }

            if (activity.Value is not null && random.Chance(LostAmountShare))
            {
                feed.Deliver(deliverAt, activity with { Value = double.NaN }, Kind.LostAmount);
                continue;
            }

            var late = random.Chance(LateShare);
            if (late)
            {
                deliverAt = NextWorkingMorning(calendar, activity.OccurredAt, end);
            }

            feed.Deliver(deliverAt, activity, late ? Kind.Late : Kind.OnTime);
            if (random.Chance(RedeliveredShare))
            {
                var again = deliverAt;
                for (var hours = random.Between(1, 3); hours > 0 && again < end; hours--)
                {
                    again = HourEnd(calendar, again);
                }

                feed.Deliver(Earliest(again, end), activity, Kind.Redelivered);
            }
        }

        return feed;
    }

    /// <summary>The records handed over at an hour boundary, in the order the CRM sends them.</summary>
    public IReadOnlyList<ActivityEvent> DeliveredAt(Instant boundary) =>
        _deliveries.TryGetValue(boundary, out var batch) ? batch : [];

    private void Deliver(Instant at, ActivityEvent activity, Kind kind)
    {
        if (!_deliveries.TryGetValue(at, out var batch))
        {
            _deliveries[at] = batch = [];
        }

        batch.Add(activity);
        var one = new FeedCounts(
            1,
            kind == Kind.Late ? 1 : 0,
            kind == Kind.Redelivered ? 1 : 0,
            kind == Kind.Untyped ? 1 : 0,
            kind == Kind.LostAmount ? 1 : 0);
        _counts[at] = _counts.GetValueOrDefault(at) + one;
        Total += one;
    }

    private static Instant HourEnd(SalesCalendar calendar, Instant instant) => calendar.PeriodOf(instant, Grain.Hour).End;

    // The first hour of the next working day, when the rep opens the laptop and the sync catches up.
    private static Instant NextWorkingMorning(SalesCalendar calendar, Instant occurredAt, Instant end)
    {
        var date = calendar.DateOf(occurredAt).PlusDays(1);
        while (!calendar.IsWorkingDay(date) && calendar.StartOfDay(date) < end)
        {
            date = date.PlusDays(1);
        }

        return Earliest(HourEnd(calendar, calendar.ToInstant(date + calendar.Definition.WorkingHoursStart)), end);
    }

    private static Instant Earliest(Instant a, Instant b) => a < b ? a : b;
}
