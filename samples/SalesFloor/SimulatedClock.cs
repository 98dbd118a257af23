using NodaTime;

namespace SalesOps.Samples.SalesFloor;

/// <summary>
/// The only source of "now" in the sample: the engine reads it, and the simulation moves it forward hour by hour,
/// so a month runs in seconds and every run of a seed sees the same instants.
/// </summary>
internal sealed class SimulatedClock : IClock
{
    public SimulatedClock(Instant start)
    {
        Now = start;
    }

    public Instant Now { get; private set; }

    public Instant GetCurrentInstant() => Now;

    /// <summary>Moves the clock to <paramref name="instant"/>.</summary>
    /// <remarks>
    /// Time only moves forward: the engine counts an event as late by comparing it with what it has already
    /// published, and a clock that went back would make that comparison meaningless.
    /// </remarks>
    public void AdvanceTo(Instant instant)
    {
        if (instant < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, "The simulated clock does not go back in time.");
        }

        Now = instant;
    }
}
