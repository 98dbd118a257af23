using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Tests.Plugins.KitSelfChecks;

/// <summary>
/// The sink conformance kit over <see cref="FaultySink"/>, read back. As NUnit runs it, with no fault, every test
/// passes; <see cref="ConformanceKitSelfTests"/> creates it with a fault and expects the kit's tests to fail.
/// </summary>
[TestFixture]
public sealed class FaultySinkConformanceTests : SinkConformanceTests
{
    public SinkFault Fault { get; init; }

    protected override IScoreboardSink CreateSink() => new FaultySink(Fault);

    protected override IReadOnlyList<Scoreboard>? ReadBack(IScoreboardSink sink) => ((FaultySink)sink).Held;
}
