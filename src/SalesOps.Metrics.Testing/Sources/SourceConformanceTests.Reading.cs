namespace SalesOps.Metrics.Testing;

// Reading from the start: every event once, in order, within the limit, whatever the batch size.
public abstract partial class SourceConformanceTests
{
    /// <summary>The name is set, and stays the same across reads: it scopes event ids and checkpoints.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task Name_AcrossReads_IsSetAndStaysTheSame()
    {
        var source = Source(Events(3));
        var name = source.Name;

        await source.ReadAsync(null, 2, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(string.IsNullOrWhiteSpace(name), Is.False, "A source needs a name that is not blank.");
            Assert.That(source.Name, Is.EqualTo(name), "The name changed after a read.");
        }
    }

    /// <summary>Reading from no checkpoint in batches of any size yields each event exactly once, in order, never more than asked.</summary>
    /// <param name="maxEvents">The batch size asked for.</param>
    /// <returns>A task that completes when the test is done.</returns>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(10)]
    [TestCase(1_000)]
    public async Task ReadAsync_FromStartInBatches_YieldsEveryEventOnceInOrder(int maxEvents)
    {
        var events = Events(EventCount);
        var source = Source(events);

        var reading = await ReadToEndAsync(source, null, maxEvents, events.Length);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reading.Events, Is.EqualTo(Fields(events)));
            Assert.That(reading.Checkpoints, Has.Count.GreaterThanOrEqualTo((EventCount + maxEvents - 1) / maxEvents));
        }
    }

    /// <summary>A source with no events returns an empty batch with no checkpoint, read after read.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task ReadAsync_EmptySource_ReturnsEmptyBatchWithNoCheckpoint()
    {
        var source = Source([]);

        var first = await source.ReadAsync(null, 100, CancellationToken.None);
        var second = await source.ReadAsync(null, 100, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Events, Is.Empty);
            Assert.That(first.IsEmpty, Is.True);
            Assert.That(first.Checkpoint, Is.Null, "An empty batch keeps the checkpoint it was given: none.");
            Assert.That(second.Events, Is.Empty);
            Assert.That(second.Checkpoint, Is.Null);
        }
    }

    /// <summary>50,000 events read 10,000 at most at a time all arrive, once each and in order.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task ReadAsync_FiftyThousandEventsInBatchesOfTenThousand_YieldsEveryEventOnceInOrder()
    {
        var events = Events(50_000);
        var source = Source(events);

        var reading = await ReadToEndAsync(source, null, 10_000, events.Length);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reading.Events, Has.Count.EqualTo(50_000));
            Assert.That(reading.Events, Is.EqualTo(Fields(events)));
            Assert.That(reading.Checkpoints, Has.Count.GreaterThanOrEqualTo(5));
        }
    }

    /// <summary>The same read twice, from no checkpoint and from a checkpoint, returns the same events and the same checkpoint.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task ReadAsync_SameCheckpointTwice_ReturnsTheSameBatch()
    {
        var source = Source(Events(EventCount));

        var first = await source.ReadAsync(null, 5, CancellationToken.None);
        var firstFields = Fields(first.Events);
        var again = await source.ReadAsync(null, 5, CancellationToken.None);
        var againFields = Fields(again.Events);
        var next = await source.ReadAsync(first.Checkpoint, 5, CancellationToken.None);
        var nextFields = Fields(next.Events);
        var nextAgain = await source.ReadAsync(first.Checkpoint, 5, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(againFields, Is.EqualTo(firstFields), "Reading again from the start gave other events.");
            Assert.That(again.Checkpoint, Is.EqualTo(first.Checkpoint), "Reading again from the start gave another checkpoint.");
            Assert.That(Fields(nextAgain.Events), Is.EqualTo(nextFields), $"Reading again from {Describe(first.Checkpoint)} gave other events.");
            Assert.That(nextAgain.Checkpoint, Is.EqualTo(next.Checkpoint), $"Reading again from {Describe(first.Checkpoint)} gave another checkpoint.");
            Assert.That(firstFields, Is.Not.Empty, "The first read returned nothing.");
            Assert.That(nextFields, Is.Not.Empty, "The second read returned nothing.");
        }
    }

    /// <summary>A batch size under 1 is refused with <see cref="ArgumentOutOfRangeException"/>.</summary>
    /// <param name="maxEvents">The invalid batch size.</param>
    [TestCase(0)]
    [TestCase(-1)]
    public void ReadAsync_MaxEventsBelowOne_ThrowsArgumentOutOfRange(int maxEvents)
    {
        var source = Source(Events(3));

        Assert.CatchAsync<ArgumentOutOfRangeException>(async () => await source.ReadAsync(null, maxEvents, CancellationToken.None));
    }
}
