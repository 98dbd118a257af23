using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>An engine built for a workload and a shape, with its series resolved and the events turned into
/// <see cref="ResolvedEvent"/>s (one per metric per event, the metrics of one event side by side).</summary>
internal sealed class EngineRig
{
    public const string EventType = "deal.won";
    public const string Deals = "deals";
    public const string Amount = "amount";
    public const string Smallest = "smallest";
    public const string Largest = "largest";

    private static readonly NodaTime.Duration QuarterBefore = NodaTime.Duration.FromDays(90);
    private ResolvedEvent[]? _quarterBefore;

    private EngineRig(SalesOpsEngine engine, ResolvedEvent[] events, int metricsPerEvent)
    {
        Engine = engine;
        Events = events;
        MetricsPerEvent = metricsPerEvent;
    }

    public SalesOpsEngine Engine { get; }

    public ResolvedEvent[] Events { get; }

    public int MetricsPerEvent { get; }

    public static IReadOnlyList<string> MetricNames(MetricSet metrics) =>
        metrics == MetricSet.Count ? [Deals] : [Deals, Amount, Smallest, Largest];

    public static SalesOpsDefinition Definition(Shape shape, MetricSet metrics, int maxSeries, Action<SalesOpsBuilder>? targets = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string[] groupBy = shape.Dimensions == 1 ? ["team"] : ["team", "rep"];
        var builder = new SalesOpsBuilder();
        builder.AddMetric(Deals, m => m.Count(EventType).By(groupBy));
        if (metrics == MetricSet.Stats)
        {
            builder.AddMetric(Amount, m => m.Sum(EventType).By(groupBy));
            builder.AddMetric(Smallest, m => m.Min(EventType).By(groupBy));
            builder.AddMetric(Largest, m => m.Max(EventType).By(groupBy));
        }

        targets?.Invoke(builder);
        var grains = shape.Grains.ToArray();
        builder.ConfigureIngestion(o => o with { Grains = grains, MaxSeriesPerMetric = Math.Max(maxSeries + 16, 10_000) });
        builder.ConfigureScoreboard(o => o with { Grains = [grains[^1]] });
        return builder.Build();
    }

    /// <summary>A fresh engine for the workload; <paramref name="record"/> also records every event once.</summary>
    public static EngineRig Create(Workload workload, Shape shape, MetricSet metrics, bool record = false)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var engine = new SalesOpsEngine(Definition(shape, metrics, workload.Reps), new FixedClock(workload.End));
        var all = ResolveAll(engine, workload, shape, metrics);

        // Count, sum, min and max over the same events share one stream: their handles are equal, and one record
        // per event feeds all four. Keep one handle set per distinct stream.
        var handles = all.Where((h, m) => all.Take(m).All(earlier => earlier[0] != h[0])).ToArray();
        var events = new ResolvedEvent[workload.Events.Length * handles.Length];
        var j = 0;
        foreach (var e in workload.Events)
        {
            var series = shape.Dimensions == 1 ? e.Team : e.Rep;
            var at = NodaTime.Instant.FromUnixTimeSeconds(e.Seconds);
            foreach (var stream in handles)
            {
                events[j++] = new ResolvedEvent(stream[series], at, e.Value);
            }
        }

        var rig = new EngineRig(engine, events, handles.Length);
        if (record)
        {
            rig.RecordAll();
        }

        return rig;
    }

    /// <summary>Resolves every series of every metric, in a fixed order so that ids are the same in every engine.</summary>
    public static SeriesHandle[][] ResolveAll(SalesOpsEngine engine, Workload workload, Shape shape, MetricSet metrics)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(shape);
        var names = MetricNames(metrics);
        var count = shape.Dimensions == 1 ? workload.Teams : workload.Reps;
        var handles = new SeriesHandle[names.Count][];
        var teamNames = Enumerable.Range(0, workload.Teams).Select(Workload.TeamName).ToArray();
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var m = 0; m < names.Count; m++)
        {
            handles[m] = new SeriesHandle[count];
            for (var s = 0; s < count; s++)
            {
                dimensions["team"] = teamNames[shape.Dimensions == 1 ? s : s / workload.RepsPerTeam];
                if (shape.Dimensions > 1)
                {
                    dimensions["rep"] = Workload.RepName(s);
                }

                handles[m][s] = engine.Resolve(names[m], dimensions);
            }
        }

        return handles;
    }

    /// <summary>
    /// Records every event again 90 days earlier (for a quarter's workload, the quarter before), leaving the engine
    /// as a host that has run for a quarter finds it. Built on first use, so only scenarios that need it pay for it.
    /// </summary>
    public void RecordQuarterBefore()
    {
        _quarterBefore ??= [.. Events.Select(static e => new ResolvedEvent(e.Series, e.OccurredAt - QuarterBefore, e.Value))];
        var applied = Engine.Record(_quarterBefore);
        if (applied != _quarterBefore.Length)
        {
            throw new InvalidOperationException($"The engine applied {applied} of {_quarterBefore.Length} events of the quarter before.");
        }
    }

    public int RecordAll()
    {
        var applied = Engine.Record(Events);
        if (applied != Events.Length)
        {
            throw new InvalidOperationException($"The engine applied {applied} of {Events.Length} events: {Engine.Report.RejectedByReason.Count} rejection reasons.");
        }

        return applied;
    }
}
