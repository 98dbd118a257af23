using SalesOps.Metrics.Testing;
using SalesOps.Metrics.Testing.Fakes;

namespace SalesOps.Metrics.Tests.Plugins;

/// <summary>The sink conformance kit over the collecting fake sink, read back through what it holds per instant and kind.</summary>
[TestFixture]
public sealed class CollectingSinkConformanceTests : SinkConformanceTests
{
    protected override IScoreboardSink CreateSink() => new CollectingSink();

    protected override IReadOnlyList<Scoreboard>? ReadBack(IScoreboardSink sink) => ((CollectingSink)sink).Scoreboards;
}
