namespace SalesOps.Metrics.Tests.Plugins.KitSelfChecks;

/// <summary>
/// The conformance kits have teeth: each planted bug makes the kit test that guards against it fail, with a message
/// that names the broken promise, and a harmless quirk passes.
/// </summary>
public sealed class ConformanceKitSelfTests
{
    // Runs one kit test outside NUnit's own runner; Assert.CatchAsync isolates the failures it records.
    private static string FailureOf(Func<Task> kitTest)
    {
        var failure = Assert.CatchAsync(async () => await kitTest(), "The kit test passed although the plugin breaks its promise.");
        Assert.That(failure, Is.InstanceOf<AssertionException>().Or.InstanceOf<MultipleAssertException>(), $"The kit test failed with an error rather than an assertion: {failure}");
        return failure!.Message;
    }

    private static FaultySourceConformanceTests SourceKit(SourceFault fault) => new() { Fault = fault };

    private static FaultySinkConformanceTests SinkKit(SinkFault fault) => new() { Fault = fault };

    [Test]
    public void SourceKit_CheckpointOneShort_FailsOnRepeatedEvents()
    {
        var message = FailureOf(() => SourceKit(SourceFault.CheckpointOneShort).ReadAsync_FromStartInBatches_YieldsEveryEventOnceInOrder(4));

        Assert.That(message, Does.Contain("more than the 23 events expected after no checkpoint: events were repeated or invented"));
    }

    [Test]
    public void SourceKit_CheckpointOneLong_FailsOnLostEvents()
    {
        var message = FailureOf(() => SourceKit(SourceFault.CheckpointOneLong).ReadAsync_FromStartInBatches_YieldsEveryEventOnceInOrder(4));

        Assert.That(message, Does.Contain("actual is <").And.Contain("with 19 elements").And.Contain("Values differ at index [4]"));
    }

    [Test]
    public void SourceKit_IgnoresMaxEvents_FailsOnTheLimit()
    {
        var message = FailureOf(() => SourceKit(SourceFault.IgnoresMaxEvents).ReadAsync_FromStartInBatches_YieldsEveryEventOnceInOrder(3));

        Assert.That(message, Does.Contain("A read with maxEvents 3 returned more events."));
    }

    [Test]
    public void SourceKit_IgnoresCancellation_FailsOnCancellation()
    {
        var message = FailureOf(() => SourceKit(SourceFault.IgnoresCancellation).ReadAsync_CancelledToken_ThrowsOperationCanceledAndConsumesNothing(10));

        Assert.That(message, Does.Contain("with a cancelled token must throw OperationCanceledException"));
    }

    [Test]
    public void SourceKit_EmptyBatchMovesCheckpoint_FailsAtTheEnd()
    {
        var message = FailureOf(() => SourceKit(SourceFault.EmptyBatchMovesCheckpoint).ReadAsync_CheckpointAfterLastEvent_ReturnsEmptyBatchKeepingTheCheckpoint());

        Assert.That(message, Does.Contain("An empty batch must keep the checkpoint it was given (checkpoint \"23\")."));
    }

    [Test]
    public void SourceKit_DisposeTwiceThrows_FailsOnDisposal()
    {
        var message = FailureOf(() => SourceKit(SourceFault.DisposeTwiceThrows).Dispose_Twice_DoesNotThrow());

        Assert.That(message, Does.Contain("Disposing a second time threw."));
    }

    [Test]
    public async Task SourceKit_SourceReusesItsList_PassesEveryReadingTest()
    {
        var kit = SourceKit(SourceFault.ReusesItsList);

        await kit.ReadAsync_FromStartInBatches_YieldsEveryEventOnceInOrder(4);
        await kit.ReadAsync_FromEveryCheckpoint_YieldsExactlyTheRemainingEvents(4);
        await kit.ReadAsync_SameCheckpointTwice_ReturnsTheSameBatch();
    }

    [Test]
    public void SinkKit_AppendsRedeliveries_FailsOnIdempotence()
    {
        var message = FailureOf(() => SinkKit(SinkFault.AppendsRedeliveries).WriteAsync_SameBatchTwice_HoldsEachScoreboardOnce());

        Assert.That(message, Does.Contain("A scoreboard delivered again must replace itself, keyed by At and Kind."));
    }

    [Test]
    public void SinkKit_KeysByInstantOnly_FailsOnTheCorrection()
    {
        var message = FailureOf(() => SinkKit(SinkFault.KeysByInstantOnly).WriteAsync_CorrectionAndRegularScoreboard_HoldsBoth());

        Assert.That(message, Does.Contain("A correction and a regular scoreboard at the same instant are two scoreboards."));
    }

    [Test]
    public void SinkKit_IgnoresCancellation_FailsOnCancellation()
    {
        var message = FailureOf(() => SinkKit(SinkFault.IgnoresCancellation).WriteAsync_CancelledToken_ThrowsOperationCanceledAndWritesNothing());

        Assert.That(message, Does.Contain("A write with a cancelled token must throw OperationCanceledException."));
    }

    [Test]
    public void SinkKit_WritesBeforeCheckingCancellation_FailsOnWritingNothing()
    {
        var message = FailureOf(() => SinkKit(SinkFault.WritesBeforeCheckingCancellation).WriteAsync_CancelledToken_ThrowsOperationCanceledAndWritesNothing());

        Assert.That(message, Does.Contain("A write with a cancelled token must write nothing."));
    }

    [Test]
    public void SinkKit_MutatesTheBatch_FailsOnTheUnchangedBatch()
    {
        var message = FailureOf(() => SinkKit(SinkFault.MutatesTheBatch).WriteAsync_Batch_LeavesTheBatchUnchanged());

        Assert.That(message, Does.Contain("The sink changed the content of the scoreboards"));
    }

    [Test]
    public void SinkKit_RoundsValues_FailsOnReadBack()
    {
        var message = FailureOf(() => SinkKit(SinkFault.RoundsValues).WriteAsync_CorrectionAndRegularScoreboard_HoldsBoth());

        Assert.That(message, Does.Contain("actual=12 goal=40").And.Contain("actual=4.4 goal=4").And.Contain("actual=4 goal=4"));
    }

    [Test]
    public void SinkKit_DisposeTwiceThrows_FailsOnDisposal()
    {
        var message = FailureOf(() => SinkKit(SinkFault.DisposeTwiceThrows).Dispose_Twice_DoesNotThrow());

        Assert.That(message, Does.Contain("Disposing a second time threw."));
    }
}
