using Microsoft.Extensions.Time.Testing;
using NodaTime;
using SalesOps.Metrics.Testing.Fakes;

namespace SalesOps.Metrics.Tests.Plugins;

/// <summary>The fake sinks of the testing package behave exactly as documented, on fake time.</summary>
public sealed class FakeSinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 4, 17, 0);

    private static Scoreboard Board(int hour, ScoreboardKind kind = ScoreboardKind.Regular) => new()
    {
        At = T0 + Duration.FromHours(hour),
        Kind = kind,
        Zone = "America/Denver",
        Metrics = [],
        Targets = [],
        Ingestion = IngestionReport.Empty,
    };

    [Test]
    public async Task CollectingSink_ScoreboardDeliveredAgain_ReceivedKeepsBothScoreboardsKeepsTheLatest()
    {
        var sink = new CollectingSink();
        var first = Board(0);
        var again = Board(0);
        var correction = Board(0, ScoreboardKind.Correction);

        await sink.WriteAsync([correction, first], CancellationToken.None);
        await sink.WriteAsync([again, Board(1)], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Writes, Is.EqualTo(2));
            Assert.That(sink.Received, Has.Count.EqualTo(4));
            Assert.That(sink.Scoreboards, Has.Count.EqualTo(3));
            Assert.That(sink.Scoreboards[0], Is.SameAs(correction));
            Assert.That(sink.Scoreboards[1], Is.SameAs(again));
            Assert.That(sink.Scoreboards[2].At, Is.EqualTo(T0 + Duration.FromHours(1)));
        }
    }

    [Test]
    public async Task CollectingSink_NextWriteAndWhenReceived_CompleteOnlyOnceWritten()
    {
        var sink = new CollectingSink();
        var nextWrite = sink.NextWrite;
        var threeReceived = sink.WhenReceived(3);

        await sink.WriteAsync([Board(0), Board(1)], CancellationToken.None);
        var afterFirst = (nextWrite.IsCompleted, threeReceived.IsCompleted);
        await sink.WriteAsync([Board(2)], CancellationToken.None);
        await threeReceived.WaitAsync(Patience);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterFirst, Is.EqualTo((true, false)));
            Assert.That(sink.WhenReceived(3).IsCompleted, Is.True);
            Assert.That(sink.WhenWritten(2).IsCompleted, Is.True);
            Assert.That(sink.NextWrite.IsCompleted, Is.False);
        }
    }

    [Test]
    public async Task CollectingSink_CancelledToken_ThrowsAndKeepsNothing()
    {
        var sink = new CollectingSink();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(async () => await sink.WriteAsync([Board(0)], cancelled.Token));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Received, Is.Empty);
            Assert.That(sink.Writes, Is.Zero);
        }
    }

    [Test]
    public void ThrowingSink_ThreeWrites_ThrowsEachTimeAndCountsThree()
    {
        var sink = new ThrowingSink();

        var messages = Enumerable.Range(0, 3)
            .Select(_ => Assert.CatchAsync<InvalidOperationException>(async () => await sink.WriteAsync([Board(0)], CancellationToken.None))!.Message)
            .ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Attempts, Is.EqualTo(3));
            Assert.That(messages[2], Is.EqualTo("The dashboard is down (attempt 3)."));
            Assert.That(sink.WhenAttempted(3).IsCompleted, Is.True);
        }
    }

    [Test]
    public async Task FailingThenRecoveringSink_TwoFailures_FailsTwiceThenDeliversEverything()
    {
        var sink = new FailingThenRecoveringSink(2);

        var first = Assert.CatchAsync<InvalidOperationException>(async () => await sink.WriteAsync([Board(0)], CancellationToken.None));
        var second = Assert.CatchAsync<InvalidOperationException>(async () => await sink.WriteAsync([Board(0)], CancellationToken.None));
        await sink.WriteAsync([Board(0)], CancellationToken.None);
        await sink.WriteAsync([Board(1), Board(2)], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first!.Message, Is.EqualTo("The dashboard is still down (failure 1 of 2)."));
            Assert.That(second!.Message, Is.EqualTo("The dashboard is still down (failure 2 of 2)."));
            Assert.That(sink.Attempts, Is.EqualTo(4));
            Assert.That(sink.Failures, Is.EqualTo(2));
            Assert.That(sink.Delivered.Select(s => s.At), Is.EqualTo(new[] { T0, T0 + Duration.FromHours(1), T0 + Duration.FromHours(2) }));
            Assert.That(sink.WhenDelivered(3).IsCompleted, Is.True);
        }
    }

    [Test]
    public async Task FailingThenRecoveringSink_CancelledWrite_UsesUpNoFailure()
    {
        var sink = new FailingThenRecoveringSink(1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(async () => await sink.WriteAsync([Board(0)], cancelled.Token));
        Assert.CatchAsync<InvalidOperationException>(async () => await sink.WriteAsync([Board(0)], CancellationToken.None));
        await sink.WriteAsync([Board(0)], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Attempts, Is.EqualTo(3));
            Assert.That(sink.Failures, Is.EqualTo(1));
            Assert.That(sink.Delivered, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task HangingSink_WriteCancelledAfterItStarted_ThrowsAndCountsOneCancellation()
    {
        var sink = new HangingSink();
        var time = new FakeTimeProvider(T0.ToDateTimeOffset());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);

        var write = sink.WriteAsync([Board(0)], timeout.Token).AsTask();
        await sink.WhenAttempted(1).WaitAsync(Patience);
        time.Advance(TimeSpan.FromSeconds(29));
        var pendingBeforeTimeout = !write.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.CatchAsync<OperationCanceledException>(async () => await write.WaitAsync(Patience));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pendingBeforeTimeout, Is.True);
            Assert.That(sink.Attempts, Is.EqualTo(1));
            Assert.That(sink.Cancellations, Is.EqualTo(1));
            Assert.That(sink.WhenCancelled(1).IsCompleted, Is.True);
        }
    }

    [Test]
    public async Task SlowSink_FiveSecondDelay_DeliversExactlyWhenFakeTimeReachesIt()
    {
        var time = new FakeTimeProvider(T0.ToDateTimeOffset());
        var sink = new SlowSink(TimeSpan.FromSeconds(5), time);

        var write = sink.WriteAsync([Board(0), Board(1)], CancellationToken.None).AsTask();
        await sink.WhenAttempted(1).WaitAsync(Patience);
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        var deliveredEarly = sink.Delivered.Count;
        var completedEarly = write.IsCompleted;
        time.Advance(TimeSpan.FromTicks(1));
        await write.WaitAsync(Patience);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deliveredEarly, Is.Zero);
            Assert.That(completedEarly, Is.False);
            Assert.That(sink.Delivered, Has.Count.EqualTo(2));
            Assert.That(sink.Attempts, Is.EqualTo(1));
            Assert.That(sink.Cancellations, Is.Zero);
        }
    }

    [Test]
    public async Task SlowSink_CancelledBeforeTheDelayPassed_ThrowsAndDeliversNothing()
    {
        var time = new FakeTimeProvider(T0.ToDateTimeOffset());
        var sink = new SlowSink(TimeSpan.FromSeconds(5), time);
        using var cancellation = new CancellationTokenSource();

        var write = sink.WriteAsync([Board(0)], cancellation.Token).AsTask();
        time.Advance(TimeSpan.FromSeconds(4));
        await cancellation.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(async () => await write.WaitAsync(Patience));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Delivered, Is.Empty);
            Assert.That(sink.Cancellations, Is.EqualTo(1));
        }
    }
}
