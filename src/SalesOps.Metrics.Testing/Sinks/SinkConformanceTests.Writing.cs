using NodaTime;
using static SalesOps.Metrics.Testing.SinkSamples;

namespace SalesOps.Metrics.Testing;

// Writing: realistic content, re-delivery, empty scoreboards, many and large batches, the batch left alone.
public abstract partial class SinkConformanceTests
{
    /// <summary>The name is set, and stays the same across writes: logs and health reports use it.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task Name_AcrossWrites_IsSetAndStaysTheSame()
    {
        var sink = Sink();
        var name = sink.Name;

        await WriteAsync(sink, Publication(T0));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(string.IsNullOrWhiteSpace(name), Is.False, "A sink needs a name that is not blank.");
            Assert.That(sink.Name, Is.EqualTo(name), "The name changed after a write.");
        }
    }

    /// <summary>A publication (a correction, then the regular scoreboard at the same instant) is written; read back, both are held.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_CorrectionAndRegularScoreboard_HoldsBoth()
    {
        var sink = Sink();
        var batch = Publication(T0);

        await WriteAsync(sink, batch);

        AssertHolds(sink, batch, "A correction and a regular scoreboard at the same instant are two scoreboards.");
    }

    /// <summary>The same batch delivered twice (a retry after a failure) leaves one copy of each scoreboard.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_SameBatchTwice_HoldsEachScoreboardOnce()
    {
        var sink = Sink();

        await WriteAsync(sink, Publication(T0));
        await WriteAsync(sink, Publication(T0));

        AssertHolds(sink, Publication(T0), "A scoreboard delivered again must replace itself, keyed by At and Kind.");
    }

    /// <summary>A batch delivered again beside new scoreboards adds only the new ones.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_RetriedBatchWithNewScoreboards_HoldsEachScoreboardOnce()
    {
        var sink = Sink();
        var next = T0 + Duration.FromHours(1);

        await WriteAsync(sink, Publication(T0));
        await WriteAsync(sink, [.. Publication(T0), .. Publication(next)]);

        AssertHolds(sink, [.. Publication(T0), .. Publication(next)], "Re-delivered scoreboards must not be held twice.");
    }

    /// <summary>A scoreboard with no metric and no target, and an empty ingestion report, is written like any other.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_NoMetricsAndNoTargets_IsWritten()
    {
        var sink = Sink();

        await WriteAsync(sink, [Bare(T0)]);

        AssertHolds(sink, [Bare(T0)], "A scoreboard with no metric and no target is still a scoreboard.");
    }

    /// <summary>Fifty one-scoreboard batches in a row, as an hourly review delivers them, are all held.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_FiftyBatchesInARow_HoldsEveryScoreboard()
    {
        var sink = Sink();
        var scoreboards = Hourly(50);

        foreach (var scoreboard in scoreboards)
        {
            await WriteAsync(sink, [scoreboard]);
        }

        AssertHolds(sink, scoreboards, "Every batch written must be held.");
    }

    /// <summary>One batch of 500 scoreboards (a backlog after an outage) is written whole.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_FiveHundredScoreboardsInOneBatch_HoldsEveryScoreboard()
    {
        var sink = Sink();
        var scoreboards = Hourly(500);

        await WriteAsync(sink, scoreboards);

        AssertHolds(sink, scoreboards, "Every scoreboard of a large batch must be held.");
    }

    /// <summary>After a write the batch holds the same scoreboards, with the same content: the engine hands the same batch to every sink.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task WriteAsync_Batch_LeavesTheBatchUnchanged()
    {
        var sink = Sink();
        var batch = Publication(T0);
        Scoreboard[] before = [.. batch];
        var content = ScoreboardText.Describe(batch);

        await WriteAsync(sink, batch);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(batch, Has.Count.EqualTo(before.Length), "The sink added to or removed from the batch.");
            Assert.That(batch.Zip(before).All(p => ReferenceEquals(p.First, p.Second)), Is.True, "The sink replaced scoreboards in the batch.");
            Assert.That(ScoreboardText.Describe(batch), Is.EqualTo(content), "The sink changed the content of the scoreboards (a list or dictionary behind a read-only interface).");
        }
    }
}
