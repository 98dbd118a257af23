using NodaTime;

namespace SalesOps.Metrics.Tests.Support;

/// <summary>Local times in named zones, as instants.</summary>
internal static class Zones
{
    public static Instant Local(string zone, int year, int month, int day, int hour = 0, int minute = 0) =>
        DateTimeZoneProviders.Tzdb[zone].AtLeniently(new LocalDateTime(year, month, day, hour, minute)).ToInstant();

    public static Instant Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        Instant.FromUtc(year, month, day, hour, minute);
}
