using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SalesOps.Metrics.Definitions;

/// <summary>Readers for single configuration values, all in the invariant culture; each reports what it could not read.</summary>
internal static class ConfigValues
{
    private static readonly DurationPattern[] DurationPatterns =
    [
        DurationPattern.Roundtrip,
        DurationPattern.CreateWithInvariantCulture("-D'.'hh:mm:ss.FFFFFFFFF"),
        DurationPattern.CreateWithInvariantCulture("-H:mm:ss.FFFFFFFFF"),
    ];

    private static readonly LocalDateTimePattern[] DateTimePatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    private static readonly LocalTimePattern[] TimePatterns =
    [
        LocalTimePattern.CreateWithInvariantCulture("HH':'mm"),
        LocalTimePattern.ExtendedIso,
    ];

    public static bool Text(ConfigNode node, [NotNullWhen(true)] out string? text)
    {
        text = node.Value;
        if (text is null)
        {
            node.Error(node.IsUnset ? "a value is required" : "expected a single value, not a section");
            return false;
        }

        return true;
    }

    public static bool String(ConfigNode node, out string value)
    {
        var read = Text(node, out var text);
        value = text ?? string.Empty;
        return read;
    }

    public static bool Int(ConfigNode node, out int value)
    {
        value = 0;
        if (!Text(node, out var text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        node.Error($"'{text}' is not a whole number");
        return false;
    }

    public static bool Double(ConfigNode node, out double value)
    {
        value = 0;
        if (!Text(node, out var text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        node.Error($"'{text}' is not a number");
        return false;
    }

    /// <summary>Reads an enum member by name, ignoring case; numbers and unknown names are refused.</summary>
    /// <param name="noun">What the value is, for messages: "unknown aggregation 'Median'".</param>
    public static ValueReader<TEnum> Enum<TEnum>(string noun)
        where TEnum : struct, Enum
        => (ConfigNode node, out TEnum value) =>
        {
            value = default;
            return Text(node, out var text) && TryEnum(node, text, noun, out value);
        };

    public static bool Date(ConfigNode node, out LocalDate value)
    {
        value = default;
        if (!Text(node, out var text))
        {
            return false;
        }

        var result = LocalDatePattern.Iso.Parse(text.Trim());
        if (result.Success)
        {
            value = result.Value;
            return true;
        }

        node.Error($"'{text}' is not a date; expected yyyy-MM-dd");
        return false;
    }

    /// <summary>Reads a date (meaning its start) or a date and time.</summary>
    public static bool DateOrDateTime(ConfigNode node, out LocalDateTime value)
    {
        value = default;
        if (!Text(node, out var text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var date = LocalDatePattern.Iso.Parse(trimmed);
        if (date.Success)
        {
            value = date.Value.AtMidnight();
            return true;
        }

        foreach (var pattern in DateTimePatterns)
        {
            var result = pattern.Parse(trimmed);
            if (result.Success)
            {
                value = result.Value;
                return true;
            }
        }

        node.Error($"'{text}' is not a date or date-time; expected yyyy-MM-dd or yyyy-MM-ddTHH:mm[:ss]");
        return false;
    }

    public static bool Time(ConfigNode node, out LocalTime value)
    {
        value = default;
        if (!Text(node, out var text))
        {
            return false;
        }

        foreach (var pattern in TimePatterns)
        {
            var result = pattern.Parse(text.Trim());
            if (result.Success)
            {
                value = result.Value;
                return true;
            }
        }

        node.Error($"'{text}' is not a time of day; expected HH:mm or HH:mm:ss");
        return false;
    }

    /// <summary>Reads a duration as <c>D:hh:mm:ss</c> (NodaTime's round-trip pattern), <c>D.hh:mm:ss</c> or <c>hh:mm:ss</c>.</summary>
    public static bool Duration(ConfigNode node, out Duration value)
    {
        value = default;
        if (!Text(node, out var text))
        {
            return false;
        }

        if (TryDuration(text, out value))
        {
            return true;
        }

        node.Error($"'{text}' is not a duration; expected D:hh:mm:ss, D.hh:mm:ss or hh:mm:ss");
        return false;
    }

    /// <summary>Reads a review interval: <c>Hourly</c>, <c>Daily</c> or a duration.</summary>
    public static bool Review(ConfigNode node, out Duration value)
    {
        value = default;
        if (!Text(node, out var text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (string.Equals(trimmed, "Hourly", StringComparison.OrdinalIgnoreCase))
        {
            value = NodaTime.Duration.FromHours(1);
            return true;
        }

        if (string.Equals(trimmed, "Daily", StringComparison.OrdinalIgnoreCase))
        {
            value = NodaTime.Duration.FromDays(1);
            return true;
        }

        if (TryDuration(trimmed, out value))
        {
            return true;
        }

        node.Error($"'{text}' is not a review interval; expected Hourly, Daily or a duration such as 00:15:00");
        return false;
    }

    /// <summary>Reads working days given as one value: a day (<c>Monday</c>) or a range (<c>Monday-Friday</c>, <c>Sunday-Thursday</c>).</summary>
    public static bool DayRange(ConfigNode node, out IReadOnlyList<IsoDayOfWeek> days)
    {
        days = [];
        if (!Text(node, out var text))
        {
            return false;
        }

        var parts = text.Split('-');
        if (parts.Length > 2)
        {
            node.Error($"'{text}' is not a day or a range of days such as Monday-Friday");
            return false;
        }

        if (!TryEnum(node, parts[0], "day of week", out IsoDayOfWeek first)
            | !TryEnum(node, parts[^1], "day of week", out IsoDayOfWeek last))
        {
            return false;
        }

        var range = new List<IsoDayOfWeek>();
        for (var day = first; ; day = day == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : day + 1)
        {
            range.Add(day);
            if (day == last)
            {
                days = Frozen.List(range);
                return true;
            }
        }
    }

    private static bool TryDuration(string text, out Duration value)
    {
        foreach (var pattern in DurationPatterns)
        {
            var result = pattern.Parse(text.Trim());
            if (result.Success)
            {
                value = result.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static bool TryEnum<TEnum>(ConfigNode node, string text, string noun, out TEnum value)
        where TEnum : struct, Enum
    {
        // IsoDayOfWeek.None is not a day anyone can mean.
        var names = System.Enum.GetNames<TEnum>().Where(n => typeof(TEnum) != typeof(IsoDayOfWeek) || n != nameof(IsoDayOfWeek.None)).ToArray();
        var name = names.FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is not null)
        {
            value = System.Enum.Parse<TEnum>(name);
            return true;
        }

        node.Error($"unknown {noun} '{text}'; expected one of {string.Join(", ", names)}");
        value = default;
        return false;
    }
}
