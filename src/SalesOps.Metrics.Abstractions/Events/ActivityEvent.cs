using NodaTime;

namespace SalesOps.Metrics;

/// <summary>
/// Something that happened on the sales floor: a call made, an appointment set, an opportunity
/// qualified, a deal won.
/// </summary>
/// <remarks>
/// <para>An event is immutable once built. The engine never keeps a reference to the
/// <see cref="Dimensions"/> dictionary after ingestion returns: it copies the values it needs.</para>
/// <para>An event whose <see cref="OccurredAt"/> is <c>default(Instant)</c> (the Unix epoch) is
/// treated as having no time and is rejected.</para>
/// </remarks>
public sealed record ActivityEvent
{
    private static readonly IReadOnlyDictionary<string, string> NoDimensions =
        new Dictionary<string, string>(0, StringComparer.Ordinal);

    /// <summary>Creates an event.</summary>
    /// <param name="id">The id, unique within the event's source.</param>
    /// <param name="type">The event type, such as <c>appointment.set</c>.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="value">An optional amount (revenue, minutes, …).</param>
    /// <param name="dimensions">Dimension values such as rep, team, region; may be <see langword="null"/>.</param>
    public ActivityEvent(
        string id,
        string type,
        Instant occurredAt,
        double? value = null,
        IReadOnlyDictionary<string, string>? dimensions = null)
    {
        Id = id;
        Type = type;
        OccurredAt = occurredAt;
        Value = value;
        Dimensions = dimensions ?? NoDimensions;
    }

    /// <summary>The id, unique within the event's source; used to de-duplicate.</summary>
    public string Id { get; init; }

    /// <summary>The event type, such as <c>call.made</c>, <c>appointment.set</c>, <c>deal.won</c>.</summary>
    public string Type { get; init; }

    /// <summary>When it happened.</summary>
    public Instant OccurredAt { get; init; }

    /// <summary>An optional amount; <see langword="null"/> when the event carries none.</summary>
    public double? Value { get; init; }

    /// <summary>Dimension values (rep, team, region, product, lead id, …), compared ordinally.</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; init; }
}
