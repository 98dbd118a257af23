using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace SalesOps.Metrics.Engine;

/// <summary>Serialises scoreboards for the history kept in the store.</summary>
internal static class ScoreboardJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new InstantConverter(), new JsonStringEnumConverter() },
    };

    public static string Serialize(Scoreboard scoreboard) => JsonSerializer.Serialize(scoreboard, Options);

    public static Scoreboard Deserialize(string json) =>
        JsonSerializer.Deserialize<Scoreboard>(json, Options) ?? throw new JsonException("A stored scoreboard is empty.");

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString() ?? "").GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
