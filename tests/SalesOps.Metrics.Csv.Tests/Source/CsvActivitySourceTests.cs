using System.Text;
using NodaTime;
using SalesOps.Metrics.Csv.Tests.Support;

namespace SalesOps.Metrics.Csv.Tests.Source;

/// <summary>The CSV source against real files: mapping, exact resume, growth, line endings.</summary>
public sealed class CsvActivitySourceTests
{
    private const string Header = "id,kind,when,amount,rep_name,team\n";

    private TempDirectory _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempDirectory();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private static CsvActivitySourceOptions Options(string path) => new()
    {
        Name = "crm-export",
        Path = path,
        Columns = new CsvColumnMapping
        {
            Id = "id",
            Type = "kind",
            Time = "when",
            Value = "amount",
            Dimensions = new Dictionary<string, string> { ["rep_name"] = "rep", ["team"] = "team" },
        },
    };

    private static string Rows(int from, int count) => string.Concat(Enumerable.Range(from, count).Select(i =>
        $"e{i},call.made,2026-03-10T{i % 24:00}:00:00Z,{i}.5,rep{i % 3},BDR\n"));

    [Test]
    public async Task ReadAsync_MappedColumns_YieldsEvents()
    {
        var path = _files.Write("a.csv", Header
            + "e1,appointment.set,2026-03-10T15:00:00Z,,alice,BDR\n"
            + "e2,deal.won,2026-03-10T09:30:00-06:00,1250.75,\"bob, jr\",AE\n");
        var source = new CsvActivitySource(Options(path));

        var batch = await source.ReadAsync(null, 10, CancellationToken.None);

        Assert.That(source.Name, Is.EqualTo("crm-export"));
        Assert.That(batch.Events, Has.Count.EqualTo(2));
        var first = batch.Events[0];
        Assert.That(first.Id, Is.EqualTo("e1"));
        Assert.That(first.Type, Is.EqualTo("appointment.set"));
        Assert.That(first.OccurredAt, Is.EqualTo(Instant.FromUtc(2026, 3, 10, 15, 0)));
        Assert.That(first.Value, Is.Null, "an empty value cell means no value");
        Assert.That(first.Dimensions, Is.EqualTo(new Dictionary<string, string> { ["rep"] = "alice", ["team"] = "BDR" }));
        var second = batch.Events[1];
        Assert.That(second.OccurredAt, Is.EqualTo(Instant.FromUtc(2026, 3, 10, 15, 30)), "the offset in the text is applied");
        Assert.That(second.Value, Is.EqualTo(1250.75));
        Assert.That(second.Dimensions["rep"], Is.EqualTo("bob, jr"), "a quoted field keeps its separator");
        Assert.That(source.RejectedCount, Is.Zero);
    }

    [Test]
    public async Task ReadAsync_LocalTimesWithPatternAndZone_ResolvedInZone()
    {
        var path = _files.Write("local.csv", "id;type;time\n"
            + "a;call.made;03/08/2026 01:30\n"   // before the spring-forward gap in Denver (MST, -7)
            + "b;call.made;03/08/2026 03:30\n"   // after it (MDT, -6)
            + "c;call.made;03/08/2026 02:30\n"); // in the gap: moved forward by an hour
        var source = new CsvActivitySource(new CsvActivitySourceOptions
        {
            Path = path,
            Delimiter = ';',
            Columns = new CsvColumnMapping { TimeFormat = "MM'/'dd'/'uuuu HH':'mm", TimeZone = "America/Denver" },
        });

        var events = (await source.ReadAsync(null, 10, CancellationToken.None)).Events;

        Assert.That(events.Select(e => e.OccurredAt), Is.EqualTo(new[]
        {
            Instant.FromUtc(2026, 3, 8, 8, 30),
            Instant.FromUtc(2026, 3, 8, 9, 30),
            Instant.FromUtc(2026, 3, 8, 9, 30),
        }));
    }

    [Test]
    public async Task ReadAsync_NoHeader_ColumnsByNumber()
    {
        var path = _files.Write("plain.csv", "2026-03-10T15:00:00Z,x1,call.made,alice\n2026-03-10T16:00:00Z,x2,call.made,bob\n");
        var source = new CsvActivitySource(new CsvActivitySourceOptions
        {
            Path = path,
            HasHeader = false,
            Columns = new CsvColumnMapping { Id = "1", Type = "2", Time = "0", Dimensions = new Dictionary<string, string> { ["3"] = "rep" } },
        });

        var events = (await source.ReadAsync(null, 10, CancellationToken.None)).Events;

        Assert.That(events.Select(e => (e.Id, e.Dimensions["rep"])), Is.EqualTo(new[] { ("x1", "alice"), ("x2", "bob") }));
    }

    [Test]
    public async Task ReadAsync_HeaderNamesIgnoreCaseAndOrder_Mapped()
    {
        var path = _files.Write("b.csv", "TEAM,When,Kind,ID\nBDR,2026-03-10T15:00:00Z,call.made,z9\n");
        var options = Options(path);
        options.Columns.Value = null;
        options.Columns.Dimensions = new Dictionary<string, string> { ["team"] = "team" };

        var events = (await new CsvActivitySource(options).ReadAsync(null, 10, CancellationToken.None)).Events;

        Assert.That(events.Single().Id, Is.EqualTo("z9"));
        Assert.That(events.Single().Dimensions["team"], Is.EqualTo("BDR"));
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(50)]
    public async Task ReadAsync_InBatchesFromFreshInstances_EveryRowOnceInOrder(int maxEvents)
    {
        var path = _files.Write("many.csv", Header + Rows(1, 50));

        // A new instance for every read: the checkpoint alone must carry the position.
        var (events, _, batches) = await SourceReading.ReadAllAsync(() => new CsvActivitySource(Options(path)), maxEvents: maxEvents);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, 50).Select(i => $"e{i}")));
        Assert.That(batches, Is.EqualTo((50 + maxEvents - 1) / maxEvents));
    }

    [Test]
    public async Task ReadAsync_FromCheckpoint_ResumesAtTheNextRowExactly()
    {
        var path = _files.Write("c.csv", Header + Rows(1, 10));
        var first = await new CsvActivitySource(Options(path)).ReadAsync(null, 4, CancellationToken.None);

        var rest = await new CsvActivitySource(Options(path)).ReadAsync(first.Checkpoint, 100, CancellationToken.None);

        Assert.That(first.Events.Select(e => e.Id), Is.EqualTo(new[] { "e1", "e2", "e3", "e4" }));
        Assert.That(rest.Events.Select(e => e.Id), Is.EqualTo(Enumerable.Range(5, 6).Select(i => $"e{i}")));
        var headerBytes = Encoding.UTF8.GetByteCount(Header + Rows(1, 4));
        Assert.That(first.Checkpoint, Is.EqualTo(new Checkpoint($"{headerBytes}:6")), "byte offset and line of the row after the batch");
    }

    [Test]
    public async Task ReadAsync_FileGrowsByWholeLines_ReadsOnlyTheNewRows()
    {
        var path = _files.Write("grow.csv", Header + Rows(1, 3));
        var source = new CsvActivitySource(Options(path));
        var first = await source.ReadAsync(null, 100, CancellationToken.None);
        var nothingNew = await source.ReadAsync(first.Checkpoint, 100, CancellationToken.None);

        File.AppendAllText(path, Rows(4, 2));
        var second = await source.ReadAsync(first.Checkpoint, 100, CancellationToken.None);

        Assert.That(nothingNew.IsEmpty, Is.True);
        Assert.That(nothingNew.Checkpoint, Is.EqualTo(first.Checkpoint));
        Assert.That(second.Events.Select(e => e.Id), Is.EqualTo(new[] { "e4", "e5" }));
    }

    [Test]
    public async Task ReadAsync_CrLfLoneCrBlankLinesAndBom_LineNumbersAndResumeExact()
    {
        var path = _files.File("endings.csv");
        var text = "\uFEFFid,type,time\r\n"
            + "a,call.made,2026-03-10T15:00:00Z\r\n"
            + "\r\n\n"
            + "b,,2026-03-10T15:00:00Z\r"
            + "c,call.made,2026-03-10T15:00:00Z\n"
            + "d,call.made,2026-03-10T15:00:00Z";
        File.WriteAllText(path, text, new UTF8Encoding(false));
        var source = new CsvActivitySource(new CsvActivitySourceOptions { Path = path });

        var first = await source.ReadAsync(null, 1, CancellationToken.None);
        var second = await new CsvActivitySource(new CsvActivitySourceOptions { Path = path }).ReadAsync(first.Checkpoint, 1, CancellationToken.None);
        var third = await source.ReadAsync(second.Checkpoint, 5, CancellationToken.None);

        Assert.That(first.Events.Single().Id, Is.EqualTo("a"));
        Assert.That(second.Events.Single().Id, Is.EqualTo("c"), "the row without a type on line 5 is rejected and passed");
        Assert.That(third.Events.Single().Id, Is.EqualTo("d"), "a last line without a line break is a row");
        var rejected = new CsvActivitySource(new CsvActivitySourceOptions { Path = path });
        await SourceReading.ReadAllAsync(() => rejected);
        Assert.That(rejected.Rejected.Single().Line, Is.EqualTo(5));
        Assert.That(third.Checkpoint, Is.EqualTo(new Checkpoint($"{Encoding.UTF8.GetByteCount(text)}:7")));
    }

    [Test]
    public async Task ReadAsync_EmptyFileThenHeaderOnly_EmptyBatches()
    {
        var path = _files.Write("empty.csv", string.Empty);
        var source = new CsvActivitySource(new CsvActivitySourceOptions { Path = path });

        var empty = await source.ReadAsync(null, 10, CancellationToken.None);
        File.WriteAllText(path, "id,type,time\n");
        var headerOnly = await source.ReadAsync(null, 10, CancellationToken.None);
        File.AppendAllText(path, "a,call.made,2026-03-10T15:00:00Z\n");
        var one = await source.ReadAsync(null, 10, CancellationToken.None);

        Assert.That(empty.IsEmpty && empty.Checkpoint is null, Is.True);
        Assert.That(headerOnly.IsEmpty && headerOnly.Checkpoint is null, Is.True);
        Assert.That(one.Events.Single().Id, Is.EqualTo("a"));
    }

    [Test]
    public async Task ReadAsync_RejectedRowsAtTheEnd_NotRejectedAgainOnTheNextRead()
    {
        var path = _files.Write("tail.csv", "id,type,time\na,call.made,2026-03-10T15:00:00Z\nb,,2026-03-10T15:00:00Z\nc,\"x,2026\n");
        var source = new CsvActivitySource(new CsvActivitySourceOptions { Path = path });

        var first = await source.ReadAsync(null, 10, CancellationToken.None);
        var again = await source.ReadAsync(first.Checkpoint, 10, CancellationToken.None);
        var andAgain = await source.ReadAsync(first.Checkpoint, 10, CancellationToken.None);
        File.AppendAllText(path, "d,call.made,2026-03-10T15:00:00Z\n");
        var next = await source.ReadAsync(first.Checkpoint, 10, CancellationToken.None);

        Assert.That(first.Events.Single().Id, Is.EqualTo("a"));
        Assert.That(first.Checkpoint!.Value.Value, Does.EndWith(":3"), "the checkpoint names the last event, not the rejected rows after it");
        Assert.That(again.IsEmpty && andAgain.IsEmpty, Is.True);
        Assert.That(source.RejectedCount, Is.EqualTo(2), "each bad row is rejected once");
        Assert.That(next.Events.Single().Id, Is.EqualTo("d"));
        Assert.That(next.Checkpoint!.Value.Value, Does.EndWith(":6"));
    }

    [Test]
    public async Task ReadAsync_OlderCheckpointAfterContinuation_ReadsFromTheCheckpoint()
    {
        var path = _files.Write("d.csv", Header + Rows(1, 6));
        var source = new CsvActivitySource(Options(path));
        var first = await source.ReadAsync(null, 2, CancellationToken.None);
        await source.ReadAsync(first.Checkpoint, 2, CancellationToken.None);

        // The engine failed to commit the second batch and reads it again.
        var retry = await source.ReadAsync(first.Checkpoint, 2, CancellationToken.None);

        Assert.That(retry.Events.Select(e => e.Id), Is.EqualTo(new[] { "e3", "e4" }));
    }

    [Test]
    public void ReadAsync_CheckpointPastTheEnd_ThrowsInvalidData()
    {
        var path = _files.Write("short.csv", Header + Rows(1, 2));
        var source = new CsvActivitySource(Options(path));

        Assert.ThrowsAsync<InvalidDataException>(async () => await source.ReadAsync(new Checkpoint("99999:40"), 10, CancellationToken.None));
    }

    [TestCase("")]
    [TestCase("12")]
    [TestCase("a:b")]
    [TestCase("12:0")]
    public void ReadAsync_ForeignCheckpoint_ThrowsArgument(string checkpoint)
    {
        var path = _files.Write("e.csv", Header + Rows(1, 2));
        var source = new CsvActivitySource(Options(path));

        Assert.ThrowsAsync<ArgumentException>(async () => await source.ReadAsync(new Checkpoint(checkpoint), 10, CancellationToken.None));
    }

    [Test]
    public void ReadAsync_HeaderLacksMappedColumns_ThrowsNamingEach()
    {
        var path = _files.Write("f.csv", "id,when\nx,2026-03-10T15:00:00Z\n");
        var source = new CsvActivitySource(Options(path));

        var exception = Assert.ThrowsAsync<InvalidDataException>(async () => await source.ReadAsync(null, 10, CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("'kind'").And.Contain("'amount'").And.Contain("'rep_name'").And.Contain("'team'"));
    }

    [Test]
    public void ReadAsync_Utf16File_Refused()
    {
        var path = _files.File("utf16.csv");
        File.WriteAllText(path, "id,type,time\n", Encoding.Unicode);
        var source = new CsvActivitySource(new CsvActivitySourceOptions { Path = path });

        Assert.ThrowsAsync<InvalidDataException>(async () => await source.ReadAsync(null, 10, CancellationToken.None));
    }

    [Test]
    public void ReadAsync_MissingFile_ThrowsFileNotFound()
    {
        var source = new CsvActivitySource(new CsvActivitySourceOptions { Path = _files.File("absent.csv") });

        Assert.ThrowsAsync<FileNotFoundException>(async () => await source.ReadAsync(null, 10, CancellationToken.None));
    }

    [Test]
    public void ReadAsync_Cancelled_ThrowsOperationCanceled()
    {
        var path = _files.Write("g.csv", Header + Rows(1, 2));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.CatchAsync<OperationCanceledException>(async () => await new CsvActivitySource(Options(path)).ReadAsync(null, 10, cancelled.Token));
    }

    [Test]
    public void ReadAsync_MaxEventsZero_Throws()
    {
        var path = _files.Write("h.csv", Header);

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await new CsvActivitySource(Options(path)).ReadAsync(null, 0, CancellationToken.None));
    }
}
