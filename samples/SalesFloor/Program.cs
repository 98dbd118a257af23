using SalesOps.Metrics;
using SalesOps.Metrics.Calendar;
using SalesOps.Metrics.Definitions;
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
var clock = new SimulatedClock(start);
var engine = new SalesOpsEngine(definition, clock);

var random = new DeterministicRandom(options.Seed);
var roster = SalesFloorRoster.Create(options.RepsPerTeam, random.Split());
var events = SalesFloorSimulation.Generate(options.Month, engine.Calendar, roster, random.Split());
var feed = CrmFeed.Plan(events, engine.Calendar, end, random.Split());

if (!options.Quiet)
{
    Console.Out.Write(IntroPrinter.Render(options, engine, events, feed));
}

var run = new SalesFloorRun(engine, clock, feed, new ScoreboardPrinter(engine, roster), Console.Out, options.Quiet);
run.Run(end);
Console.Out.Write(IngestionReportPrinter.Render(engine, feed, run.Tally));
return 0;
