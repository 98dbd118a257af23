using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Testing;

namespace SalesOps.Metrics.Tests.Plugins;

/// <summary>The sink conformance kit over the built-in console sink, writing to a <see cref="StringWriter"/>; it cannot be read back.</summary>
[TestFixture]
public sealed class ConsoleScoreboardSinkConformanceTests : SinkConformanceTests
{
    private readonly List<StringWriter> _writers = [];

    protected override IScoreboardSink CreateSink()
    {
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _writers.Add(writer);
        return new ConsoleScoreboardSink(writer);
    }

    protected override void CleanUp()
    {
        _writers.ForEach(w => w.Dispose());
        _writers.Clear();
    }
}
