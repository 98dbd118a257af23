using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace SalesOps.Metrics.Csv;

/// <summary>Reads the time column with a NodaTime pattern: an offset date-time, or a local date-time in a zone.</summary>
internal sealed class CsvTimeParser
{
    private readonly OffsetDateTimePattern? _offsetPattern;
    private readonly LocalDateTimePattern? _localPattern;
    private readonly DateTimeZone? _zone;

    private CsvTimeParser(string patternText, OffsetDateTimePattern? offsetPattern, LocalDateTimePattern? localPattern, DateTimeZone? zone)
    {
        PatternText = patternText;
        _offsetPattern = offsetPattern;
        _localPattern = localPattern;
        _zone = zone;
    }

    public string PatternText { get; }

    /// <summary>Builds the parser, or names what is wrong with the mapping's format (<c>timeFormat</c>) or zone (<c>timeZone</c>).</summary>
    public static CsvTimeParser? Create(CsvColumnMapping columns, ICollection<string> errors)
    {
        DateTimeZone? zone = null;
        if (columns.TimeZone is { } zoneId)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (zone is null)
            {
                errors.Add($"columns.timeZone: unknown time zone '{zoneId}'; expected an IANA id such as America/Denver");
            }
        }

        try
        {
            if (columns.TimeZone is null)
            {
                var text = columns.TimeFormat ?? OffsetDateTimePattern.ExtendedIso.PatternText;
                return new CsvTimeParser(text, OffsetDateTimePattern.CreateWithInvariantCulture(text), null, null);
            }

            var localText = columns.TimeFormat ?? LocalDateTimePattern.ExtendedIso.PatternText;
            var local = LocalDateTimePattern.CreateWithInvariantCulture(localText);
            return zone is null ? null : new CsvTimeParser(localText, null, local, zone);
        }
        catch (InvalidPatternException exception)
        {
            errors.Add($"columns.timeFormat: '{columns.TimeFormat}' is not a NodaTime pattern{(columns.TimeZone is null ? string.Empty : " for a local date-time")}: {exception.Message}");
            return null;
        }
    }

    public bool TryParse(string text, out Instant instant)
    {
        if (_offsetPattern is not null)
        {
            var parsed = _offsetPattern.Parse(text);
            instant = parsed.Success ? parsed.Value.ToInstant() : default;
            return parsed.Success;
        }

        var local = _localPattern!.Parse(text);
        instant = local.Success ? _zone!.ResolveLocal(local.Value, Resolvers.LenientResolver).ToInstant() : default;
        return local.Success;
    }
}
