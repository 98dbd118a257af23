using NodaTime;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>A snapshot of one source, sink or the publisher, taken by <see cref="SalesOpsStatus"/>.</summary>
/// <remarks>
/// <para>The counts of one snapshot are taken together under the plugin's lock, so for a sink
/// <c><see cref="Received"/> = <see cref="Delivered"/> + <see cref="Dropped"/> + <see cref="Pending"/></c> holds
/// exactly in every snapshot.</para>
/// <para>What the counts mean by <see cref="Kind"/>:</para>
/// <list type="table">
/// <listheader><term>kind</term><description><see cref="Received"/> / <see cref="Delivered"/></description></listheader>
/// <item><term><see cref="PluginKind.Source"/></term><description>events read from the source / events of those committed by the engine (a batch whose commit failed is read again later)</description></item>
/// <item><term><see cref="PluginKind.Sink"/></term><description>scoreboards queued for the sink / scoreboards it wrote</description></item>
/// <item><term><see cref="PluginKind.Publisher"/></term><description>scoreboards published (corrections included) / the same scoreboards, queued for every sink</description></item>
/// </list>
/// </remarks>
public sealed record PluginStatus
{
    /// <summary>The plugin's name (<c>"publisher"</c> for the publisher).</summary>
    public required string Name { get; init; }

    /// <summary>Source, sink or publisher.</summary>
    public required PluginKind Kind { get; init; }

    /// <summary>How it is doing now.</summary>
    public required PluginState State { get; init; }

    /// <summary>Failures since the last success.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Failures since start, timeouts included.</summary>
    public long TotalFailures { get; init; }

    /// <summary>Calls cancelled at their timeout (counted in <see cref="TotalFailures"/> too).</summary>
    public long TimedOut { get; init; }

    /// <summary>What was handed to it; see the remarks for each kind.</summary>
    public long Received { get; init; }

    /// <summary>What it got through; see the remarks for each kind.</summary>
    public long Delivered { get; init; }

    /// <summary>A sink's scoreboards dropped because its queue was full: the oldest waiting one goes first.</summary>
    public long Dropped { get; init; }

    /// <summary>A sink's scoreboards waiting in its queue.</summary>
    public int Queued { get; init; }

    /// <summary>A sink's scoreboards in the batch being written (or retried).</summary>
    public int InFlight { get; init; }

    /// <summary>A sink's scoreboards not yet delivered nor dropped: <see cref="Queued"/> + <see cref="InFlight"/>.</summary>
    public int Pending => Queued + InFlight;

    /// <summary>A sink's queue capacity; 0 for sources and the publisher.</summary>
    public int QueueCapacity { get; init; }

    /// <summary>The type and message of the last error, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>When the last error happened.</summary>
    public Instant? LastErrorAt { get; init; }

    /// <summary>While failing: when the next attempt is due.</summary>
    public Instant? NextAttemptAt { get; init; }
}
