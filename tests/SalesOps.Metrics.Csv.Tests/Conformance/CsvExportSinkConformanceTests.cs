using SalesOps.Metrics.Csv.Tests.Support;
using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Csv.Tests.Conformance;

/// <summary>
/// The sink conformance kit over the CSV export sink, writing metric and target rows to fresh files. It cannot be read
/// back: the rows are a flat spreadsheet view of a scoreboard (no zone, format, milestones, ingestion report or
/// previous period), so a scoreboard cannot be rebuilt from them field by field. What the files hold is checked in
/// <c>CsvExportSinkTests</c>.
/// </summary>
[TestFixture]
public sealed class CsvExportSinkConformanceTests : SinkConformanceTests
{
    // Disposed in CleanUp, which the kit runs after each test once its sinks are disposed.
    private readonly List<TempDirectory> _files = [];

    protected override IScoreboardSink CreateSink()
    {
        var files = new TempDirectory();
        _files.Add(files);
        return new CsvExportSink(new CsvExportSinkOptions
        {
            MetricsPath = files.File("out/metrics.csv"),
            TargetsPath = files.File("out/targets.csv"),
        });
    }

    protected override void CleanUp()
    {
        _files.ForEach(f => f.Dispose());
        _files.Clear();
    }
}
