namespace SalesOps.Metrics.Csv.Tests.Support;

/// <summary>Reads a source to its end, as the engine would: each read from the checkpoint of the last batch.</summary>
internal static class SourceReading
{
    public static async Task<(List<ActivityEvent> Events, Checkpoint? Checkpoint, int Batches)> ReadAllAsync(
        Func<IActivitySource> source, Checkpoint? from = null, int maxEvents = 1000)
    {
        var events = new List<ActivityEvent>();
        var checkpoint = from;
        var batches = 0;
        while (true)
        {
            var batch = await source().ReadAsync(checkpoint, maxEvents, CancellationToken.None);
            if (batch.IsEmpty)
            {
                Assert.That(batch.Checkpoint, Is.EqualTo(checkpoint), "an empty batch keeps the checkpoint it was given");
                return (events, checkpoint, batches);
            }

            Assert.That(batch.Events, Has.Count.LessThanOrEqualTo(maxEvents));
            events.AddRange(batch.Events);
            checkpoint = batch.Checkpoint;
            batches++;
        }
    }
}
