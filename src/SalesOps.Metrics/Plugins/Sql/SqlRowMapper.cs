using System.Data.Common;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace SalesOps.Metrics.Plugins;

/// <summary>Turns a row into an event, or says why it cannot be one.</summary>
internal sealed class SqlRowMapper(SqlQuery query, DateTimeZone zone)
{
    private static readonly OffsetDateTimePattern OffsetPattern = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss.FFFFFFFFF"),
    ];

    public ActivityEvent? Map(DbDataReader row, string id, out SqlRejectedRow? rejection)
    {
        rejection = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            rejection = new SqlRejectedRow(id, SqlRejectionReason.MissingId, "the id is empty");
            return null;
        }

        var type = row.IsDBNull(query.Type) ? string.Empty : Text(row.GetValue(query.Type)).Trim();
        if (type.Length == 0)
        {
            rejection = new SqlRejectedRow(id, SqlRejectionReason.MissingType, "the type is null or empty");
            return null;
        }

        var time = row.IsDBNull(query.Time) ? null : row.GetValue(query.Time);
        if (ToInstant(time) is not { } occurredAt || occurredAt == default)
        {
            rejection = new SqlRejectedRow(id, SqlRejectionReason.InvalidTime, time is null ? "the time is null" : $"'{Text(time)}' is not a date-time");
            return null;
        }

        double? value = null;
        if (query.Value >= 0 && !row.IsDBNull(query.Value))
        {
            var raw = row.GetValue(query.Value);
            value = ToDouble(raw);
            if (value is not { } number || !double.IsFinite(number))
            {
                rejection = new SqlRejectedRow(id, SqlRejectionReason.InvalidValue, $"'{Text(raw)}' is not a finite number");
                return null;
            }
        }

        Dictionary<string, string>? dimensions = null;
        foreach (var (column, dimension) in query.Dimensions)
        {
            if (!row.IsDBNull(column) && Text(row.GetValue(column)) is { Length: > 0 } cell)
            {
                dimensions ??= new Dictionary<string, string>(query.Dimensions.Count, StringComparer.Ordinal);
                dimensions[dimension] = cell;
            }
        }

        return new ActivityEvent(id, type, occurredAt, value, dimensions);
    }

    public static string Text(object value) => value switch
    {
        string text => text,
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private Instant? ToInstant(object? value)
    {
        switch (value)
        {
            case DateTimeOffset offset:
                return Instant.FromDateTimeOffset(offset);
            case DateTime { Kind: DateTimeKind.Utc } utc:
                return Instant.FromDateTimeUtc(utc);
            case DateTime local:
                return Local(LocalDateTime.FromDateTime(local));
            case string text:
                var trimmed = text.Trim();
                var offsetResult = OffsetPattern.Parse(trimmed);
                if (offsetResult.Success)
                {
                    return offsetResult.Value.ToInstant();
                }

                foreach (var pattern in LocalPatterns)
                {
                    var localResult = pattern.Parse(trimmed);
                    if (localResult.Success)
                    {
                        return Local(localResult.Value);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private Instant Local(LocalDateTime local) => zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    private static double? ToDouble(object value) => value switch
    {
        double number => number,
        float number => number,
        decimal number => (double)number,
        long or int or short or byte or sbyte or ushort or uint or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
