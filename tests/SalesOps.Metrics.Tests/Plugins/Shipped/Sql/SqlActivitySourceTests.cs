using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Sql;

/// <summary>The SQL source on a real SQLite database: incremental reads, exact resume, allow-listed names, bound values.</summary>
public sealed class SqlActivitySourceTests
{
    private const string Hostile = "x'); DROP TABLE activity; --";

    private TempDirectory _files = null!;
    private string _connectionString = null!;

    [SetUp]
    public void SetUp()
    {
        _files = new TempDirectory();
        _connectionString = $"Data Source={_files.File("crm.db")}";
        Execute("""
            CREATE TABLE activity (
                id INTEGER NOT NULL,
                type TEXT,
                occurred_at TEXT,
                amount REAL,
                rep TEXT,
                "group" TEXT,
                region TEXT,
                updated_at INTEGER);
            CREATE TABLE secrets (token TEXT);
            INSERT INTO secrets VALUES ('s3cret');
            """);
    }

    [TearDown]
    public void TearDown() => _files.Dispose();

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Insert(long id, long updatedAt, string? type = "call.made", string? time = "2026-03-10T15:00:00Z", object? amount = null, string? rep = "alice", string? group = "BDR", string region = "NA") =>
        Execute(
            "INSERT INTO activity VALUES ($id, $type, $time, $amount, $rep, $group, $region, $updated)",
            ("$id", id), ("$type", type), ("$time", time), ("$amount", amount), ("$rep", rep), ("$group", group), ("$region", region), ("$updated", updatedAt));

    private SqlActivitySourceOptions Options() => new()
    {
        Name = "crm-db",
        ConnectionString = _connectionString,
        Table = "activity",
        Columns = new SqlColumnMapping
        {
            Id = "id",
            Type = "type",
            Time = "occurred_at",
            Value = "amount",
            Watermark = "updated_at",
            Dimensions = new Dictionary<string, string> { ["rep"] = "rep", ["group"] = "team" },
        },
        AllowedTables = ["activity"],
        AllowedColumns = ["id", "type", "occurred_at", "amount", "rep", "group", "region", "updated_at"],
    };

    private SqlActivitySource Source(SqlActivitySourceOptions? options = null) => new(SqliteFactory.Instance, options ?? Options());

    private static async Task<List<ActivityEvent>> ReadAllAsync(Func<SqlActivitySource> source, int maxEvents, Checkpoint? from = null)
    {
        var events = new List<ActivityEvent>();
        var checkpoint = from;
        while (true)
        {
            var batch = await source().ReadAsync(checkpoint, maxEvents, CancellationToken.None);
            if (batch.IsEmpty)
            {
                Assert.That(batch.Checkpoint, Is.EqualTo(checkpoint));
                return events;
            }

            Assert.That(batch.Events, Has.Count.LessThanOrEqualTo(maxEvents));
            events.AddRange(batch.Events);
            checkpoint = batch.Checkpoint;
        }
    }

    [Test]
    public async Task ReadAsync_Rows_MappedToEvents()
    {
        Insert(1, 10, amount: 1250.5, rep: "alice", group: "BDR");
        Insert(2, 11, type: "deal.won", time: "2026-03-10T09:30:00-06:00", rep: null, group: "AE");

        var batch = await Source().ReadAsync(null, 10, CancellationToken.None);

        Assert.That(batch.Events.Select(e => (e.Id, e.Type, e.OccurredAt, e.Value)), Is.EqualTo(new[]
        {
            ("1", "call.made", Instant.FromUtc(2026, 3, 10, 15, 0), (double?)1250.5),
            ("2", "deal.won", Instant.FromUtc(2026, 3, 10, 15, 30), null),
        }));
        Assert.That(batch.Events[0].Dimensions, Is.EqualTo(new Dictionary<string, string> { ["rep"] = "alice", ["team"] = "BDR" }));
        Assert.That(batch.Events[1].Dimensions, Is.EqualTo(new Dictionary<string, string> { ["team"] = "AE" }), "a null cell leaves the dimension out");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(100)]
    public async Task ReadAsync_EqualWatermarksAcrossBatchesFromFreshInstances_EveryRowOnceInOrder(int maxEvents)
    {
        // Watermarks repeat: 5 rows at 100, 4 at 200, 1 at 300, 6 at 400; ids interleave so only (watermark, id) orders them.
        long[] watermarks = [400, 100, 200, 100, 400, 100, 200, 300, 400, 100, 200, 400, 100, 400, 200, 400];
        for (var i = 0; i < watermarks.Length; i++)
        {
            Insert(i + 1, watermarks[i]);
        }

        var events = await ReadAllAsync(() => Source(), maxEvents);

        var expected = watermarks.Select((w, i) => (Watermark: w, Id: i + 1)).OrderBy(r => r.Watermark).ThenBy(r => r.Id).Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(events.Select(e => e.Id), Is.EqualTo(expected));
    }

    [Test]
    public async Task ReadAsync_RowsAddedAfterACheckpoint_OnlyTheNewOnesRead()
    {
        Insert(1, 100);
        Insert(2, 100);
        var first = await Source().ReadAsync(null, 10, CancellationToken.None);
        Insert(3, 100);   // same watermark as the last row read, higher id
        Insert(4, 150);

        var second = await Source().ReadAsync(first.Checkpoint, 10, CancellationToken.None);
        var third = await Source().ReadAsync(second.Checkpoint, 10, CancellationToken.None);

        Assert.That(first.Events.Select(e => e.Id), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(second.Events.Select(e => e.Id), Is.EqualTo(new[] { "3", "4" }));
        Assert.That(third.IsEmpty, Is.True);
        Assert.That(third.Checkpoint, Is.EqualTo(second.Checkpoint));
        Assert.That(second.Checkpoint!.Value.Value, Is.EqualTo("""{"w":{"t":"i","v":"150"},"id":{"t":"i","v":"4"}}"""));
    }

    [Test]
    public async Task ReadAsync_TextIdsAndTimeWatermark_OrderedAndResumed()
    {
        Execute("""
            CREATE TABLE calls (call_id TEXT, kind TEXT, at TEXT);
            INSERT INTO calls VALUES ('b''1', 'call.made', '2026-03-10 09:00:00'), ('a"2', 'call.made', '2026-03-10 09:00:00'), ('c3', 'call.made', '2026-03-10 08:00:00');
            """);
        SqlActivitySourceOptions Calls() => new()
        {
            ConnectionString = _connectionString,
            Table = "calls",
            TimeZone = "America/Denver",
            Columns = new SqlColumnMapping { Id = "call_id", Type = "kind", Time = "at" },
            AllowedTables = ["calls"],
            AllowedColumns = ["call_id", "kind", "at"],
        };

        var events = await ReadAllAsync(() => Source(Calls()), 1);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "c3", "a\"2", "b'1" }), "ids with quotes are bound, never spliced");
        Assert.That(events[0].OccurredAt, Is.EqualTo(Instant.FromUtc(2026, 3, 10, 14, 0)), "local times are read in the zone");
    }

    [Test]
    public async Task ReadAsync_InjectionTextInValues_ReadVerbatimAndHarmless()
    {
        Insert(1, 10, type: Hostile, rep: "Robert'); DROP TABLE secrets;--", group: "\" OR 1=1 --");

        var evt = (await Source().ReadAsync(null, 10, CancellationToken.None)).Events.Single();
        var filtered = Options();
        filtered.Filters = new Dictionary<string, string> { ["region"] = "NA' OR '1'='1" };
        var none = await Source(filtered).ReadAsync(null, 10, CancellationToken.None);

        Assert.That(evt.Type, Is.EqualTo(Hostile));
        Assert.That(evt.Dimensions["rep"], Is.EqualTo("Robert'); DROP TABLE secrets;--"));
        Assert.That(evt.Dimensions["team"], Is.EqualTo("\" OR 1=1 --"));
        Assert.That(none.IsEmpty, Is.True, "the filter value is compared as a value, not run as SQL");
        Assert.That(Scalar("SELECT COUNT(*) FROM activity"), Is.EqualTo(1));
        Assert.That(Scalar("SELECT COUNT(*) FROM secrets"), Is.EqualTo(1));
    }

    [Test]
    public async Task ReadAsync_Filters_OnlyMatchingRows()
    {
        Insert(1, 10, region: "NA");
        Insert(2, 11, region: "EMEA");
        Insert(3, 12, region: "EMEA");
        var options = Options();
        options.Filters = new Dictionary<string, string> { ["region"] = "EMEA" };

        var events = await ReadAllAsync(() => Source(options), 1);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "2", "3" }));
    }

    [TestCase(SqlPaging.Limit)]
    [TestCase(SqlPaging.None)]
    public async Task ReadAsync_Paging_SameRows(SqlPaging paging)
    {
        for (var i = 1; i <= 9; i++)
        {
            Insert(i, i / 3);
        }

        var options = Options();
        options.Paging = paging;

        var events = await ReadAllAsync(() => Source(options), 4);

        Assert.That(events.Select(e => e.Id), Is.EqualTo(Enumerable.Range(1, 9).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public async Task ReadAsync_BadRows_RejectedWithIdAndReason_RestRead()
    {
        Insert(1, 10);
        Insert(2, 11, type: null);
        Insert(3, 12, time: "yesterday");
        Insert(4, 13, time: null);
        Insert(5, 14, amount: "lots");
        Insert(6, 15, type: "  ");
        Insert(7, 16, amount: -0.25);
        var seen = new List<SqlRejectedRow>();
        var source = new SqlActivitySource(SqliteFactory.Instance, Options(), onRejected: seen.Add);

        var batch = await source.ReadAsync(null, 2, CancellationToken.None);
        var after = await source.ReadAsync(batch.Checkpoint, 2, CancellationToken.None);

        Assert.That(batch.Events.Select(e => e.Id), Is.EqualTo(new[] { "1", "7" }), "a batch goes on past rejected rows to the next event");
        Assert.That(after.IsEmpty, Is.True);
        Assert.That(source.Rejected.Select(r => (r.Id, r.Reason)), Is.EqualTo(new[]
        {
            ("2", SqlRejectionReason.MissingType),
            ("3", SqlRejectionReason.InvalidTime),
            ("4", SqlRejectionReason.InvalidTime),
            ("5", SqlRejectionReason.InvalidValue),
            ("6", SqlRejectionReason.MissingType),
        }));
        Assert.That(source.RejectedCount, Is.EqualTo(5));
        Assert.That(seen, Is.EqualTo(source.Rejected));
        Assert.That(source.Rejected[1].Message, Is.EqualTo("'yesterday' is not a date-time"));
    }

    [Test]
    public async Task ReadAsync_OnlyRejectedRowsLeft_NotRejectedAgain()
    {
        Insert(1, 10);
        Insert(2, 11, type: null);
        var source = Source();
        var first = await source.ReadAsync(null, 10, CancellationToken.None);

        await source.ReadAsync(first.Checkpoint, 10, CancellationToken.None);
        await source.ReadAsync(first.Checkpoint, 10, CancellationToken.None);
        Insert(3, 12);
        var next = await source.ReadAsync(first.Checkpoint, 10, CancellationToken.None);

        Assert.That(source.RejectedCount, Is.EqualTo(1));
        Assert.That(next.Events.Single().Id, Is.EqualTo("3"));
    }

    [Test]
    public void Constructor_InjectionInNames_RefusedListingEveryProblem()
    {
        var options = Options();
        options.Table = "activity; DROP TABLE secrets";
        options.Columns.Id = "id) OR 1=1 --";
        options.Columns.Type = "type";
        options.Columns.Watermark = "updated_at\"";
        options.Columns.Dimensions = new Dictionary<string, string> { ["rep"] = "rep", ["token FROM secrets --"] = "leak" };
        options.Filters = new Dictionary<string, string> { ["1=1 OR region"] = "x" };
        options.AllowedColumns = [.. options.AllowedColumns, "type; DELETE FROM activity"];

        var exception = Assert.Throws<OptionsValidationException>(() => _ = Source(options));

        Assert.That(exception!.Failures, Is.EqualTo(new[]
        {
            "allowedColumns[8]: 'type; DELETE FROM activity' is not a column name: use letters, digits and _, not starting with a digit",
            "table: 'activity; DROP TABLE secrets' is not a table name: use letters, digits and _, not starting with a digit, optionally schema.table",
            "columns.id: 'id) OR 1=1 --' is not a column name: use letters, digits and _, not starting with a digit",
            "columns.watermark: 'updated_at\"' is not a column name: use letters, digits and _, not starting with a digit",
            "columns.dimensions.token FROM secrets --: 'token FROM secrets --' is not a column name: use letters, digits and _, not starting with a digit",
            "filters.1=1 OR region: '1=1 OR region' is not a column name: use letters, digits and _, not starting with a digit",
        }));
        Assert.That(Scalar("SELECT COUNT(*) FROM secrets"), Is.EqualTo(1));
    }

    [Test]
    public void Constructor_NamesOutsideTheAllowList_Refused()
    {
        var options = Options();
        options.Table = "secrets";
        options.Columns.Value = "token";
        options.AllowedColumns = ["id", "type", "occurred_at", "rep", "group", "updated_at"];

        var exception = Assert.Throws<OptionsValidationException>(() => _ = Source(options));

        Assert.That(exception!.Failures, Is.EqualTo(new[]
        {
            "table: 'secrets' is not in allowedTables",
            "columns.value: 'token' is not in allowedColumns",
        }));
    }

    [Test]
    public void Constructor_NothingSet_ListsEveryProblem()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => _ = new SqlActivitySource(SqliteFactory.Instance, new SqlActivitySourceOptions
        {
            ParameterPrefix = '?',
            CommandTimeoutSeconds = 0,
            TimeZone = "Nowhere/Special",
        }));

        Assert.That(exception!.Failures, Is.EqualTo(new[]
        {
            "connectionString: required",
            "allowedTables: required: list the tables the source may use",
            "allowedColumns: required: list the columns the source may use",
            "table: required",
            "columns.id: 'id' is not in allowedColumns",
            "columns.type: 'type' is not in allowedColumns",
            "columns.time: 'time' is not in allowedColumns",
            "timeZone: unknown time zone 'Nowhere/Special'; expected an IANA id such as America/Denver",
            "parameterPrefix: '?' is not a parameter prefix; expected @, : or $",
            "commandTimeoutSeconds: must be at least 1 (0)",
        }));
    }

    [Test]
    public void ReadAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.CatchAsync<OperationCanceledException>(async () => await Source().ReadAsync(null, 10, cancelled.Token));
    }

    [Test]
    public void ReadAsync_ForeignCheckpoint_ThrowsArgument()
    {
        Assert.ThrowsAsync<ArgumentException>(async () => await Source().ReadAsync(new Checkpoint("12:4"), 10, CancellationToken.None));
    }
}
