using System.Globalization;
using System.Text.Json;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// The (watermark, id) of the last row read, with their database types, so the next query binds them as they were
/// read. As a checkpoint it is a small JSON object: <c>{"w":{"t":"i","v":"42"},"id":{"t":"s","v":"e17"}}</c>.
/// </summary>
internal readonly record struct SqlPosition(object Watermark, object Id)
{
    public Checkpoint ToCheckpoint()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Write(json, "w", Watermark);
            Write(json, "id", Id);
            json.WriteEndObject();
        }

        return new Checkpoint(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public static SqlPosition Parse(Checkpoint checkpoint)
    {
        try
        {
            using var document = JsonDocument.Parse(checkpoint.Value ?? string.Empty);
            return new SqlPosition(Read(document.RootElement.GetProperty("w")), Read(document.RootElement.GetProperty("id")));
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ArgumentException($"'{checkpoint.Value}' is not a checkpoint of a SQL source.", nameof(checkpoint), exception);
        }
    }

    /// <summary>Whether a value read from the database can be a watermark or an id that is bound back as a parameter.</summary>
    public static bool IsSupported(object value) => Code(value) is not null;

    private static void Write(Utf8JsonWriter json, string name, object value)
    {
        json.WriteStartObject(name);
        json.WriteString("t", Code(value) ?? throw new NotSupportedException($"A {value.GetType().Name} cannot be a watermark or an id."));
        json.WriteString("v", value switch
        {
            byte[] bytes => Convert.ToBase64String(bytes),
            DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            float number => number.ToString("R", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        });
        json.WriteEndObject();
    }

    private static object Read(JsonElement element)
    {
        var text = element.GetProperty("v").GetString() ?? throw new FormatException("A checkpoint value is null.");
        return element.GetProperty("t").GetString() switch
        {
            "s" => text,
            "i" => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
            "u" => ulong.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
            "d" => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            "m" => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture),
            "dt" => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "dto" => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "g" => Guid.Parse(text, CultureInfo.InvariantCulture),
            "b" => Convert.FromBase64String(text),
            var code => throw new FormatException($"Unknown checkpoint value type '{code}'."),
        };
    }

    private static string? Code(object value) => value switch
    {
        string => "s",
        long or int or short or sbyte or byte or ushort or uint => "i",
        ulong => "u",
        double or float => "d",
        decimal => "m",
        DateTime => "dt",
        DateTimeOffset => "dto",
        Guid => "g",
        byte[] => "b",
        _ => null,
    };
}
