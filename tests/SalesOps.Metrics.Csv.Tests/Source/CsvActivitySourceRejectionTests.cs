using Microsoft.Extensions.Logging;
using SalesOps.Metrics.Csv.Tests.Support;

namespace SalesOps.Metrics.Csv.Tests.Source;

/// <summary>Bad rows are rejected one by one with their line number and reason, and the rest are read.</summary>
public sealed class CsvActivitySourceRejectionTests
{
    private TempDirectory _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempDirectory();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private static CsvActivitySourceOptions Options(string path) => new()
    {
        Path = path,
        Columns = new CsvColumnMapping { Value = "value" },
    };

    [Test]
    public async Task ReadAsync_BadRows_EachRejectedWithLineAndReason_RestRead()
    {
        var path = _files.Write("bad.csv", string.Join('\n',
            "id,type,time,value",
            "ok1,call.made,2026-03-10T15:00:00Z,1",
            ",call.made,2026-03-10T15:00:00Z,1",
            "id3,  ,2026-03-10T15:00:00Z,1",
            "id4,call.made,10 March 2026,1",
            "id5,call.made,,1",
            "id6,call.made,2026-03-10T15:00:00Z,twelve",
            "id7,call.made,2026-03-10T15:00:00Z,NaN",
            "id8,call.made,2026-03-10T15:00:00Z,1e400",
            "id9,call.made,2026-03-10T15:00:00Z,\"1,5\"",
            "ok2,call.made,2026-03-10T15:00:00Z,-0.25",
            string.Empty));
        var seen = new List<CsvRejectedRow>();
        var logger = new CollectingLogger<CsvActivitySource>();
        var source = new CsvActivitySource(Options(path), logger, seen.Add);

        var events = (await source.ReadAsync(null, 100, CancellationToken.None)).Events;

        Assert.That(events.Select(e => (e.Id, e.Value)), Is.EqualTo(new[] { ("ok1", (double?)1), ("ok2", -0.25) }));
        Assert.That(source.Rejected.Select(r => (r.Line, r.Reason)), Is.EqualTo(new[]
        {
            (3L, CsvRejectionReason.MissingId),
            (4L, CsvRejectionReason.MissingType),
            (5L, CsvRejectionReason.InvalidTime),
            (6L, CsvRejectionReason.InvalidTime),
            (7L, CsvRejectionReason.InvalidValue),
            (8L, CsvRejectionReason.InvalidValue),
            (9L, CsvRejectionReason.InvalidValue),
            (10L, CsvRejectionReason.InvalidValue),
        }));
        Assert.That(source.RejectedCount, Is.EqualTo(8));
        Assert.That(seen, Is.EqualTo(source.Rejected), "the callback sees each rejection");
        Assert.That(source.Rejected[2].Message, Does.Contain("'10 March 2026'").And.Contain("uuuu"));
        Assert.That(source.Rejected[4].Message, Does.Contain("'twelve'"));
        Assert.That(logger.Entries, Has.Count.EqualTo(8));
        Assert.That(logger.Entries[0], Is.EqualTo((LogLevel.Warning, "CSV source csv rejected line 3: MissingId: the id (id) is empty")));
    }

    [Test]
    public async Task ReadAsync_ManyBadRows_LogsTenThenACount()
    {
        var rows = string.Concat(Enumerable.Range(1, 25).Select(i => $"r{i},,2026-03-10T15:00:00Z\n"));
        var path = _files.Write("many-bad.csv", "id,type,time\n" + rows);
        var logger = new CollectingLogger<CsvActivitySource>();
        var source = new CsvActivitySource(new CsvActivitySourceOptions { Path = path, MaxRejectionsKept = 5 }, logger);

        var batch = await source.ReadAsync(null, 100, CancellationToken.None);

        Assert.That(batch.IsEmpty, Is.True);
        Assert.That(source.RejectedCount, Is.EqualTo(25));
        Assert.That(source.Rejected.Select(r => r.Line), Is.EqualTo(new long[] { 22, 23, 24, 25, 26 }), "the most recent are kept");
        Assert.That(logger.Entries, Has.Count.EqualTo(11));
        Assert.That(logger.Entries[^1].Message, Is.EqualTo("CSV source csv rejected 15 more rows in this read"));
    }

    [Test]
    public async Task ReadAsync_BatchFullOfRejections_GoesOnToTheNextEvent()
    {
        var rows = string.Concat(Enumerable.Range(1, 30).Select(i => $"r{i},,2026-03-10T15:00:00Z\n"));
        var path = _files.Write("runs.csv", "id,type,time\n" + rows + "good,call.made,2026-03-10T15:00:00Z\n");

        var batch = await new CsvActivitySource(new CsvActivitySourceOptions { Path = path }).ReadAsync(null, 5, CancellationToken.None);

        Assert.That(batch.Events.Single().Id, Is.EqualTo("good"));
        Assert.That(batch.Checkpoint!.Value.Value, Does.EndWith(":33"));
    }
}
