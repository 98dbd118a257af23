using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Sqlite.Tests;

/// <summary>The store conformance kit over real SQLite files in the temporary folder.</summary>
[TestFixture]
public sealed class SqliteMetricStoreConformanceTests : MetricStoreConformanceTests
{
    protected override IMetricStore CreateStore(string location) =>
        new SqliteMetricStore(new SqliteStoreOptions { Path = location });

    protected override void DeleteLocation(string location) => TempDatabases.Delete(location);
}
