using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Tests.Plugins;

/// <summary>The null sink keeps the sink contract.</summary>
[TestFixture]
public sealed class NullScoreboardSinkConformanceTests : SinkConformanceTests
{
    protected override IScoreboardSink CreateSink() => NullScoreboardSink.Instance;
}
