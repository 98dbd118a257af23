using Microsoft.Extensions.Logging;
using SalesOps.Metrics;
using SalesOps.Metrics.Csv;
using SalesOps.Metrics.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes the CSV source and CSV export sink available by the type name <c>csv</c> in configuration.</summary>
public static class CsvPluginRegistration
{
    /// <summary>
    /// Registers the plugin type <c>csv</c> for sources (<see cref="CsvActivitySource"/>, options
    /// <see cref="CsvActivitySourceOptions"/>) and sinks (<see cref="CsvExportSink"/>, options
    /// <see cref="CsvExportSinkOptions"/>), so <c>"Sources": [{ "Type": "csv", … }]</c> resolves.
    /// </summary>
    /// <param name="builder">The SalesOps builder.</param>
    /// <returns>The builder.</returns>
    public static SalesOpsMetricsBuilder AddCsvPluginTypes(this SalesOpsMetricsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddSourceType<CsvActivitySourceOptions>("csv", (services, options) =>
                new CsvActivitySource(options, services.GetService<ILogger<CsvActivitySource>>()))
            .AddSinkType<CsvExportSinkOptions>("csv", (_, options) => new CsvExportSink(options));
    }
}
