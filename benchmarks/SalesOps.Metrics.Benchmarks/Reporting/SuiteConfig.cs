using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;

namespace SalesOps.Metrics.Benchmarks.Reporting;

/// <summary>
/// The configuration of every run: allocations per operation (per event, through <c>OperationsPerInvoke</c>), the
/// median beside the mean, and the ratio to each class's baseline. Jobs come from the command line
/// (<c>--job short</c>, <c>--job Dry</c>) or BenchmarkDotNet's default.
/// </summary>
internal static class SuiteConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(StatisticColumn.Median, BaselineRatioColumn.RatioMean, BaselineAllocationRatioColumn.RatioMean)
        .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
}
