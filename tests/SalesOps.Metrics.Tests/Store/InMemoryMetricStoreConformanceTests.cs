using SalesOps.Metrics.Store;
using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Tests.Store;

/// <summary>The store conformance kit over the in-memory reference store.</summary>
/// <remarks>
/// The in-memory store keeps its data across Dispose and Open, so a location maps to one instance: a restart
/// disposes it and opens the same instance again.
/// </remarks>
[TestFixture]
public sealed class InMemoryMetricStoreConformanceTests : MetricStoreConformanceTests
{
    private readonly Dictionary<string, InMemoryMetricStore> _stores = new(StringComparer.Ordinal);

    protected override IMetricStore CreateStore(string location)
    {
        if (!_stores.TryGetValue(location, out var store))
        {
            store = new InMemoryMetricStore();
            _stores.Add(location, store);
        }

        return store;
    }

    protected override void DeleteLocation(string location) => _stores.Remove(location);
}
