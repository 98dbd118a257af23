using Microsoft.Extensions.DependencyInjection;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Conformance;

/// <summary>
/// The sink conformance kit over the System.Diagnostics.Metrics sink, each sink with the meter factory of its own
/// container. It cannot be read back: its gauges hold only the latest values of the latest regular scoreboard, not
/// scoreboards (what they report is checked in <c>MetricsScoreboardSinkTests</c>).
/// </summary>
[TestFixture]
public sealed class MetricsScoreboardSinkConformanceTests : SinkConformanceTests
{
    // Disposed in CleanUp, which the kit runs after each test; disposing a container disposes its meters.
    private readonly List<ServiceProvider> _services = [];

    protected override IScoreboardSink CreateSink()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _services.Add(services);
        return new MetricsScoreboardSink(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
    }

    protected override void CleanUp()
    {
        _services.ForEach(s => s.Dispose());
        _services.Clear();
    }
}
