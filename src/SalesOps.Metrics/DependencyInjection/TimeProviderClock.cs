using NodaTime;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>A NodaTime clock over a <see cref="TimeProvider"/>, so one injected time source drives both timers and "now".</summary>
internal sealed class TimeProviderClock(TimeProvider timeProvider) : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(timeProvider.GetUtcNow());
}
