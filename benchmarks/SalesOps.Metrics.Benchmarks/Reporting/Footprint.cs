using System.Collections.Concurrent;
using System.Globalization;
using SalesOps.Metrics.Benchmarks.References;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.Reporting;

/// <summary>
/// (g) Bytes per (series, window): one pass of a workload of scenario (e) into a fresh engine, with count/sum/min/max
/// (four metrics), divided by the (series, window) cells that hold at least one event (counted by the dense reference).
/// </summary>
/// <param name="Series">The rep series.</param>
/// <param name="Spread">The spread of the events.</param>
/// <param name="LiveCells">(series, window) cells with at least one event, all levels and grains.</param>
/// <param name="EngineCellBytes">The engine's <see cref="SalesOpsEngine.AggregateBytes"/> after the pass.</param>
/// <param name="EngineHeapBytes">Managed heap growth caused by the pass alone (slabs, their arrays, period tables).</param>
/// <param name="DenseCellBytes">The dense reference's cell bytes (32-byte cells, 36 once compacted).</param>
internal sealed record Footprint(int Series, Spread Spread, long LiveCells, long EngineCellBytes, long EngineHeapBytes, long DenseCellBytes)
{
    private static readonly ConcurrentDictionary<(int, Spread), Footprint> Cache = new();

    public double EngineBytesPerCell => (double)EngineCellBytes / LiveCells;

    public double EngineHeapBytesPerCell => (double)EngineHeapBytes / LiveCells;

    public double DenseBytesPerCell => (double)DenseCellBytes / LiveCells;

    public static Footprint Of(int series, Spread spread) => Cache.GetOrAdd((series, spread), static key => Measure(key.Item1, key.Item2));

    public static string Table()
    {
        var lines = new List<string>
        {
            "| Series | Spread | Live (series, window) cells | Engine cell bytes / cell | Engine heap growth / cell | Dense reference bytes / cell |",
            "|---:|---|---:|---:|---:|---:|",
        };
        foreach (var series in new[] { 1_000, 10_000, 100_000, 1_000_000 })
        {
            foreach (var spread in (Spread[])[Spread.OpenPeriod, Spread.Quarter])
            {
                var f = Of(series, spread);
                lines.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {f.Series:N0} | {f.Spread} | {f.LiveCells:N0} | {f.EngineBytesPerCell:F1} | {f.EngineHeapBytesPerCell:F1} | {f.DenseBytesPerCell:F1} |"));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static Footprint Measure(int series, Spread spread)
    {
        const int Teams = 10;
        var workload = Workload.Create(Workload.DefaultEvents, Teams, series / Teams, spread);
        var periods = new PeriodTable(workload.Start, workload.End);
        var dense = new DenseReference(workload, Shape.TwoByFour, periods);
        dense.Record(workload.Events);

        var rig = EngineRig.Create(workload, Shape.TwoByFour, MetricSet.Stats);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        rig.RecordAll();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(rig);
        return new Footprint(series, spread, dense.LiveCells, rig.Engine.AggregateBytes, after - before, dense.CellBytes);
    }
}
