using NodaTime;

namespace SalesOps.Metrics.Benchmarks.Workloads;

/// <summary>A clock that stands still, so that no event of a workload is ever in the future.</summary>
internal sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
