namespace SalesOps.Metrics;

/// <summary>A plugin that receives scoreboards and corrections and pushes them somewhere people look.</summary>
/// <remarks>
/// <para><b>Calls.</b> The engine never calls <see cref="WriteAsync"/> concurrently on one instance,
/// and delivers scoreboards in the order they were produced. Different sinks may be written at the same
/// time, with the same batch.</para>
/// <para><b>Exceptions.</b> A sink may throw; the engine catches, logs and counts the failure and
/// never lets it reach ingestion, the other sinks or the host.</para>
/// <para><b>Cancellation.</b> When the cancellation token is cancelled (shutdown or a
/// write timeout) the sink should stop promptly by throwing <see cref="OperationCanceledException"/>.
/// A write whose token is already cancelled throws before it writes anything; a write cancelled in
/// flight may have written part of the batch (see Idempotence). The sink must accept the next write.</para>
/// <para><b>Ownership.</b> The batch and the scoreboards in it are immutable; a sink may keep
/// references to them after the call returns, but must never modify them, nor the lists and
/// dictionaries behind their read-only interfaces: the same instances go to every sink.</para>
/// <para><b>Idempotence.</b> A scoreboard may be delivered again after a failure; a sink that
/// stores scoreboards should key them by <see cref="Scoreboard.At"/> and <see cref="Scoreboard.Kind"/>,
/// so a re-delivery replaces itself. A correction and a regular scoreboard at the same instant are two
/// scoreboards.</para>
/// <para><b>Disposal.</b> A sink that holds resources (files, connections) implements
/// <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/>; whoever created it disposes it after its
/// last write, and disposing twice must be safe.</para>
/// <para><b>Conformance.</b> <c>SinkConformanceTests</c> in the <c>SalesOps.Metrics.Testing</c> package
/// checks every promise above that can be checked through this interface.</para>
/// </remarks>
public interface IScoreboardSink
{
    /// <summary>A stable name, unique among sinks, used in logs and health reports.</summary>
    string Name { get; }

    /// <summary>Writes a batch of scoreboards.</summary>
    /// <param name="batch">The scoreboards, oldest first; never empty.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>A task that completes when the batch is written.</returns>
    ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken);
}
