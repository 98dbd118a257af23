using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesOps.Metrics.Csv.Tests.Support;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Plugins;

namespace SalesOps.Metrics.Csv.Tests.Configuration;

/// <summary>CSV plugins named in configuration, created through dependency injection.</summary>
public sealed class CsvPluginConfigurationTests
{
    private TempDirectory _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempDirectory();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private static IConfigurationSection Section(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("SalesOps");

    private static ServiceProvider Build(IConfigurationSection section)
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.Zero)));
        services.AddSalesOpsMetrics(section, ops => ops
            .AddCsvPluginTypes()
            .AddPluginsFromConfiguration(section));
        return services.BuildServiceProvider();
    }

    private static string Escape(string path) => JsonEncodedText.Encode(path).ToString();

    [Test]
    public async Task AddPluginsFromConfiguration_CsvSourceAndJsonLinesSink_CreatedAndWorking()
    {
        var csv = _files.Write("crm.csv", "activity_id,activity_type,logged_at,rep,team\n"
            + "a1,appointment.set,2026-03-10 09:00,alice,BDR\n"
            + "a2,appointment.set,2026-03-10 10:00,bob,BDR\n");
        var jsonl = _files.File("out/scoreboards.jsonl");
        var section = Section($$"""
            {
              "SalesOps": {
                "Calendar": { "Zone": "America/Denver" },
                "Metrics": [ { "Name": "appointments-set", "Aggregation": "Count", "EventTypes": [ "appointment.set" ], "GroupBy": [ "team" ] } ],
                "Sources": [
                  {
                    "Type": "csv", "Name": "crm", "Path": "{{Escape(csv)}}",
                    "Columns": {
                      "Id": "activity_id", "Type": "activity_type", "Time": "logged_at",
                      "TimeFormat": "uuuu-MM-dd HH:mm", "TimeZone": "America/Denver",
                      "Dimensions": { "rep": "rep", "team": "team" }
                    }
                  }
                ],
                "Sinks": [ { "Type": "jsonl", "Path": "{{Escape(jsonl)}}" } ]
              }
            }
            """);
        using var provider = Build(section);

        var source = provider.GetServices<IActivitySource>().Single();
        var sink = provider.GetServices<IScoreboardSink>().Single();
        var engine = provider.GetRequiredService<SalesOpsEngine>();
        var batch = await source.ReadAsync(null, 100, CancellationToken.None);
        engine.Ingest(batch.Events, source.Name, batch.Checkpoint);
        await sink.WriteAsync([engine.Snapshot()], CancellationToken.None);

        Assert.That(source, Is.TypeOf<CsvActivitySource>());
        Assert.That(source.Name, Is.EqualTo("crm"));
        Assert.That(batch.Events.Select(e => e.OccurredAt.ToString()), Is.EqualTo(new[] { "2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z" }));
        Assert.That(sink, Is.TypeOf<JsonLinesScoreboardSink>());
        using var line = JsonDocument.Parse(File.ReadAllLines(jsonl).Single());
        var total = line.RootElement.GetProperty("metrics")[0].GetProperty("total");
        Assert.That(total.GetProperty("value").GetDouble(), Is.EqualTo(2));
    }

    [Test]
    public void AddPluginsFromConfiguration_InvalidItems_OneExceptionListsEveryProblem()
    {
        var section = Section("""
            {
              "SalesOps": {
                "Metrics": [ { "Name": "calls", "Aggregation": "Count", "EventTypes": [ "call.made" ] } ],
                "Sources": [
                  { "Type": "csv", "MaxColumns": 0, "Columns": { "Time": "" } },
                  { "Type": "csv", "Path": "a.csv", "HasHeader": "maybe", "Pathh": "b.csv" },
                  { "Type": "xml" },
                  { "Path": "c.csv" }
                ],
                "Sinks": [
                  { "Type": "jsonl" },
                  { "Type": "CSV", "Delimiter": "ab" }
                ]
              }
            }
            """);
        using var provider = Build(section);

        var exception = Assert.Throws<DefinitionValidationException>(() => provider.GetServices<IActivitySource>().ToList());

        Assert.That(exception!.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "sources[0].path: required",
            "sources[0].maxColumns: must be at least 1 (0)",
            "sources[0].columns.time: required",
            "sources[1].hasHeader: 'maybe' is not true or false",
            "sources[1].pathh: unknown setting 'Pathh'; expected one of Columns, Delimiter, HasHeader, MaxColumns, MaxFieldBytes, MaxRecordBytes, MaxRejectionsKept, Name, Path, Type",
            "sources[2].type: unknown source type 'xml'; expected one of csv, sql",
            "sources[3].type: required: the source type, one of csv, sql",
            "sinks[0].path: required",
            "sinks[1].delimiter: 'ab' is not a single character",
        }));
        Assert.That(exception.Message, Does.StartWith("SalesOps definition is invalid (9 problems):"));
    }

    [Test]
    public void AddPluginsFromConfiguration_DuplicateNames_Reported()
    {
        var section = Section("""
            {
              "SalesOps": {
                "Sources": [ { "Type": "csv", "Path": "a.csv" }, { "Type": "csv", "Path": "b.csv" } ]
              }
            }
            """);
        using var provider = Build(section);

        var exception = Assert.Throws<DefinitionValidationException>(() => provider.GetServices<IActivitySource>().ToList());

        Assert.That(exception!.Errors.Single().ToString(), Is.EqualTo(
            "sources[1].name: duplicate source name 'csv' (sources[0] has it too); give each source its own Name"));
    }
}
