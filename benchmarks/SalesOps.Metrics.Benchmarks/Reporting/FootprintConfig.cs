using BenchmarkDotNet.Configs;

namespace SalesOps.Metrics.Benchmarks.Reporting;

/// <summary>Adds the (g) footprint columns to a class whose cases have <c>Series</c> and <c>Spread</c> parameters.</summary>
internal sealed class FootprintConfig : ManualConfig
{
    public FootprintConfig()
    {
        AddColumn(FootprintColumn.EngineCellBytes, FootprintColumn.EngineHeapBytes, FootprintColumn.DenseCellBytes);
    }
}
