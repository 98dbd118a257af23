using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Reporting;

/// <summary>
/// A column computed in the host process, not timed: bytes per live (series, window) after one pass of the case's
/// workload, read from <see cref="Footprint"/> for the case's <c>Series</c> and <c>Spread</c> parameters.
/// </summary>
internal sealed class FootprintColumn(string name, Func<Footprint, double> value, string legend) : IColumn
{
    public static FootprintColumn EngineCellBytes { get; } = new(
        "Engine B/cell",
        static f => f.EngineBytesPerCell,
        "Engine AggregateBytes after one pass ÷ (series, window) cells with events (count/sum/min/max, all levels and grains)");

    public static FootprintColumn EngineHeapBytes { get; } = new(
        "Engine heap B/cell",
        static f => f.EngineHeapBytesPerCell,
        "Managed heap growth of the engine during one pass ÷ (series, window) cells with events");

    public static FootprintColumn DenseCellBytes { get; } = new(
        "Dense B/cell",
        static f => f.DenseBytesPerCell,
        "The dense reference's cell bytes after one pass ÷ (series, window) cells with events");

    public string Id => nameof(FootprintColumn) + "." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        // A second quarter's footprint would count the first quarter's closed cells too: not measured.
        if (benchmarkCase.Parameters["Series"] is not int series || benchmarkCase.Parameters["Spread"] is not Spread spread
            || spread == Spread.SecondQuarter)
        {
            return "-";
        }

        return value(Footprint.Of(series, spread)).ToString("F1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
