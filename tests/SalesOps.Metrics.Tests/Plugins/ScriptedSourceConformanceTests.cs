using SalesOps.Metrics.Testing;
using SalesOps.Metrics.Testing.Fakes;

namespace SalesOps.Metrics.Tests.Plugins;

/// <summary>The source conformance kit over the scripted fake source, with no failing read.</summary>
[TestFixture]
public sealed class ScriptedSourceConformanceTests : SourceConformanceTests
{
    protected override IActivitySource CreateSource(IReadOnlyList<ActivityEvent> events) => new ScriptedSource(events);
}
