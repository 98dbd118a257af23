namespace SalesOps.Metrics.Testing;

/// <summary>
/// The conformance kit for <see cref="IScoreboardSink"/>: inherit it in an NUnit test project, override
/// <see cref="CreateSink"/>, and every test here checks your sink against the promises of the contract: realistic
/// scoreboards and corrections written without error, idempotent re-delivery, prompt cancellation, scoreboards with no
/// metric or target, large batches, a batch left unchanged, and disposal.
/// </summary>
/// <remarks>
/// <para><b>The scoreboards.</b> The kit builds them by hand from the Abstractions records: a Denver sales floor on
/// Wednesday 4 March 2026, with a count, a currency sum and a ratio with no value (a zero denominator), per-rep target
/// evaluations with met, missed and upcoming milestones, a breached at-most target, an ingestion report with
/// rejections, and a correction at the same instant as the regular scoreboard it precedes. Names hold quotes,
/// apostrophes, tabs, new lines, emoji and spreadsheet formulas (<c>=SUM(A1:A9)</c>).</para>
/// <para><b>Read-back.</b> A sink that can read back what it wrote (a file, a table, a dashboard's API) overrides
/// <see cref="ReadBack"/>; the kit then also checks that it holds exactly the scoreboards written, field by field, one
/// per <see cref="Scoreboard.At"/> and <see cref="Scoreboard.Kind"/> however often they were delivered, and nothing
/// from a cancelled write. Without the override those checks are skipped and each test checks only that the writes
/// complete as the contract says.</para>
/// <para><b>Calls.</b> Like the engine, the kit never calls <see cref="IScoreboardSink.WriteAsync"/> concurrently on one
/// sink: it awaits each write before the next, and passes batches oldest first and never empty.</para>
/// <para><b>Cancellation.</b> A write whose token is already cancelled must throw
/// <see cref="OperationCanceledException"/> (or a type derived from it) and write nothing; the sink must then accept
/// the next write. A write cancelled while in flight must end either normally or with
/// <see cref="OperationCanceledException"/>. How promptly a write in flight stops cannot be provoked through the
/// contract alone: test it against your sink's slow I/O.</para>
/// <para><b>Clean-up.</b> After each test every sink created that implements <see cref="IAsyncDisposable"/> or
/// <see cref="IDisposable"/> is disposed (so disposing must be safe to repeat), then <see cref="CleanUp"/> runs.</para>
/// <para><b>Discovery.</b> Mark the derived class <c>[TestFixture]</c>: a class whose only tests are inherited otherwise
/// leaves its assembly with no reference to NUnit, and the test adapter then finds nothing to run.</para>
/// <para><b>Example.</b></para>
/// <code>
/// [TestFixture]
/// public sealed class CollectingSinkConformanceTests : SinkConformanceTests
/// {
///     protected override IScoreboardSink CreateSink() => new CollectingSink();
///
///     protected override IReadOnlyList&lt;Scoreboard&gt;? ReadBack(IScoreboardSink sink) => ((CollectingSink)sink).Scoreboards;
/// }
/// </code>
/// </remarks>
public abstract partial class SinkConformanceTests
{
    /// <summary>How long a test waits for a write in flight to end after its token was cancelled, before failing rather than hanging.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<IScoreboardSink> _sinks = [];

    /// <summary>Creates a sink that holds nothing yet.</summary>
    /// <returns>The sink; the kit disposes it after the test when it is disposable.</returns>
    protected abstract IScoreboardSink CreateSink();

    /// <summary>Reads back every scoreboard <paramref name="sink"/> holds, in any order; override when your sink can.</summary>
    /// <param name="sink">A sink from <see cref="CreateSink"/>.</param>
    /// <returns>
    /// The scoreboards held, one per <see cref="Scoreboard.At"/> and <see cref="Scoreboard.Kind"/>, rebuilt from where
    /// the sink wrote them; or <see langword="null"/> (the default) when the sink cannot be read back, which skips the
    /// read-back checks.
    /// </returns>
    protected virtual IReadOnlyList<Scoreboard>? ReadBack(IScoreboardSink sink) => null;

    /// <summary>Runs after each test, once the sinks it created are disposed: delete temporary files, tables or channels here.</summary>
    protected virtual void CleanUp()
    {
    }

    /// <summary>Disposes every sink the test created that is disposable, then calls <see cref="CleanUp"/>.</summary>
    /// <returns>A task that completes when everything is disposed.</returns>
    [TearDown]
    public async Task DisposeSinksAndCleanUp()
    {
        for (var i = _sinks.Count - 1; i >= 0; i--)
        {
            await DisposeAsync(_sinks[i]);
        }

        _sinks.Clear();
        CleanUp();
    }

    private static async ValueTask<bool> DisposeAsync(IScoreboardSink sink)
    {
        switch (sink)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                return true;
            case IDisposable disposable:
                disposable.Dispose();
                return true;
            default:
                return false;
        }
    }

    private IScoreboardSink Sink()
    {
        var sink = CreateSink();
        Assert.That(sink, Is.Not.Null, "CreateSink returned null.");
        _sinks.Add(sink);
        return sink;
    }

    // Checks what the sink holds when it can be read back: exactly the expected scoreboards, field by field, in any order.
    private void AssertHolds(IScoreboardSink sink, IEnumerable<Scoreboard> expected, string because)
    {
        var held = ReadBack(sink);
        if (held is null)
        {
            return;
        }

        Assert.That(ScoreboardText.Describe(held), Is.EquivalentTo(ScoreboardText.Describe(expected)), because);
    }

    private static Task WriteAsync(IScoreboardSink sink, IReadOnlyList<Scoreboard> batch) =>
        sink.WriteAsync(batch, CancellationToken.None).AsTask();
}
