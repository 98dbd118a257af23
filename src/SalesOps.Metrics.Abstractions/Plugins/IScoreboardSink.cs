namespace SalesOps.Metrics;

/// <summary>A plugin that receives scoreboards and corrections and pushes them somewhere people look.</summary>
/// <remarks>
/// <para><b>Calls.</b> The engine never calls <see cref="WriteAsync"/> concurrently on one instance,
/// and delivers scoreboards in the order they were produced.</para>
/// <para><b>Exceptions.</b> A sink may throw; the engine catches, logs and counts the failure and
/// never lets it reach ingestion, the other sinks or the host.</para>
/// <para><b>Cancellation.</b> When the cancellation token is cancelled (shutdown or a
/// write timeout) the sink should stop promptly.</para>
/// <para><b>Ownership.</b> The batch and the scoreboards in it are immutable; a sink may keep
/// references to them after the call returns.</para>
/// <para><b>Idempotence.</b> A scoreboard may be delivered again after a failure; a sink that
/// stores scoreboards should key them by <see cref="Scoreboard.At"/> and <see cref="Scoreboard.Kind"/>.</para>
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
