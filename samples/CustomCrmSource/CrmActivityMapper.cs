using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SalesOps.Metrics;

namespace SalesOps.Samples.CustomCrmSource;

/// <summary>Turns one line of the export into an activity event, or says why it cannot.</summary>
/// <remarks>
/// A line is a JSON object: <c>{"id":"A-1001","kind":"Appointment","at":"2026-03-02T09:15:00Z","amount":null,
/// "owner":"alice","team":"BDR","account":"Initech"}</c>. Other fields are ignored.
/// </remarks>
internal sealed class CrmActivityMapper
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    private readonly Dictionary<string, string> _kinds;
    private readonly KeyValuePair<string, string>[] _dimensions;

    public CrmActivityMapper(IDictionary<string, string> kinds, IDictionary<string, string> dimensions)
    {
        _kinds = new Dictionary<string, string>(kinds, StringComparer.OrdinalIgnoreCase);
        _dimensions = [.. dimensions];
    }

    /// <summary>Maps a line; on failure <paramref name="activity"/> is null and the skip reason and detail are set.</summary>
    public bool TryMap(ReadOnlyMemory<byte> line, out ActivityEvent? activity, out CrmSkipReason reason, out string detail)
    {
        activity = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return Fail(CrmSkipReason.NotJson, "not valid JSON: " + exception.Message, out reason, out detail);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(CrmSkipReason.NotJson, $"a {root.ValueKind} instead of an object", out reason, out detail);
            }

            if (Id(root) is not { Length: > 0 } id)
            {
                return Fail(CrmSkipReason.MissingId, "\"id\" is missing or empty", out reason, out detail);
            }

            if (Text(root, "kind") is not { Length: > 0 } kind)
            {
                return Fail(CrmSkipReason.MissingKind, "\"kind\" is missing or empty", out reason, out detail);
            }

            if (!_kinds.TryGetValue(kind, out var type))
            {
                return Fail(CrmSkipReason.UnmappedKind, $"no event type for kind \"{kind}\"", out reason, out detail);
            }

            if (Time(root) is not { } at)
            {
                return Fail(CrmSkipReason.InvalidTime, $"\"at\" is not an ISO 8601 instant: {Raw(root, "at")}", out reason, out detail);
            }

            if (!TryAmount(root, out var amount))
            {
                return Fail(CrmSkipReason.InvalidAmount, $"\"amount\" is not a finite number: {Raw(root, "amount")}", out reason, out detail);
            }

            var dimensions = new Dictionary<string, string>(_dimensions.Length, StringComparer.Ordinal);
            foreach (var (field, dimension) in _dimensions)
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (value.ValueKind != JsonValueKind.String)
                {
                    return Fail(CrmSkipReason.InvalidDimension, $"\"{field}\" is not a string: {value.GetRawText()}", out reason, out detail);
                }

                if (value.GetString() is { Length: > 0 } text)
                {
                    dimensions[dimension] = text;
                }
            }

            activity = new ActivityEvent(id, type, at, amount, dimensions);
            reason = default;
            detail = "";
            return true;
        }
    }

    private static bool Fail(CrmSkipReason why, string what, out CrmSkipReason reason, out string detail)
    {
        reason = why;
        detail = what;
        return false;
    }

    // CRMs export ids as strings or as numbers; a number keeps its JSON text.
    private static string? Id(JsonElement root) =>
        root.TryGetProperty("id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            }
            : null;

    private static string? Text(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Any ISO 8601 offset: "Z", "+02:00", "-07:00"; the instant is what counts.
    private static Instant? Time(JsonElement root) =>
        Text(root, "at") is { } text && OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } parsed
            ? parsed.Value.ToInstant()
            : null;

    private static bool TryAmount(JsonElement root, out double? amount)
    {
        amount = null;
        if (!root.TryGetProperty("amount", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            amount = number;
            return true;
        }

        return false;
    }

    private static string Raw(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) ? value.GetRawText() : "missing";
}
