using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SalesOps.Metrics.Engine;

/// <summary>
/// Hints that ask the processor to start loading the memory of the events a batch will reach shortly, so that the
/// cache misses of the next events overlap the work on this one.
/// </summary>
/// <remarks>
/// <para>A large batch is mostly out of the core's cache by the time it is ingested, and an event is half a dozen
/// objects (the event, its id and type, the dimension dictionary and its arrays, the value strings): walked one event
/// at a time, each is a miss the processor only discovers when it reaches it. Two stages hide most of them:</para>
/// <list type="bullet">
/// <item><see cref="FarAhead"/>, <see cref="Distance"/> × 2 events ahead: the event object and the
/// <see cref="Below"/> bytes below it. Whoever builds an event allocates its parts before it, and the runtime
/// allocates by bumping a pointer (and keeps that order when it compacts), so its parts usually lie just below
/// it. This stage needs no load, so nothing waits on it.</item>
/// <item><see cref="Ahead"/>, <see cref="Distance"/> events ahead: the id, the type and the dimension dictionary
/// (with the lines after it, where its arrays are when it was created with its capacity) by their references, for
/// events whose parts lie elsewhere. The event object was asked for a stage earlier, so reading its fields rarely
/// waits.</item>
/// </list>
/// <para>Hints only: a prefetch never faults, so an address that is stale (the collector moved the object) or
/// outside the heap costs a wasted line at most. Nothing is done where the processor has no prefetch instruction
/// the runtime exposes.</para>
/// </remarks>
internal static class EventPrefetch
{
    /// <summary>How many events ahead the references are followed: enough to cover a miss at ~100 ns an event.</summary>
    public const int Distance = 8;

    /// <summary>
    /// How many events ahead the engine asks for its own state an event will read (the slot of its id): by then the
    /// id asked for at <see cref="Distance"/> has arrived, so hashing it does not wait.
    /// </summary>
    public const int NearDistance = Distance / 2;

    /// <summary>How far below an event object its parts are looked for (eight cache lines).</summary>
    public const int Below = 512;

    private const int Line = 64;

    /// <summary>True where the hints do anything.</summary>
    public static bool Supported => Sse.IsSupported;

    /// <summary>Asks for an event object and the memory just below it, without reading anything.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void FarAhead(ActivityEvent? activity)
    {
        if (activity is null)
        {
            return;
        }

        var address = (byte*)AddressOf(activity);
        Sse.Prefetch0(address);
        for (var offset = Line; offset <= Below; offset += Line)
        {
            Sse.Prefetch0(address - offset);
        }
    }

    /// <summary>Asks for an event's id, type and dimension dictionary by their references.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Ahead(ActivityEvent? activity)
    {
        if (activity is null)
        {
            return;
        }

        Sse.Prefetch0(AddressOf(activity.Id));
        Sse.Prefetch0(AddressOf(activity.Type));
        if (activity.Dimensions is { } dimensions)
        {
            var address = (byte*)AddressOf(dimensions);
            for (var offset = 0; offset < 4 * Line; offset += Line)
            {
                Sse.Prefetch0(address + offset);
            }
        }
    }

    // Where an object is now. Used only as a hint: the collector may move the object at any time after.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void* AddressOf(object? value) => (void*)Unsafe.As<object?, nint>(ref value);
}
