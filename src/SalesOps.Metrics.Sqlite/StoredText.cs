using System.Buffers;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace SalesOps.Metrics.Sqlite;

/// <summary>How values without a SQLite type of their own are written to columns and read back, exactly.</summary>
internal static class StoredText
{
    private static readonly LocalDateTimePattern LocalDateTimeFormat = LocalDateTimePattern.ExtendedIso;

    /// <summary>Splits an instant into whole Unix ticks (rounded towards the start of time) and the nanoseconds left over (0–99).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The ticks, which order and index instants, and the remainder that keeps them exact.</returns>
    public static (long Ticks, long Nanoseconds) Split(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return (ticks, (instant - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds());
    }

    /// <summary>The inverse of <see cref="Split"/>.</summary>
    /// <param name="ticks">Whole Unix ticks.</param>
    /// <param name="nanoseconds">Nanoseconds after them.</param>
    /// <returns>The instant.</returns>
    public static Instant Join(long ticks, long nanoseconds) => Instant.FromUnixTimeTicks(ticks).PlusNanoseconds(nanoseconds);

    /// <summary>An ISO local date-time with up to nine fractional digits, in the ISO calendar.</summary>
    /// <param name="value">The local date-time.</param>
    /// <returns>Its text.</returns>
    public static string Format(LocalDateTime value) => LocalDateTimeFormat.Format(value.WithCalendar(CalendarSystem.Iso));

    /// <summary>The inverse of <see cref="Format"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The local date-time.</returns>
    public static LocalDateTime ParseLocalDateTime(string text) => LocalDateTimeFormat.Parse(text).Value;

    /// <summary>A JSON array of strings.</summary>
    /// <param name="values">The strings.</param>
    /// <param name="buffer">A scratch buffer, cleared first.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(IReadOnlyList<string> values, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON object of string properties, in the dictionary's order.</summary>
    /// <param name="values">The properties.</param>
    /// <param name="buffer">A scratch buffer, cleared first.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(IReadOnlyDictionary<string, string> values, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a JSON array of strings written by <see cref="ToJson(IReadOnlyList{string}, ArrayBufferWriter{byte})"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The strings.</returns>
    public static string[] ReadArray(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Expect(ref reader, JsonTokenType.StartArray);
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(ReadString(ref reader));
        }

        return [.. values];
    }

    /// <summary>Reads a JSON object of strings written by <see cref="ToJson(IReadOnlyDictionary{string, string}, ArrayBufferWriter{byte})"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The properties, compared ordinally.</returns>
    public static Dictionary<string, string> ReadObject(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Expect(ref reader, JsonTokenType.StartObject);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = ReadString(ref reader);
            reader.Read();
            values[name] = ReadString(ref reader);
        }

        return values;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in a stored JSON value.");
        }
    }

    private static string ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
            ? reader.GetString()!
            : throw new JsonException($"Expected a string in a stored JSON value, found {reader.TokenType}.");
}
