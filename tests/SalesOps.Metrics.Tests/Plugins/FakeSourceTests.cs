using NodaTime;
using SalesOps.Metrics.Testing.Fakes;

namespace SalesOps.Metrics.Tests.Plugins;

/// <summary>The fake sources of the testing package behave exactly as documented.</summary>
public sealed class FakeSourceTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static ActivityEvent[] Events(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new ActivityEvent($"e{i}", "call.made", T0 + Duration.FromMinutes(i)))];

    [Test]
    public async Task ScriptedSource_SecondReadFails_ThrowsThenResumesFromTheSameCheckpoint()
    {
        var source = new ScriptedSource(Events(5), "crm", failingReads: [2]);

        var first = await source.ReadAsync(null, 2, CancellationToken.None);
        var failure = Assert.CatchAsync<IOException>(async () => await source.ReadAsync(first.Checkpoint, 2, CancellationToken.None));
        var third = await source.ReadAsync(first.Checkpoint, 2, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Events.Select(e => e.Id), Is.EqualTo(new[] { "e1", "e2" }));
            Assert.That(first.Checkpoint, Is.EqualTo(new Checkpoint("2")));
            Assert.That(failure!.Message, Is.EqualTo("Scripted failure on read 2."));
            Assert.That(third.Events.Select(e => e.Id), Is.EqualTo(new[] { "e3", "e4" }));
            Assert.That(third.Checkpoint, Is.EqualTo(new Checkpoint("4")));
            Assert.That(source.Reads, Is.EqualTo(3));
            Assert.That(source.Failures, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ScriptedSource_EventsAddedAfterTheEnd_AreReadFromTheLastCheckpoint()
    {
        var source = new ScriptedSource(Events(2));
        var all = await source.ReadAsync(null, 10, CancellationToken.None);
        var idle = await source.ReadAsync(all.Checkpoint, 10, CancellationToken.None);

        source.Add(new ActivityEvent("late", "deal.won", T0, 1_200));
        var next = await source.ReadAsync(all.Checkpoint, 10, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(idle.IsEmpty, Is.True);
            Assert.That(idle.Checkpoint, Is.EqualTo(new Checkpoint("2")));
            Assert.That(next.Events.Select(e => e.Id), Is.EqualTo(new[] { "late" }));
            Assert.That(next.Checkpoint, Is.EqualTo(new Checkpoint("3")));
            Assert.That(source.Count, Is.EqualTo(3));
        }
    }

    [Test]
    public void ScriptedSource_CheckpointItDidNotProduce_ThrowsArgumentException()
    {
        var source = new ScriptedSource(Events(2));

        using (Assert.EnterMultipleScope())
        {
            Assert.CatchAsync<ArgumentOutOfRangeException>(async () => await source.ReadAsync(new Checkpoint("3"), 1, CancellationToken.None));
            Assert.CatchAsync<ArgumentException>(async () => await source.ReadAsync(new Checkpoint("-1"), 1, CancellationToken.None));
            Assert.CatchAsync<ArgumentException>(async () => await source.ReadAsync(new Checkpoint("crm-export.jsonl:4"), 1, CancellationToken.None));
        }
    }

    [Test]
    public void ScriptedSource_FailingReadNumberZero_IsRefused()
    {
        Assert.That(() => new ScriptedSource([], failingReads: [0]), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task ThrowingSource_ThreeReads_ThrowsEachTimeAndCountsThree()
    {
        var source = new ThrowingSource("crm");

        var messages = Enumerable.Range(0, 3)
            .Select(_ => Assert.CatchAsync<IOException>(async () => await source.ReadAsync(null, 10, CancellationToken.None))!.Message)
            .ToArray();
        await source.WhenRead(3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(source.Reads, Is.EqualTo(3));
            Assert.That(source.Name, Is.EqualTo("crm"));
            Assert.That(messages, Is.EqualTo(new[] { "The CRM is down (read 1).", "The CRM is down (read 2).", "The CRM is down (read 3)." }));
        }
    }
}
