using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Configuration;

/// <summary>Sources and sinks named in configuration, resolved through the plugin types registered in DI.</summary>
public sealed class PluginConfigurationTests
{
    private TempDirectory _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempDirectory();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private static IConfigurationSection Section(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("SalesOps");

    private static string Escape(string text) => JsonEncodedText.Encode(text).ToString();

    private static ServiceProvider Build(IConfigurationSection section, Action<SalesOpsMetricsBuilderLike>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<DbProviderFactory>("sqlite", SqliteFactory.Instance);
        services.AddSalesOpsMetrics(section, ops =>
        {
            configure?.Invoke(new SalesOpsMetricsBuilderLike(ops));
            ops.AddPluginsFromConfiguration(section);
        });
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task AddPluginsFromConfiguration_BuiltInTypes_CreatedWithTheirOptions()
    {
        var database = _files.File("crm.db");
        using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE activity (id INTEGER, type TEXT, time TEXT); INSERT INTO activity VALUES (1, 'call.made', '2026-03-10T15:00:00Z');";
            command.ExecuteNonQuery();
        }

        var section = Section($$"""
            {
              "SalesOps": {
                "Metrics": [ { "Name": "calls", "Aggregation": "Count", "EventTypes": [ "call.made" ] } ],
                "Sources": [
                  {
                    "Type": "sql", "Name": "crm-db", "Provider": "sqlite",
                    "ConnectionString": "Data Source={{Escape(database)}}",
                    "Table": "activity", "AllowedTables": [ "activity" ], "AllowedColumns": [ "id", "type", "time" ],
                    "Paging": "limit"
                  }
                ],
                "Sinks": [
                  { "Type": "jsonl", "Path": "{{Escape(_files.File("board.jsonl"))}}", "IncludeCorrections": false },
                  { "Type": "metrics" },
                  { "Type": "Webhook", "Name": "chat", "Url": "http://127.0.0.1:9/hook", "Send": "StatusChanges, Scoreboards" }
                ]
              }
            }
            """);
        await using var provider = Build(section);

        var source = provider.GetServices<IActivitySource>().Single();
        var sinks = provider.GetServices<IScoreboardSink>().ToList();
        var batch = await source.ReadAsync(null, 10, CancellationToken.None);

        Assert.That(source, Is.TypeOf<SqlActivitySource>());
        Assert.That(source.Name, Is.EqualTo("crm-db"));
        Assert.That(batch.Events.Single().Id, Is.EqualTo("1"));
        Assert.That(sinks.Select(s => (s.GetType().Name, s.Name)), Is.EqualTo(new[]
        {
            (nameof(JsonLinesScoreboardSink), "jsonl"),
            (nameof(MetricsScoreboardSink), "metrics"),
            (nameof(WebhookScoreboardSink), "chat"),
        }));
        Assert.That(provider.GetServices<IScoreboardSink>().First(), Is.SameAs(sinks[0]), "each plugin is created once");
    }

    [Test]
    public void AddPluginsFromConfiguration_EveryKindOfProblem_OneExceptionListsThemAll()
    {
        var section = Section("""
            {
              "SalesOps": {
                "Sources": [
                  { "Type": "sql", "Table": "activity; DROP TABLE x", "AllowedTables": "activity", "Paging": "Fast", "CommandTimeoutSeconds": "soon" },
                  { "Type": "sql", "Provider": "oracle", "ConnectionString": "x", "Table": "a", "AllowedTables": [ "a" ], "AllowedColumns": [ "id", "type", "time" ] },
                  "just text"
                ],
                "Sinks": [
                  { "Type": "webhook", "Url": "not a url", "Send": "Sometimes" },
                  { "Type": "metrics", "Name": "m" },
                  { "Type": "metrics", "Name": "m" },
                  { "Type": "jsonl", "Path": "a.jsonl", "Columns": { "Id": "x" } }
                ]
              }
            }
            """);
        using var provider = Build(section);

        var exception = Assert.Throws<DefinitionValidationException>(() => provider.GetServices<IScoreboardSink>().ToList());

        Assert.That(exception!.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "sources[0].allowedTables: expected a list, not the value 'activity'",
            "sources[0].commandTimeoutSeconds: 'soon' is not a whole number",
            "sources[0].paging: unknown sql paging 'Fast'; expected one of Limit, OffsetFetch, None",
            "sources[1].provider: no DbProviderFactory is registered under the key 'oracle'",
            "sources[2]: expected a section of settings, not the value 'just text'",
            "sinks[0].send: unknown webhook content 'Sometimes'; expected one of None, StatusChanges, Scoreboards",
            "sinks[3].columns: unknown setting 'Columns'; expected one of FlushToDisk, IncludeCorrections, Name, Path, Type",
        }));
    }

    [Test]
    public void AddPluginsFromConfiguration_OptionsThePluginRefuses_ReportedAtTheirPaths()
    {
        var section = Section("""
            {
              "SalesOps": {
                "Sources": [ { "Type": "sql", "Table": "activity; DROP TABLE x", "AllowedTables": [ "activity" ], "AllowedColumns": [ "id", "type" ] } ],
                "Sinks": [ { "Type": "webhook", "Url": "not a url" }, { "Type": "metrics", "Name": "m" }, { "Type": "metrics", "Name": "m" } ]
              }
            }
            """);
        using var provider = Build(section);

        var exception = Assert.Throws<DefinitionValidationException>(() => provider.GetServices<IActivitySource>().ToList());

        Assert.That(exception!.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "sources[0].provider: required: the key of a DbProviderFactory registered with services.AddKeyedSingleton<DbProviderFactory>(key, factory)",
            "sources[0].connectionString: required",
            "sources[0].table: 'activity; DROP TABLE x' is not a table name: use letters, digits and _, not starting with a digit, optionally schema.table",
            "sources[0].columns.time: 'time' is not in allowedColumns",
            "sinks[0].url: 'not a url' is not an absolute http or https address",
        }));
    }

    [Test]
    public void AddPluginsFromConfiguration_DuplicateSinkNames_Reported()
    {
        var section = Section("""{ "SalesOps": { "Sinks": [ { "Type": "metrics", "Name": "m" }, { "Type": "metrics", "Name": "m" } ] } }""");
        using var provider = Build(section);

        var exception = Assert.Throws<DefinitionValidationException>(() => provider.GetServices<IScoreboardSink>().ToList());

        Assert.That(exception!.Errors.Single().ToString(), Is.EqualTo("sinks[1].name: duplicate sink name 'm' (sinks[0] has it too); give each sink its own Name"));
    }

    [Test]
    public void AddPluginsFromConfiguration_InvalidAtHostStart_StartFailsWithTheList()
    {
        var section = Section("""
            {
              "SalesOps": {
                "Metrics": [ { "Name": "calls", "Aggregation": "Count", "EventTypes": [ "call.made" ] } ],
                "Sinks": [ { "Type": "jsonl" }, { "Type": "telegraph" } ]
              }
            }
            """);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSalesOpsMetrics(section, ops => ops.AddPluginsFromConfiguration(section));
        using var host = builder.Build();

        var exception = Assert.CatchAsync(async () => await host.StartAsync(CancellationToken.None));

        var invalid = exception as DefinitionValidationException ?? exception?.InnerException as DefinitionValidationException;
        Assert.That(invalid, Is.Not.Null, exception?.ToString());
        Assert.That(invalid!.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "sinks[0].path: required",
            "sinks[1].type: unknown sink type 'telegraph'; expected one of jsonl, metrics, webhook",
        }));
    }

    [Test]
    public void AddPluginsFromConfiguration_NoLists_NothingAdded()
    {
        using var provider = Build(Section("""{ "SalesOps": { "Metrics": [ { "Name": "calls", "Aggregation": "Count", "EventTypes": [ "call.made" ] } ] } }"""));

        Assert.That(provider.GetServices<IActivitySource>(), Is.Empty);
        Assert.That(provider.GetServices<IScoreboardSink>(), Is.Empty);
    }

    [Test]
    public void AddSinkType_ApplicationType_ReplacesTheBuiltInAndRunsRegisteredValidators()
    {
        var section = Section("""{ "SalesOps": { "Sinks": [ { "Type": "jsonl", "Path": "x.jsonl" }, { "Type": "JSONL", "Path": "" } ] } }""");
        using var provider = Build(section, ops =>
        {
            ops.Builder.AddSinkType<JsonLinesSinkOptions>("jsonl", (_, options) => new RecordingSink(options.Path));
            ops.Builder.Services.AddSingleton<IValidateOptions<JsonLinesSinkOptions>>(
                new ValidateOptions<JsonLinesSinkOptions>(null, o => o.Path.Length > 0, "path: must not be empty"));
        });

        var exception = Assert.Throws<DefinitionValidationException>(() => provider.GetServices<IScoreboardSink>().ToList());

        Assert.That(exception!.Errors.Single().ToString(), Is.EqualTo("sinks[1].path: must not be empty"));
    }

    [Test]
    public void AddSinkType_ApplicationType_Created()
    {
        var section = Section("""{ "SalesOps": { "Sinks": [ { "Type": "jsonl", "Path": "x.jsonl" } ] } }""");
        using var provider = Build(section, ops => ops.Builder.AddSinkType<JsonLinesSinkOptions>("jsonl", (_, options) => new RecordingSink(options.Path)));

        Assert.That(provider.GetServices<IScoreboardSink>().Single(), Is.TypeOf<RecordingSink>().With.Property(nameof(RecordingSink.Name)).EqualTo("x.jsonl"));
    }

    /// <summary>Lets a test reach the builder inside the registration callback.</summary>
    private sealed class SalesOpsMetricsBuilderLike(SalesOps.Metrics.DependencyInjection.SalesOpsMetricsBuilder builder)
    {
        public SalesOps.Metrics.DependencyInjection.SalesOpsMetricsBuilder Builder { get; } = builder;
    }

    private sealed class RecordingSink(string name) : IScoreboardSink
    {
        public string Name { get; } = name;

        public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
