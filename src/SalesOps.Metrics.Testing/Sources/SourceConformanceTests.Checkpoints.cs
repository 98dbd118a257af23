namespace SalesOps.Metrics.Testing;

// Resuming: from every checkpoint a source returned, on the same instance or a new one, exactly the rest follows.
public abstract partial class SourceConformanceTests
{
    /// <summary>After reading to the end, resuming from every checkpoint returned on the way yields exactly the events after it.</summary>
    /// <param name="maxEvents">The batch size asked for.</param>
    /// <returns>A task that completes when the test is done.</returns>
    [TestCase(1)]
    [TestCase(4)]
    public async Task ReadAsync_FromEveryCheckpoint_YieldsExactlyTheRemainingEvents(int maxEvents)
    {
        var events = Events(EventCount);
        var expected = Fields(events);
        var source = Source(events);
        var reading = await ReadToEndAsync(source, null, maxEvents, events.Length);
        Assert.That(reading.Events, Is.EqualTo(expected), "Reading from the start did not yield the events.");

        foreach (var (checkpoint, before) in reading.Checkpoints)
        {
            var rest = await ReadToEndAsync(source, checkpoint, maxEvents, events.Length - before);

            Assert.That(rest.Events, Is.EqualTo(expected[before..]), $"Resuming from {Describe(checkpoint)}, after {before} events, lost or repeated events.");
        }
    }

    /// <summary>A new source over the same data (a restart) accepts every checkpoint of the first and yields exactly the events after it.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task ReadAsync_FromEveryCheckpointOnANewSource_YieldsExactlyTheRemainingEvents()
    {
        var events = Events(EventCount);
        var expected = Fields(events);
        var reading = await ReadToEndAsync(Source(events), null, 4, events.Length);
        Assert.That(reading.Events, Is.EqualTo(expected), "Reading from the start did not yield the events.");

        foreach (var (checkpoint, before) in reading.Checkpoints)
        {
            var restarted = Source(events);

            var rest = await ReadToEndAsync(restarted, checkpoint, 4, events.Length - before);

            Assert.That(rest.Events, Is.EqualTo(expected[before..]), $"A new source resumed from {Describe(checkpoint)}, after {before} events, lost or repeated events.");
        }
    }

    /// <summary>Resuming from the checkpoint of the last event returns an empty batch that keeps that checkpoint, poll after poll.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task ReadAsync_CheckpointAfterLastEvent_ReturnsEmptyBatchKeepingTheCheckpoint()
    {
        var events = Events(EventCount);
        var source = Source(events);
        var reading = await ReadToEndAsync(source, null, 10, events.Length);
        var last = reading.Checkpoints[^1].Checkpoint;

        var first = await source.ReadAsync(last, 10, CancellationToken.None);
        var second = await source.ReadAsync(last, 10, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reading.Checkpoints[^1].EventsBefore, Is.EqualTo(EventCount));
            Assert.That(first.Events, Is.Empty, "Events after the last one.");
            Assert.That(first.Checkpoint, Is.EqualTo(last), "An empty batch must keep the checkpoint it was given.");
            Assert.That(second.Events, Is.Empty, "Events after the last one, on the second poll.");
            Assert.That(second.Checkpoint, Is.EqualTo(last), "An empty batch must keep the checkpoint it was given, on the second poll.");
        }
    }

    /// <summary>Reading a little, then from the start again, then on from the first checkpoint: each read depends only on its checkpoint, never on earlier calls.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task ReadAsync_OlderCheckpointAfterNewerOnes_YieldsTheSameEventsAgain()
    {
        var events = Events(EventCount);
        var expected = Fields(events);
        var source = Source(events);
        var first = await source.ReadAsync(null, 3, CancellationToken.None);
        var firstCount = first.Events.Count;
        var second = await source.ReadAsync(first.Checkpoint, 3, CancellationToken.None);
        await source.ReadAsync(second.Checkpoint, 3, CancellationToken.None);

        var fromStart = await ReadToEndAsync(source, null, 3, events.Length);
        var fromFirst = await ReadToEndAsync(source, first.Checkpoint, 3, events.Length - firstCount);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromStart.Events, Is.EqualTo(expected), "Reading again from the start after later reads lost or repeated events.");
            Assert.That(fromFirst.Events, Is.EqualTo(expected[firstCount..]), $"Reading again from {Describe(first.Checkpoint)} after later reads lost or repeated events.");
        }
    }
}
