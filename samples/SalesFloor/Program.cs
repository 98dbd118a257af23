using SalesOps.Metrics;
using SalesOps.Metrics.Calendar;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Sqlite;
using SalesOps.Samples.SalesFloor;

var parsed = SalesFloorOptions.Parse(args);
if (parsed.HelpRequested)
{
    Console.Out.Write(SalesFloorOptions.Usage);
    return 0;
}

if (parsed.Options is not { } options)
{
    Console.Error.Write($"error: {parsed.Error}\n\n{SalesFloorOptions.Usage}");
    return 2;
}

SalesOpsDefinition definition;
try
{
    definition = SalesFloorDefinition.Load(AppContext.BaseDirectory, options.Zone);
}
catch (DefinitionValidationException exception)
{
    Console.Error.Write($"{exception.Message}\nThe definitions come from {SalesFloorDefinition.FileName} and the zone from --zone (see --help).\n");
    return 2;
}

// The clock starts at the month's first local midnight, which only the definition's calendar can say.
var calendar = new SalesCalendar(definition.Calendar);
var start = calendar.StartOfDay(options.Month.OnDayOfMonth(1));
var end = calendar.StartOfDay(options.Month.OnDayOfMonth(1).PlusMonths(1));
var stop = options.Until is { } until ? calendar.StartOfDay(until) : end;
if (stop <= start || stop > end)
{
    Console.Error.Write($"error: --until must fall within {options.Month:yyyy-MM} (after its first day)\n");
    return 2;
}

var clock = new SimulatedClock(start);
using var store = options.InMemory ? null : new SqliteMetricStore(new SqliteStoreOptions { Path = Path.GetFullPath(options.StorePath) });
SalesOpsEngine engine;
try
{
    engine = new SalesOpsEngine(definition, clock, store);
}
catch (StoreException exception)
{
    Console.Error.Write($"{exception.Message}\n");
    return 2;
}

// One store holds one run of the sample: the checkpoint names the run and the last hour it committed.
var runKey = FormattableString.Invariant($"{options.Month:yyyy-MM} seed {options.Seed} reps {options.RepsPerTeam} {definition.Calendar.Zone}");
var (sameRun, through) = SalesFloorRun.Parse(runKey, engine.CheckpointOf(CrmFeed.SourceName));
if (!sameRun)
{
    Console.Error.Write($"error: {options.StorePath} holds another run of the sample ({engine.CheckpointOf(CrmFeed.SourceName)}); use --store with another file, --in-memory, or delete it\n");
    return 2;
}

var random = new DeterministicRandom(options.Seed);
var roster = SalesFloorRoster.Create(options.RepsPerTeam, random.Split());
var events = SalesFloorSimulation.Generate(options.Month, engine.Calendar, roster, random.Split());
var feed = CrmFeed.Plan(events, engine.Calendar, end, random.Split());

if (!options.Quiet)
{
    Console.Out.Write(IntroPrinter.Render(options, engine, events, feed));
}

var storeName = store is null ? "memory" : options.StorePath;
var resumedAt = through ?? start;
if (through is { } committed)
{
    // Resuming: the store already counted everything up to its checkpoint; only later hours are fed again.
    clock.AdvanceTo(committed);
    Console.Out.Write(committed >= stop
        ? $"The store {storeName} already holds this run up to {Display.Time(committed, engine.Calendar.Zone)}: nothing is counted again.\n\n"
        : $"Resuming from the checkpoint in {storeName}: counted up to {Display.Time(committed, engine.Calendar.Zone)}; continuing from there.\n\n");
}
else if (store is not null)
{
    Console.Out.Write($"Keeping state in {storeName}; run again with the same options to resume from its checkpoint.\n\n");
}

var printer = new ScoreboardPrinter(engine, roster);
var run = new SalesFloorRun(engine, clock, feed, printer, Console.Out, options.Quiet, runKey);
run.Run(stop, end);
if (clock.Now < end || through is { } done && done >= stop)
{
    // The run stopped before the last day's review (or had nothing to do): show where the floor stands now.
    Console.Out.Write(printer.Render(run.Tally));
}

var span = clock.Now >= end ? "the end of the month" : "where this run stopped";
var counted = resumedAt < clock.Now ? $"; this run counted {Display.Time(resumedAt, engine.Calendar.Zone)} to now" : "; this run counted nothing new";
Console.Out.Write(IngestionReportPrinter.Render(engine, feed.Between(resumedAt, clock.Now), span + counted, run.Tally));
return 0;
