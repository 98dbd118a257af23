using System.Diagnostics.Metrics;

namespace SalesOps.Metrics.Delivery;

/// <summary>
/// The library's self-metrics, on the meter <c>SalesOps.Metrics</c>: what ingestion did with the events read,
/// and how each source and sink fares.
/// </summary>
/// <remarks>
/// The meter comes from the container's <see cref="IMeterFactory"/> when there is one (hosts register it), so
/// exporters and tests listen to it per container; without one a meter of the same name is created and disposed here.
/// </remarks>
internal sealed class SalesOpsInstruments : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SalesOps.Metrics";

    private const string SourceTag = "salesops.source";
    private const string SinkTag = "salesops.sink";
    private const string ReasonTag = "salesops.reason";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _late;
    private readonly Counter<long> _sourceFailures;
    private readonly Counter<long> _sinkDelivered;
    private readonly Counter<long> _sinkFailures;
    private readonly Counter<long> _sinkTimeouts;
    private readonly Counter<long> _sinkDrops;
    private readonly Counter<long> _publishFailures;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The container's meter factory, if any.</param>
    /// <param name="queueDepths">Each sink's pending scoreboards, read when the gauge is observed.</param>
    public SalesOpsInstruments(IMeterFactory? meterFactory, Func<IEnumerable<(string Sink, int Pending)>> queueDepths)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("salesops.events.received", "{event}", "Events read from sources and handed to the engine.");
        _applied = _meter.CreateCounter<long>("salesops.events.applied", "{event}", "Events applied to the aggregates.");
        _duplicates = _meter.CreateCounter<long>("salesops.events.duplicates", "{event}", "Events ignored as already applied.");
        _rejected = _meter.CreateCounter<long>("salesops.events.rejected", "{event}", "Events rejected, by reason.");
        _late = _meter.CreateCounter<long>("salesops.events.late", "{event}", "Events that arrived after their window was published.");
        _sourceFailures = _meter.CreateCounter<long>("salesops.source.failures", "{failure}", "Source reads or commits that failed and will be retried.");
        _sinkDelivered = _meter.CreateCounter<long>("salesops.sink.delivered", "{scoreboard}", "Scoreboards written to a sink.");
        _sinkFailures = _meter.CreateCounter<long>("salesops.sink.failures", "{failure}", "Sink writes that failed or timed out.");
        _sinkTimeouts = _meter.CreateCounter<long>("salesops.sink.timeouts", "{failure}", "Sink writes cancelled at their timeout.");
        _sinkDrops = _meter.CreateCounter<long>("salesops.sink.drops", "{scoreboard}", "Scoreboards dropped because a sink's queue was full.");
        _publishFailures = _meter.CreateCounter<long>("salesops.publish.failures", "{failure}", "Publications that failed (such as a store failure) and will be retried.");
        _meter.CreateObservableGauge(
            "salesops.sink.queue.depth",
            () => queueDepths().Select(q => new Measurement<int>(q.Pending, new KeyValuePair<string, object?>(SinkTag, q.Sink))),
            "{scoreboard}",
            "Scoreboards waiting for a sink or being written to it.");
    }

    /// <summary>Counts what ingestion did with one batch from a source.</summary>
    /// <param name="source">The source.</param>
    /// <param name="report">The engine's report for the batch.</param>
    public void Ingested(string source, IngestionReport report) => Guard(() =>
    {
        var tag = new KeyValuePair<string, object?>(SourceTag, source);
        _received.Add(report.Received, tag);
        _applied.Add(report.Applied, tag);
        _duplicates.Add(report.Duplicates, tag);
        _late.Add(report.Late, tag);
        foreach (var (reason, count) in report.RejectedByReason)
        {
            _rejected.Add(count, tag, new KeyValuePair<string, object?>(ReasonTag, reason.ToString()));
        }
    });

    /// <summary>Counts a failed source read or commit.</summary>
    /// <param name="source">The source.</param>
    public void SourceFailed(string source) => Guard(() => _sourceFailures.Add(1, new KeyValuePair<string, object?>(SourceTag, source)));

    /// <summary>Counts scoreboards written to a sink.</summary>
    /// <param name="sink">The sink.</param>
    /// <param name="count">How many.</param>
    public void SinkDelivered(string sink, int count) => Guard(() => _sinkDelivered.Add(count, new KeyValuePair<string, object?>(SinkTag, sink)));

    /// <summary>Counts a failed sink write.</summary>
    /// <param name="sink">The sink.</param>
    /// <param name="timedOut">Whether it was cancelled at its timeout.</param>
    public void SinkFailed(string sink, bool timedOut) => Guard(() =>
    {
        var tag = new KeyValuePair<string, object?>(SinkTag, sink);
        _sinkFailures.Add(1, tag);
        if (timedOut)
        {
            _sinkTimeouts.Add(1, tag);
        }
    });

    /// <summary>Counts scoreboards dropped from a full queue.</summary>
    /// <param name="sink">The sink.</param>
    /// <param name="count">How many.</param>
    public void SinkDropped(string sink, int count) => Guard(() => _sinkDrops.Add(count, new KeyValuePair<string, object?>(SinkTag, sink)));

    /// <summary>Counts a failed publication.</summary>
    public void PublishFailed() => Guard(() => _publishFailures.Add(1));

    // A listener that throws while recording must not carry a failure out of the code that keeps failures from the host.
    private static void Guard(Action record)
    {
        try
        {
            record();
        }
        catch (Exception)
        {
            // The measurement is lost; delivery goes on.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
