using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SalesOps.Metrics.Definitions;

/// <summary>Formats values for error messages, always in the invariant culture.</summary>
internal static class InvariantText
{
    public static string Of(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(Duration value) => DurationPattern.Roundtrip.Format(value);

    public static string Of(LocalDate value) => LocalDatePattern.Iso.Format(value);

    public static string Of(LocalDateTime value) => LocalDateTimePattern.GeneralIso.Format(value);

    public static string Of(LocalTime value) => LocalTimePattern.ExtendedIso.Format(value);

    /// <summary>The enum member's name, or its number when it is not a defined member.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => Enum.IsDefined(value) ? value.ToString() : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    /// <summary>The values joined by ", ", for "expected one of …" lists.</summary>
    public static string List<T>(IEnumerable<T> values)
        where T : struct, Enum
        => string.Join(", ", values.Select(Of));

    /// <summary>Lower-case name of a grain for prose: "a month has at most 6 weeks".</summary>
    public static string Noun(Grain grain) => grain.ToString().ToLowerInvariant();

    public static string Plural(Grain grain) => Noun(grain) + "s";
}
