using NodaTime;
using NodaTime.Testing;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Support;

/// <summary>An engine on a fake clock, built from a builder callback.</summary>
internal sealed class TestEngine
{
    private TestEngine(SalesOpsEngine engine, FakeClock clock)
    {
        Engine = engine;
        Clock = clock;
    }

    public SalesOpsEngine Engine { get; }

    public FakeClock Clock { get; }

    public static TestEngine Create(Instant now, Action<SalesOpsBuilder> configure)
    {
        var builder = new SalesOpsBuilder();
        configure(builder);
        var clock = new FakeClock(now);
        return new TestEngine(new SalesOpsEngine(builder.Build(), clock), clock);
    }

    public IngestionReport Ingest(params ActivityEvent[] events) => Engine.Ingest(events);
}
