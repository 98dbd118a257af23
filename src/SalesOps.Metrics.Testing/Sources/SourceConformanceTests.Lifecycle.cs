namespace SalesOps.Metrics.Testing;

// Cancellation and disposal.
public abstract partial class SourceConformanceTests
{
    /// <summary>
    /// A read whose token is already cancelled throws <see cref="OperationCanceledException"/> and consumes nothing: the same
    /// read with a live token then yields the events after the checkpoint, as if the cancelled read had never happened.
    /// </summary>
    /// <param name="eventsBefore">How many events were read before the cancelled read (all of them in the last case).</param>
    /// <returns>A task that completes when the test is done.</returns>
    [TestCase(0)]
    [TestCase(10)]
    [TestCase(EventCount)]
    public async Task ReadAsync_CancelledToken_ThrowsOperationCanceledAndConsumesNothing(int eventsBefore)
    {
        var events = Events(EventCount);
        var expected = Fields(events);
        var source = Source(events);
        var checkpoint = await SkipAsync(source, eventsBefore);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(
            async () => await source.ReadAsync(checkpoint, 5, cancelled.Token),
            $"A read from {Describe(checkpoint)} with a cancelled token must throw OperationCanceledException.");
        var rest = await ReadToEndAsync(source, checkpoint, 5, EventCount - eventsBefore);

        Assert.That(rest.Events, Is.EqualTo(expected[eventsBefore..]), $"After a cancelled read from {Describe(checkpoint)} the next read lost or repeated events.");
    }

    /// <summary>A read cancelled while in flight ends, either with a valid batch or with <see cref="OperationCanceledException"/>, and the data stays readable.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task ReadAsync_CancelledWhileReading_CompletesOrThrowsOperationCanceled()
    {
        var events = Events(EventCount);
        var source = Source(events);
        using var cancellation = new CancellationTokenSource();

        var read = source.ReadAsync(null, 5, cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        SourceBatch? batch = null;
        try
        {
            batch = await read.WaitAsync(Patience);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what cancellation asks for.
        }
        catch (TimeoutException)
        {
            Assert.Fail($"A read whose token was cancelled was still running after {Patience.TotalSeconds:0} seconds.");
        }

        if (batch is not null)
        {
            Assert.That(batch.Events, Has.Count.LessThanOrEqualTo(5));
            Assert.That(Fields(batch.Events), Is.EqualTo(Fields(events.Take(batch.Events.Count))), "A read cancelled in flight returned other events than the first ones.");
        }

        var all = await ReadToEndAsync(source, null, 5, events.Length);
        Assert.That(all.Events, Is.EqualTo(Fields(events)), "After a read cancelled in flight the source lost or repeated events.");
    }

    /// <summary>A disposable source can be disposed twice after reading; a source that is not disposable passes.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task Dispose_Twice_DoesNotThrow()
    {
        var source = Source(Events(EventCount));
        await source.ReadAsync(null, 5, CancellationToken.None);

        var disposable = await DisposeAsync(source);
        if (!disposable)
        {
            Assert.Pass("The source is neither IAsyncDisposable nor IDisposable: nothing to dispose.");
        }

        Assert.That(async () => await DisposeAsync(source), Throws.Nothing, "Disposing a second time threw.");
    }
}
