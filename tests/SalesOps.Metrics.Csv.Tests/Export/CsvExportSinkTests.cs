using CsvHelper;
using Microsoft.Extensions.Options;
using SalesOps.Metrics.Csv.Tests.Support;

namespace SalesOps.Metrics.Csv.Tests.Export;

/// <summary>The CSV export sink, checked by reading its files back.</summary>
public sealed class CsvExportSinkTests
{
    private TempDirectory _files = null!;

    [SetUp]
    public void SetUp() => _files = new TempDirectory();

    [TearDown]
    public void TearDown() => _files.Dispose();

    private CsvExportSink Sink(bool includeCorrections = true) => new(new CsvExportSinkOptions
    {
        MetricsPath = _files.File("out/metrics.csv"),
        TargetsPath = _files.File("out/targets.csv"),
        IncludeCorrections = includeCorrections,
    });

    private static List<string[]> ReadBack(string path)
    {
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    [Test]
    public async Task WriteAsync_Scoreboard_MetricAndTargetRowsReadBack()
    {
        await Sink().WriteAsync([Scoreboards.Create()], CancellationToken.None);

        var metrics = ReadBack(_files.File("out/metrics.csv"));
        var targets = ReadBack(_files.File("out/targets.csv"));

        Assert.That(metrics[0], Is.EqualTo(new[] { "at", "kind", "metric", "unit", "grain", "period", "period_start", "period_end", "dimension", "dimension_value", "value", "count" }));
        Assert.That(metrics.Skip(1), Is.EqualTo(new[]
        {
            new[] { "2026-03-10T15:00:00Z", "Regular", "appointments-set", "appointments", "Month", "2026-03", "2026-03-01T07:00:00Z", "2026-04-01T06:00:00Z", "", "", "12", "12" },
            new[] { "2026-03-10T15:00:00Z", "Regular", "appointments-set", "appointments", "Month", "2026-03", "2026-03-01T07:00:00Z", "2026-04-01T06:00:00Z", "team", "BDR", "8", "1" },
            new[] { "2026-03-10T15:00:00Z", "Regular", "appointments-set", "appointments", "Month", "2026-03", "2026-03-01T07:00:00Z", "2026-04-01T06:00:00Z", "team", "AE", "4", "1" },
        }));
        Assert.That(targets[0][..6], Is.EqualTo(new[] { "at", "kind", "target", "metric", "member", "scope" }));
        Assert.That(targets[1], Is.EqualTo(new[]
        {
            "2026-03-10T15:00:00Z", "Regular", "bdr-opportunities", "qualified-opportunities", "alice", "team=BDR;rep=alice",
            "Month", "2026-03", "AtLeast", "Behind", "3", "40", "10", "0.075", "0.3", "12", "37",
        }));
    }

    [Test]
    public async Task WriteAsync_FormulaCells_NeutralisedAndNumbersLeftAlone()
    {
        var hostile = new[] { "=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "plain", "a=b" };
        var scoreboard = Scoreboards.Create(metrics:
        [
            Scoreboards.Metric("=cmd|' /C calc'!A0", -5, [.. hostile.Select(h => (h, (double?)-0.25))]),
        ]);

        await Sink().WriteAsync([scoreboard], CancellationToken.None);

        var rows = ReadBack(_files.File("out/metrics.csv")).Skip(1).ToList();
        Assert.That(rows.Select(r => r[2]).Distinct(), Is.EqualTo(new[] { "'=cmd|' /C calc'!A0" }), "the metric name is neutralised");
        Assert.That(rows.Skip(1).Select(r => r[9]), Is.EqualTo(new[]
        {
            "'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\rcmd", "plain", "a=b",
        }));
        Assert.That(rows[0][10], Is.EqualTo("-5"), "a negative total stays a number");
        Assert.That(rows.Skip(1).Select(r => r[10]).Distinct(), Is.EqualTo(new[] { "-0.25" }));
        var text = File.ReadAllText(_files.File("out/metrics.csv"));
        Assert.That(text, Does.Contain(",-5,").And.Contain(",-0.25,"), "numbers are written bare, not quoted or prefixed");
    }

    [Test]
    public async Task WriteAsync_SameBatchTwice_AppendsOnce()
    {
        var sink = Sink();
        var batch = new[] { Scoreboards.Create(kind: ScoreboardKind.Correction), Scoreboards.Create() };

        await sink.WriteAsync(batch, CancellationToken.None);
        await sink.WriteAsync(batch, CancellationToken.None);
        await sink.WriteAsync([batch[1], Scoreboards.Create(Scoreboards.At + NodaTime.Duration.FromHours(1))], CancellationToken.None);

        var metrics = ReadBack(_files.File("out/metrics.csv"));
        Assert.That(metrics.Count(r => r[0] == "at"), Is.EqualTo(1), "one header");
        Assert.That(metrics.Skip(1).Select(r => (r[0], r[1])).Distinct(), Is.EqualTo(new[]
        {
            ("2026-03-10T15:00:00Z", "Correction"),
            ("2026-03-10T15:00:00Z", "Regular"),
            ("2026-03-10T16:00:00Z", "Regular"),
        }));
        Assert.That(metrics, Has.Count.EqualTo(1 + (3 * 3)));
    }

    [Test]
    public async Task WriteAsync_NewInstanceOnExistingFile_AppendsWithoutASecondHeader()
    {
        await Sink().WriteAsync([Scoreboards.Create()], CancellationToken.None);
        await Sink().WriteAsync([Scoreboards.Create(Scoreboards.At + NodaTime.Duration.FromHours(1))], CancellationToken.None);

        var targets = ReadBack(_files.File("out/targets.csv"));

        Assert.That(targets, Has.Count.EqualTo(3));
        Assert.That(targets.Count(r => r[0] == "at"), Is.EqualTo(1));
    }

    [Test]
    public async Task WriteAsync_CorrectionsExcluded_OnlyRegularRows()
    {
        await Sink(includeCorrections: false).WriteAsync(
            [Scoreboards.Create(kind: ScoreboardKind.Correction), Scoreboards.Create(Scoreboards.At + NodaTime.Duration.FromHours(1))], CancellationToken.None);

        Assert.That(ReadBack(_files.File("out/targets.csv")).Skip(1).Select(r => r[1]), Is.EqualTo(new[] { "Regular" }));
    }

    [Test]
    public async Task WriteAsync_OnlyTargetsPath_WritesNoMetricsFile()
    {
        var sink = new CsvExportSink(new CsvExportSinkOptions { TargetsPath = _files.File("t.csv") });

        await sink.WriteAsync([Scoreboards.Create()], CancellationToken.None);

        Assert.That(File.Exists(_files.File("t.csv")), Is.True);
        Assert.That(Directory.GetFiles(_files.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void WriteAsync_Cancelled_WritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.CatchAsync<OperationCanceledException>(async () => await Sink().WriteAsync([Scoreboards.Create()], cancelled.Token));
        Assert.That(File.Exists(_files.File("out/metrics.csv")), Is.False);
    }

    [Test]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => new CsvExportSink(new CsvExportSinkOptions { Name = " ", Delimiter = '\'' }));

        Assert.That(exception!.Failures, Is.EqualTo(new[]
        {
            "name: required",
            "metricsPath: a metrics path or a targets path (or both) is required",
            "delimiter: ''' cannot separate fields; use one ASCII character other than a quote, an apostrophe, CR or LF",
        }));
    }
}
