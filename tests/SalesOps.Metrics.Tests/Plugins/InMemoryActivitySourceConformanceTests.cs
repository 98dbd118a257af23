using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Tests.Plugins;

/// <summary>The source conformance kit over the built-in in-memory source.</summary>
[TestFixture]
public sealed class InMemoryActivitySourceConformanceTests : SourceConformanceTests
{
    protected override IActivitySource CreateSource(IReadOnlyList<ActivityEvent> events)
    {
        var source = new InMemoryActivitySource("in-memory");
        source.Add(events);
        return source;
    }
}
