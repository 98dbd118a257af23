using System.Globalization;
using NodaTime;

namespace SalesOps.Metrics.Testing;

/// <summary>
/// The conformance kit for <see cref="IActivitySource"/>: inherit it in an NUnit test project, override
/// <see cref="CreateSource"/>, and every test here checks your source against the promises of the contract: each event
/// exactly once and in order whatever the batch size, resumption from every checkpoint it returns without loss or
/// repeats (also on a new instance, as after a restart), an empty batch that keeps the checkpoint at the end, the
/// <c>maxEvents</c> limit, prompt cancellation that consumes nothing, deterministic re-reads, large batches and
/// disposal.
/// </summary>
/// <remarks>
/// <para><b>The kit owns the events.</b> Each test builds its events with <see cref="CreateEvent"/> and asks
/// <see cref="CreateSource"/> for a source that yields exactly these events, in this order, and nothing else. A source
/// that reads a file, a database, a queue or a CRM writes the events there first, in the form it reads (a fresh
/// temporary file, table or sandbox for each call), so that its mapping turns them back into equal events. Events
/// compare field by field: id, type, instant, value and dimensions (ordinally, in any order).</para>
/// <para><b>The events.</b> By default event <c>i</c> (from 0) has the id <c>evt-</c> followed by <c>i + 1</c> in six
/// digits; the type <c>call.made</c>, <c>appointment.set</c>, <c>opportunity.qualified</c> or <c>deal.won</c> in turn;
/// the instant 2026-03-02T09:00:00Z plus <c>i</c> minutes, so instants are whole minutes and strictly increasing (a
/// source that orders by time, or resumes by a time watermark, yields them in the kit's order); a value only for
/// opportunities and deals, with at most two decimals; and the dimensions <c>team</c> and <c>rep</c>, plus
/// <c>account</c> for opportunities and deals. Some reps and accounts hold quotes, apostrophes, commas and
/// non-ASCII letters. Override <see cref="CreateEvent"/> when your source cannot represent these events.</para>
/// <para><b>New instances.</b> A test may call <see cref="CreateSource"/> again with the same events: the second source
/// stands for the same data after the application restarted, and must accept the checkpoints of the first.</para>
/// <para><b>Calls.</b> Like the engine, the kit never calls <see cref="IActivitySource.ReadAsync"/> concurrently on one
/// source: it awaits each read before the next. It copies each batch's events before the next read, since a source
/// may reuse its lists, and reads until the source returns an empty batch.</para>
/// <para><b>Cancellation.</b> A read whose token is already cancelled must throw <see cref="OperationCanceledException"/>
/// (or a type derived from it, such as <see cref="TaskCanceledException"/>) and consume nothing: the same read with a
/// live token afterwards returns the same events as if the cancelled read had never happened. A read cancelled while in
/// flight must end either normally, with a valid batch, or with <see cref="OperationCanceledException"/>. How promptly
/// a read in flight stops cannot be provoked through the contract alone: test it against your source's slow I/O.</para>
/// <para><b>Clean-up.</b> After each test every source created that implements <see cref="IAsyncDisposable"/> or
/// <see cref="IDisposable"/> is disposed (so disposing must be safe to repeat), then <see cref="CleanUp"/> runs.</para>
/// <para><b>Discovery.</b> Mark the derived class <c>[TestFixture]</c>: a class whose only tests are inherited otherwise
/// leaves its assembly with no reference to NUnit, and the test adapter then finds nothing to run.</para>
/// <para><b>Example.</b></para>
/// <code>
/// [TestFixture]
/// public sealed class InMemoryActivitySourceConformanceTests : SourceConformanceTests
/// {
///     protected override IActivitySource CreateSource(IReadOnlyList&lt;ActivityEvent&gt; events)
///     {
///         var source = new InMemoryActivitySource("in-memory");
///         source.Add(events);
///         return source;
///     }
/// }
/// </code>
/// </remarks>
public abstract partial class SourceConformanceTests
{
    /// <summary>The number of events in most tests: prime, so that no batch size divides it.</summary>
    private const int EventCount = 23;

    /// <summary>How long a test waits for a read in flight to end after its token was cancelled, before failing rather than hanging.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Instant Origin = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static readonly string[] Types = ["call.made", "appointment.set", "opportunity.qualified", "deal.won"];

    private static readonly string[] Teams = ["BDR", "AE"];

    private static readonly string[] Reps = ["alice", "bob", "Zoë O'Brien", "李娜", "José \"Pepe\" García"];

    private static readonly string[] Accounts = ["Initech", "Globex, Inc.", "Müller & Söhne"];

    private readonly List<IActivitySource> _sources = [];

    /// <summary>Creates a source that yields exactly <paramref name="events"/>, in this order, and nothing else.</summary>
    /// <param name="events">The events, from <see cref="CreateEvent"/>; possibly none, possibly 50,000. The kit does not change the list.</param>
    /// <returns>The source; the kit disposes it after the test when it is disposable.</returns>
    protected abstract IActivitySource CreateSource(IReadOnlyList<ActivityEvent> events);

    /// <summary>Builds the kit's event number <paramref name="index"/>; override when your source cannot represent the default events.</summary>
    /// <param name="index">The position of the event, from 0.</param>
    /// <returns>The event. Ids must stay unique and events must differ in at least their id.</returns>
    protected virtual ActivityEvent CreateEvent(int index)
    {
        var type = Types[index % Types.Length];
        var isDeal = index % Types.Length >= 2;
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["team"] = Teams[index % Teams.Length],
            ["rep"] = Reps[index % Reps.Length],
        };
        if (isDeal)
        {
            dimensions["account"] = Accounts[index % Accounts.Length];
        }

        return new ActivityEvent(
            "evt-" + (index + 1).ToString("D6", CultureInfo.InvariantCulture),
            type,
            Origin + Duration.FromMinutes(index),
            isDeal ? 500 + (index % 97 * 125.25) : null,
            dimensions);
    }

    /// <summary>Runs after each test, once the sources it created are disposed: delete temporary files, tables or sandboxes here.</summary>
    protected virtual void CleanUp()
    {
    }

    /// <summary>Disposes every source the test created that is disposable, then calls <see cref="CleanUp"/>.</summary>
    /// <returns>A task that completes when everything is disposed.</returns>
    [TearDown]
    public async Task DisposeSourcesAndCleanUp()
    {
        for (var i = _sources.Count - 1; i >= 0; i--)
        {
            await DisposeAsync(_sources[i]);
        }

        _sources.Clear();
        CleanUp();
    }

    private static async ValueTask<bool> DisposeAsync(IActivitySource source)
    {
        switch (source)
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

    private ActivityEvent[] Events(int count) => [.. Enumerable.Range(0, count).Select(CreateEvent)];

    private IActivitySource Source(IReadOnlyList<ActivityEvent> events)
    {
        var source = CreateSource(events);
        Assert.That(source, Is.Not.Null, "CreateSource returned null.");
        _sources.Add(source);
        return source;
    }

    private static EventFields[] Fields(IEnumerable<ActivityEvent> events) => [.. events.Select(EventFields.Of)];

    // Reads until the source returns an empty batch, checking each batch on the way; fails rather than loops forever
    // when the source keeps returning events beyond the expected ones.
    private static async Task<Reading> ReadToEndAsync(IActivitySource source, Checkpoint? after, int maxEvents, int expectedCount)
    {
        var events = new List<EventFields>();
        var checkpoints = new List<(Checkpoint Checkpoint, int EventsBefore)>();
        var checkpoint = after;
        while (true)
        {
            var batch = await source.ReadAsync(checkpoint, maxEvents, CancellationToken.None);
            Assert.That(batch, Is.Not.Null, "ReadAsync returned no batch.");
            Assert.That(batch.Events, Is.Not.Null, "The batch has no event list.");
            Assert.That(batch.Events, Has.Count.LessThanOrEqualTo(maxEvents), $"A read with maxEvents {maxEvents} returned more events.");
            if (batch.IsEmpty)
            {
                Assert.That(batch.Checkpoint, Is.EqualTo(checkpoint), $"An empty batch must keep the checkpoint it was given ({Describe(checkpoint)}).");
                return new Reading(events, checkpoints, checkpoint);
            }

            Assert.That(batch.Checkpoint, Is.Not.Null, "A batch with events must carry a checkpoint.");
            events.AddRange(batch.Events.Select(EventFields.Of));
            checkpoint = batch.Checkpoint;
            checkpoints.Add((checkpoint!.Value, events.Count));
            Assert.That(
                events,
                Has.Count.LessThanOrEqualTo(expectedCount),
                $"The source yielded more than the {expectedCount} events expected after {Describe(after)}: events were repeated or invented.");
        }
    }

    // Reads exactly the first count events (in as many batches as the source needs) and returns the checkpoint after them.
    private static async Task<Checkpoint?> SkipAsync(IActivitySource source, int count)
    {
        Checkpoint? checkpoint = null;
        var read = 0;
        while (read < count)
        {
            var batch = await source.ReadAsync(checkpoint, count - read, CancellationToken.None);
            Assert.That(batch.Events, Is.Not.Empty.And.Count.LessThanOrEqualTo(count - read), $"Reading the first {count} events stopped after {read}.");
            read += batch.Events.Count;
            checkpoint = batch.Checkpoint;
        }

        return checkpoint;
    }

    private static string Describe(Checkpoint? checkpoint) => checkpoint is { } c ? $"checkpoint \"{c.Value}\"" : "no checkpoint";

    private sealed record Reading(List<EventFields> Events, List<(Checkpoint Checkpoint, int EventsBefore)> Checkpoints, Checkpoint? Last);

    /// <summary>An event as plain fields, with its dimensions as sorted text, so two events compare by value and print readably.</summary>
    private readonly record struct EventFields(string Id, string Type, Instant OccurredAt, double? Value, string Dimensions)
    {
        public static EventFields Of(ActivityEvent activity)
        {
            Assert.That(activity, Is.Not.Null, "A batch holds a null event.");
            var dimensions = activity.Dimensions is null
                ? "(null)"
                : string.Join(", ", activity.Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => Quote(d.Key) + "=" + Quote(d.Value)));
            return new EventFields(activity.Id, activity.Type, activity.OccurredAt, activity.Value, dimensions);
        }

        // Escaped and quoted, so that no two different dictionaries give the same text.
        private static string Quote(string? text) =>
            text is null ? "null" : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
