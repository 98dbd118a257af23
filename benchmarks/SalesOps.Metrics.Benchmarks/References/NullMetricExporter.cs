using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace SalesOps.Metrics.Benchmarks.References;

/// <summary>An exporter that drops every batch: the OpenTelemetry SDK aggregates on <c>Add</c> whatever the exporter does.</summary>
internal sealed class NullMetricExporter : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
}
