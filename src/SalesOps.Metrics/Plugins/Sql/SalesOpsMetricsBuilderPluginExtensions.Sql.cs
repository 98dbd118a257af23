using System.Data.Common;
using Microsoft.Extensions.Logging;
using SalesOps.Metrics;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Plugins;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SalesOpsMetricsBuilderPluginExtensions
{
    /// <summary>Adds a source that reads a table incrementally over ADO.NET.</summary>
    /// <param name="builder">The SalesOps builder.</param>
    /// <param name="factory">The ADO.NET provider, such as <c>SqliteFactory.Instance</c>.</param>
    /// <param name="configure">Sets the connection, table, columns and allow-lists, validated when the source is created at start-up.</param>
    /// <returns>The builder.</returns>
    public static SalesOpsMetricsBuilder AddSqlSource(this SalesOpsMetricsBuilder builder, DbProviderFactory factory, Action<SqlActivitySourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqlActivitySourceOptions();
        configure(options);
        builder.Services.AddSingleton<IActivitySource>(sp => new SqlActivitySource(factory, options, sp.GetService<ILogger<SqlActivitySource>>()));
        return builder;
    }
}
