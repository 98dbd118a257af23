using static SalesOps.Metrics.Testing.SinkSamples;

namespace SalesOps.Metrics.Testing;

// Cancellation and disposal.
public abstract partial class SinkConformanceTests
{
    /// <summary>A write whose token is already cancelled throws <see cref="OperationCanceledException"/> and writes nothing.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_CancelledToken_ThrowsOperationCanceledAndWritesNothing()
    {
        var sink = Sink();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(
            async () => await sink.WriteAsync(Publication(T0), cancelled.Token),
            "A write with a cancelled token must throw OperationCanceledException.");

        AssertHolds(sink, [], "A write with a cancelled token must write nothing.");
    }

    /// <summary>After a cancelled write the sink writes the next batch normally.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_AfterACancelledWrite_WritesTheNextBatch()
    {
        var sink = Sink();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.CatchAsync<OperationCanceledException>(
            async () => await sink.WriteAsync(Publication(T0), cancelled.Token),
            "A write with a cancelled token must throw OperationCanceledException.");

        await WriteAsync(sink, Publication(T0));

        AssertHolds(sink, Publication(T0), "The write after a cancelled one must be held.");
    }

    /// <summary>A write cancelled while in flight ends, either normally or with <see cref="OperationCanceledException"/>, and the sink keeps working.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_CancelledWhileWriting_CompletesOrThrowsOperationCanceled()
    {
        var sink = Sink();
        using var cancellation = new CancellationTokenSource();

        var write = sink.WriteAsync(Publication(T0), cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        try
        {
            await write.WaitAsync(Patience);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what cancellation asks for.
        }
        catch (TimeoutException)
        {
            Assert.Fail($"A write whose token was cancelled was still running after {Patience.TotalSeconds:0} seconds.");
        }

        await WriteAsync(sink, Publication(T0));

        AssertHolds(sink, Publication(T0), "The write after a cancelled one must be held, once.");
    }

    /// <summary>A disposable sink can be disposed twice after writing; a sink that is not disposable passes.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task Dispose_Twice_DoesNotThrow()
    {
        var sink = Sink();
        await WriteAsync(sink, Publication(T0));

        var disposable = await DisposeAsync(sink);
        if (!disposable)
        {
            Assert.Pass("The sink is neither IAsyncDisposable nor IDisposable: nothing to dispose.");
        }

        Assert.That(async () => await DisposeAsync(sink), Throws.Nothing, "Disposing a second time threw.");
    }
}
