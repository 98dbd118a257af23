using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Tests.Plugins.KitSelfChecks;

/// <summary>
/// The source conformance kit over <see cref="FaultySource"/>. As NUnit runs it, with no fault, every test passes;
/// <see cref="ConformanceKitSelfTests"/> creates it with a fault and expects the kit's tests to fail.
/// </summary>
[TestFixture]
public sealed class FaultySourceConformanceTests : SourceConformanceTests
{
    public SourceFault Fault { get; init; }

    protected override IActivitySource CreateSource(IReadOnlyList<ActivityEvent> events) => new FaultySource(events, Fault);
}
