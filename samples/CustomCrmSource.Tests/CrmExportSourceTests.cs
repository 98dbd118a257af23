using System.Text;
using NodaTime;
using SalesOps.Metrics;

namespace SalesOps.Samples.CustomCrmSource.Tests;

/// <summary>How the CRM export source maps lines to events, skips the lines it cannot map, and follows a growing export.</summary>
public sealed class CrmExportSourceTests
{
    private readonly CrmExportFiles _files = new();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private string Export(string text, string name = "crm-export.jsonl")
    {
        var path = Path.Combine(_files.NewFolder(), name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static async Task<SourceBatch> Read(CrmExportSource source, Checkpoint? after = null, int maxEvents = 100) =>
        await source.ReadAsync(after, maxEvents, CancellationToken.None);

    [Test]
    public async Task ReadAsync_OneLine_MapsKindTimeAmountAndDimensions()
    {
        var path = Export("""{"id":"A-1001","kind":"qualifiedopportunity","at":"2026-03-02T02:15:00-07:00","amount":12500.5,"owner":"Zoë O'Brien","team":"BDR","account":"","region":"West"}""" + "\n");
        var source = new CrmExportSource(new CrmExportOptions { Path = path });

        var batch = await Read(source);

        var activity = batch.Events.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(activity.Id, Is.EqualTo("A-1001"));
            Assert.That(activity.Type, Is.EqualTo("opportunity.qualified"));
            Assert.That(activity.OccurredAt, Is.EqualTo(Instant.FromUtc(2026, 3, 2, 9, 15)));
            Assert.That(activity.Value, Is.EqualTo(12500.5));
            Assert.That(activity.Dimensions, Is.EquivalentTo(new Dictionary<string, string> { ["rep"] = "Zoë O'Brien", ["team"] = "BDR" }));
            Assert.That(batch.Checkpoint, Is.EqualTo(new Checkpoint("crm-export.jsonl:1:161")));
        }
    }

    [Test]
    public async Task ReadAsync_NumericIdNullAmountAndCustomMapping_MapsThem()
    {
        var path = Export("""{"id":90211,"kind":"Demo","at":"2026-03-02T09:15:00Z","amount":null,"owner":"alice","region":"West"}""" + "\n");
        var options = new CrmExportOptions { Path = path, Name = "salesforce" };
        options.Kinds["Demo"] = "appointment.set";
        options.Dimensions["region"] = "region";
        var source = new CrmExportSource(options);

        var activity = (await Read(source)).Events.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(source.Name, Is.EqualTo("salesforce"));
            Assert.That(activity.Id, Is.EqualTo("90211"));
            Assert.That(activity.Type, Is.EqualTo("appointment.set"));
            Assert.That(activity.Value, Is.Null);
            Assert.That(activity.Dimensions, Is.EquivalentTo(new Dictionary<string, string> { ["rep"] = "alice", ["region"] = "West" }));
        }
    }

    [Test]
    public async Task ReadAsync_MalformedLinesBetweenGoodOnes_SkipsAndReportsEachOnceWithItsLineNumber()
    {
        var path = Export(
            """
            {"id":"1","kind":"Call","at":"2026-03-02T09:00:00Z"}
            not json at all
            {"id":"2","kind":"Webinar","at":"2026-03-02T09:01:00Z"}
            {"id":"3","kind":"Call","at":"yesterday"}

            {"id":"4","kind":"ClosedWon","at":"2026-03-02T09:03:00Z","amount":"lots"}
            {"kind":"Call","at":"2026-03-02T09:04:00Z"}
            {"id":"6","kind":"Call","at":"2026-03-02T09:05:00Z","owner":42}
            {"id":"7","kind":"Call","at":"2026-03-02T09:06:00Z"}
            {"id":"8","kind":"Call","at":"2026-03-02T09:07:00Z"}
            """ + "\n");
        var skipped = new List<CrmSkippedLine>();
        var source = new CrmExportSource(new CrmExportOptions { Path = path, LineSkipped = skipped.Add });

        var first = await Read(source, maxEvents: 2);
        var second = await Read(source, first.Checkpoint, maxEvents: 2);
        var again = await Read(source, first.Checkpoint, maxEvents: 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Events.Select(e => e.Id), Is.EqualTo(new[] { "1", "7" }));
            Assert.That(first.Checkpoint!.Value.Value, Does.StartWith("crm-export.jsonl:9:"));
            Assert.That(second.Events.Select(e => e.Id), Is.EqualTo(new[] { "8" }));
            Assert.That(second.Checkpoint!.Value.Value, Does.StartWith("crm-export.jsonl:10:"));
            Assert.That(again.Events.Select(e => e.Id), Is.EqualTo(new[] { "8" }));
            Assert.That(skipped.Select(s => (s.Line, s.Reason)), Is.EqualTo(new[]
            {
                (2L, CrmSkipReason.NotJson),
                (3L, CrmSkipReason.UnmappedKind),
                (4L, CrmSkipReason.InvalidTime),
                (6L, CrmSkipReason.InvalidAmount),
                (7L, CrmSkipReason.MissingId),
                (8L, CrmSkipReason.InvalidDimension),
            }));
            Assert.That(skipped[1].ToString(), Is.EqualTo("crm-export.jsonl:3: UnmappedKind: no event type for kind \"Webinar\""));
            Assert.That(skipped[2].Detail, Is.EqualTo("\"at\" is not an ISO 8601 instant: \"yesterday\""));
            Assert.That(source.SkippedLines, Is.EqualTo(6));
        }
    }

    [Test]
    public async Task ReadAsync_LineLongerThanTheLimit_IsSkippedAndTheNextLineIsRead()
    {
        var huge = """{"id":"big","kind":"Call","at":"2026-03-02T09:00:00Z","note":""" + "\"" + new string('x', 10_000) + "\"}";
        var path = Export(huge + "\n" + """{"id":"small","kind":"Call","at":"2026-03-02T09:01:00Z"}""" + "\n");
        var skipped = new List<CrmSkippedLine>();
        var source = new CrmExportSource(new CrmExportOptions { Path = path, MaxLineBytes = 1_024, LineSkipped = skipped.Add });

        var batch = await Read(source);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(batch.Events.Select(e => e.Id), Is.EqualTo(new[] { "small" }));
            Assert.That(skipped.Single().ToString(), Is.EqualTo("crm-export.jsonl:1: TooLong: longer than 1024 bytes"));
        }
    }

    [Test]
    public async Task ReadAsync_ExportGrowsAndLastLineIsIncomplete_ReadsEachLineOnceItIsComplete()
    {
        const string First = """{"id":"1","kind":"Call","at":"2026-03-02T09:00:00Z"}""";
        const string Second = """{"id":"2","kind":"Call","at":"2026-03-02T09:01:00Z"}""";
        var path = Export(First + "\n" + Second[..20]);
        var source = new CrmExportSource(new CrmExportOptions { Path = path });

        var first = await Read(source);
        var idle = await Read(source, first.Checkpoint);
        await File.AppendAllTextAsync(path, Second[20..] + "\n");
        var second = await Read(source, first.Checkpoint);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Events.Select(e => e.Id), Is.EqualTo(new[] { "1" }));
            Assert.That(first.Checkpoint, Is.EqualTo(new Checkpoint($"crm-export.jsonl:1:{First.Length + 1}")));
            Assert.That(idle.IsEmpty, Is.True);
            Assert.That(idle.Checkpoint, Is.EqualTo(first.Checkpoint));
            Assert.That(second.Events.Select(e => e.Id), Is.EqualTo(new[] { "2" }));
            Assert.That(second.Checkpoint, Is.EqualTo(new Checkpoint($"crm-export.jsonl:2:{First.Length + Second.Length + 2}")));
        }
    }

    [Test]
    public async Task ReadAsync_FolderOfDailyFiles_ReadsThemInNameOrderAcrossBatches()
    {
        var folder = _files.NewFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "crm-export-2026-03-03.jsonl"), """{"id":"3","kind":"Call","at":"2026-03-03T09:00:00Z"}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "crm-export-2026-03-02.jsonl"), "\uFEFF" + """{"id":"1","kind":"Call","at":"2026-03-02T09:00:00Z"}""" + "\r\n" + """{"id":"2","kind":"Call","at":"2026-03-02T10:00:00Z"}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not an export");
        var source = new CrmExportSource(new CrmExportOptions { Path = folder, FilePattern = "crm-export-*.jsonl" });

        var first = await Read(source, maxEvents: 2);
        var second = await Read(source, first.Checkpoint, maxEvents: 2);
        await File.AppendAllTextAsync(Path.Combine(folder, "crm-export-2026-03-03.jsonl"), "\n");
        var third = await Read(source, first.Checkpoint, maxEvents: 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Events.Select(e => e.Id), Is.EqualTo(new[] { "1", "2" }), "an older file is complete, so its last line counts without a line break");
            Assert.That(first.Checkpoint!.Value.Value, Does.StartWith("crm-export-2026-03-02.jsonl:2:"));
            Assert.That(second.IsEmpty, Is.True, "the newest file's last line has no line break yet");
            Assert.That(third.Events.Select(e => e.Id), Is.EqualTo(new[] { "3" }));
            Assert.That(third.Checkpoint, Is.EqualTo(new Checkpoint("crm-export-2026-03-03.jsonl:1:53")));
        }
    }

    [Test]
    public async Task ReadAsync_FileReplacedSinceTheCheckpoint_ThrowsInvalidData()
    {
        var path = Export("""{"id":"1","kind":"Call","at":"2026-03-02T09:00:00Z"}""" + "\n" + """{"id":"2","kind":"Call","at":"2026-03-02T09:01:00Z"}""" + "\n");
        var source = new CrmExportSource(new CrmExportOptions { Path = path });
        var all = await Read(source);
        await File.WriteAllTextAsync(path, """{"id":"1","kind":"Call","at":"2026-03-02T09:00:00Z"}""" + "\n");

        var failure = Assert.CatchAsync<InvalidDataException>(async () => await Read(source, all.Checkpoint));

        Assert.That(failure!.Message, Does.StartWith("No line of crm-export.jsonl ends at byte 106"));
    }

    [Test]
    public void ReadAsync_CheckpointOfAnotherSource_ThrowsArgumentException()
    {
        var source = new CrmExportSource(new CrmExportOptions { Path = Export("") });

        using (Assert.EnterMultipleScope())
        {
            Assert.CatchAsync<ArgumentException>(async () => await Read(source, new Checkpoint("42")));
            Assert.CatchAsync<ArgumentException>(async () => await Read(source, new Checkpoint("other.jsonl:1:10")));
        }
    }

    [Test]
    public void ReadAsync_MissingExport_ThrowsFileNotFound()
    {
        var source = new CrmExportSource(new CrmExportOptions { Path = Path.Combine(_files.NewFolder(), "missing.jsonl") });

        Assert.CatchAsync<FileNotFoundException>(async () => await Read(source));
    }

    [Test]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new CrmExportOptions { Name = " ", Path = "", FilePattern = "exports/*.jsonl", MaxLineBytes = 10 };
        options.Kinds.Clear();
        options.Dimensions["rep"] = "rep";

        var failure = Assert.Throws<ArgumentException>(() => _ = new CrmExportSource(options));

        Assert.That(failure!.Message, Is.EqualTo(
            """
            The CRM export options are invalid:
            - Name: must not be empty.
            - Path: must name the export file, or its folder when FilePattern is set.
            - FilePattern: "exports/*.jsonl" must be a file name pattern such as crm-export-*.jsonl, without folders.
            - Kinds: must map at least one CRM kind to an event type.
            - Dimensions: fields owner, rep all map to the dimension "rep".
            - MaxLineBytes: 10 must be between 64 and 16777216. (Parameter 'options')
            """.ReplaceLineEndings("\n")));
    }
}
