using System.Text;
using SalesOps.Metrics.Csv.Tests.Support;

namespace SalesOps.Metrics.Csv.Tests.Source;

/// <summary>
/// Hostile files (a huge field, broken quotes, invalid UTF-8, a million columns) are refused row by row with line
/// numbers, in bounded memory, and every good row around them is read.
/// </summary>
public sealed class CsvHostileFileTests
{
    private const string Good = "call.made,2026-03-10T15:00:00Z";
    private const long MiB = 1024 * 1024;

    private TempDirectory _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempDirectory();

    [TearDown]
    public void TearDown() => _files.Dispose();

    /// <summary>Writes a file from parts, repeating a byte <c>count</c> times without holding them in memory.</summary>
    private string Build(string name, params object[] parts)
    {
        var path = _files.File(name);
        using var file = File.Create(path);
        var chunk = new byte[MiB];
        foreach (var part in parts)
        {
            switch (part)
            {
                case string text:
                    file.Write(Encoding.UTF8.GetBytes(text));
                    break;
                case byte[] bytes:
                    file.Write(bytes);
                    break;
                case (byte value, long count):
                    Array.Fill(chunk, value);
                    for (var left = count; left > 0; left -= chunk.Length)
                    {
                        file.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown part {part.GetType()}; repeat bytes with (byte, long).", nameof(parts));
            }
        }

        return path;
    }

    private static async Task<(List<ActivityEvent> Events, CsvActivitySource Source, long Allocated)> ReadAllAsync(string path, int maxEvents = 1000, CsvActivitySourceOptions? options = null)
    {
        options ??= new CsvActivitySourceOptions();
        options.Path = path;
        var source = new CsvActivitySource(options);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (events, _, _) = await SourceReading.ReadAllAsync(() => source, maxEvents: maxEvents);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Out.WriteLine($"read {new FileInfo(path).Length:N0} bytes, allocated {allocated:N0} bytes");
        return (events, source, allocated);
    }

    [Test]
    public async Task ReadAsync_64MiBField_RowRejectedAndPassedInBoundedMemory()
    {
        var path = Build("huge-field.csv", "id,type,time\n", $"a,{Good}\n", "b,call.made,\"", ((byte)'x', 64 * MiB), "\"\n", $"c,{Good}\n");

        var (events, source, allocated) = await ReadAllAsync(path);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(source.Rejected.Single().Line, Is.EqualTo(3));
        Assert.That(source.Rejected.Single().Reason, Is.EqualTo(CsvRejectionReason.RecordTooLong));
        Assert.That(allocated, Is.LessThan(16 * MiB), "the 64 MiB field is never held in memory");
    }

    [Test]
    public async Task ReadAsync_FieldOverFieldLimit_FieldTooLong()
    {
        var path = Build("long-field.csv", "id,type,time\n", "a,call.made,2026-03-10T15:00:00Z,", ((byte)'y', 100_000L), "\n", $"b,{Good}\n");

        var (events, source, _) = await ReadAllAsync(path);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "b" }));
        Assert.That(source.Rejected.Single(), Is.EqualTo(new CsvRejectedRow(2, CsvRejectionReason.FieldTooLong, "field 4 is 100000 bytes long; at most 65536 are allowed")));
    }

    [Test]
    public async Task ReadAsync_BrokenQuotes_OnlyThoseRowsRejected()
    {
        var path = Build("quotes.csv",
            "id,type,time\n",
            $"a,{Good}\n",
            "b,\"call.made,2026-03-10T15:00:00Z\n",          // never closed on its line
            $"c,{Good}\n",
            "d,\"call\"made,2026-03-10T15:00:00Z\n",          // text after the closing quote
            $"e,{Good}\n",
            "\"f,call.made,2026-03-10T15:00:00Z\n",           // unclosed at the start of the row
            $"g,{Good}\n",
            "h,\"call.made\",\"2026-03-10T15:00:00Z\"\n");    // well-formed quotes are fine

        var (events, source, _) = await ReadAllAsync(path);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "a", "c", "e", "g", "h" }));
        Assert.That(source.Rejected.Select(r => (r.Line, r.Reason)), Is.EqualTo(new[]
        {
            (3L, CsvRejectionReason.MalformedQuotes),
            (5L, CsvRejectionReason.MalformedQuotes),
            (7L, CsvRejectionReason.MalformedQuotes),
        }));
    }

    [Test]
    public async Task ReadAsync_UnclosedQuoteBeforeAHugeLine_RejectedInBoundedMemory()
    {
        var path = Build("quote-bomb.csv", "id,type,time\n", "a,\"", ((byte)'q', 32 * MiB), "\n", $"b,{Good}\n");

        var (events, source, allocated) = await ReadAllAsync(path);

        Assert.That(events.Single().Id, Is.EqualTo("b"));
        Assert.That(source.Rejected.Single().Line, Is.EqualTo(2));
        Assert.That(source.Rejected.Single().Reason, Is.EqualTo(CsvRejectionReason.RecordTooLong));
        Assert.That(allocated, Is.LessThan(16 * MiB));
    }

    [TestCase(new byte[] { 0xC3, 0x28 }, TestName = "ReadAsync_InvalidUtf8_BadContinuationByte_RowRejected")]
    [TestCase(new byte[] { 0xC0, 0xAF }, TestName = "ReadAsync_InvalidUtf8_OverlongEncoding_RowRejected")]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, TestName = "ReadAsync_InvalidUtf8_EncodedSurrogate_RowRejected")]
    [TestCase(new byte[] { 0xF0, 0x9F, 0x98 }, TestName = "ReadAsync_InvalidUtf8_TruncatedSequence_RowRejected")]
    [TestCase(new byte[] { 0xFF }, TestName = "ReadAsync_InvalidUtf8_ByteFF_RowRejected")]
    public async Task ReadAsync_InvalidUtf8_RowRejectedWithLine(byte[] invalid)
    {
        var path = Build("utf8.csv", "id,type,time\n", $"a,{Good}\n", "b,call.", invalid, "made,2026-03-10T15:00:00Z\n", "c,call.made,2026-03-10T15:00:00Z,Zoë 😀\n");

        var (events, source, _) = await ReadAllAsync(path);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "a", "c" }), "valid multi-byte text is fine");
        Assert.That(source.Rejected.Single().Line, Is.EqualTo(3));
        Assert.That(source.Rejected.Single().Reason, Is.EqualTo(CsvRejectionReason.InvalidUtf8));
        Assert.That(source.Rejected.Single().Message, Is.EqualTo("invalid UTF-8 at byte 8 of the row"));
    }

    [Test]
    public async Task ReadAsync_AMillionColumns_RejectedInBoundedMemory()
    {
        var columns = new StringBuilder(2_000_000).Append("x,call.made,2026-03-10T15:00:00Z");
        for (var i = 3; i < 1_000_000; i++)
        {
            columns.Append(",a");
        }

        var path = Build("columns.csv", "id,type,time\n", $"a,{Good}\n", columns.Append('\n').ToString(), $"b,{Good}\n");
        columns.Clear();

        var (events, source, allocated) = await ReadAllAsync(path);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(source.Rejected.Single().Line, Is.EqualTo(3));
        Assert.That(source.Rejected.Single().Reason, Is.EqualTo(CsvRejectionReason.RecordTooLong));
        Assert.That(allocated, Is.LessThan(16 * MiB));
    }

    [Test]
    public async Task ReadAsync_ColumnsOverTheColumnLimit_TooManyColumns()
    {
        var path = Build("wide.csv", "id,type,time\n", $"a,{Good}" + string.Concat(Enumerable.Repeat(",z", 5000)) + "\n", $"b,{Good}\n");

        var (events, source, _) = await ReadAllAsync(path);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "b" }));
        Assert.That(source.Rejected.Single(), Is.EqualTo(new CsvRejectedRow(2, CsvRejectionReason.TooManyColumns, "the row has 5003 fields; at most 1000 are allowed")));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(1000)]
    public async Task ReadAsync_EveryKindOfHostileRowInSmallBatches_SameGoodRowsAndRejections(int maxEvents)
    {
        var path = Build("mixed.csv",
            "id,type,time\n",
            $"r1,{Good}\n",
            "r2,call.made,\"", ((byte)'x', 3 * MiB), "\"\n",
            $"r3,{Good}\n",
            "r4,\"call.made,2026-03-10T15:00:00Z\n",
            $"r5,{Good}\n",
            "r6,call", new byte[] { 0xFE }, ",2026-03-10T15:00:00Z\n",
            $"r7,{Good}\n",
            "r8," + string.Concat(Enumerable.Repeat("c,", 2000)) + "\n",
            $"r9,{Good}\n",
            "r10,call.made,2026-03-10T15:00:00Z,", ((byte)'f', 70_000L), "\n",
            $"r11,{Good}");

        var (events, source, allocated) = await ReadAllAsync(path, maxEvents);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "r1", "r3", "r5", "r7", "r9", "r11" }));
        Assert.That(source.Rejected.Select(r => (r.Line, r.Reason)), Is.EqualTo(new[]
        {
            (3L, CsvRejectionReason.RecordTooLong),
            (5L, CsvRejectionReason.MalformedQuotes),
            (7L, CsvRejectionReason.InvalidUtf8),
            (9L, CsvRejectionReason.TooManyColumns),
            (11L, CsvRejectionReason.FieldTooLong),
        }));
        Assert.That(allocated, Is.LessThan(64 * MiB));
    }
}
