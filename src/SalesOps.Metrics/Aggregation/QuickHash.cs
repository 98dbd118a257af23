using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// A fast, unseeded 64-bit hash of a string's characters, eight bytes at a time, and the finaliser that mixes keys. Not collision-resistant: callers
/// either seed and mix it and fall back to a randomised hash when probe runs grow long (<see cref="CombinationCache"/>),
/// or use it only where a collision costs time, never correctness.
/// </summary>
internal static class QuickHash
{
    /// <summary>The hash of <paramref name="value"/>'s characters.</summary>
    /// <param name="value">The string.</param>
    /// <returns>The hash; strings under four characters map to their bytes and length, without mixing.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(string value)
    {
        var bytes = MemoryMarshal.AsBytes(value.AsSpan());
        if (bytes.Length < sizeof(ulong))
        {
            ulong small = (ulong)bytes.Length << 56;
            for (var i = 0; i < bytes.Length; i++)
            {
                small |= (ulong)bytes[i] << (i * 8);
            }

            return small;
        }

        // Eight bytes at a time, the last eight read again from the end so no byte is left out.
        var hash = (ulong)bytes.Length;
        var last = bytes.Length - sizeof(ulong);
        for (var offset = 0; offset < last; offset += sizeof(ulong))
        {
            hash = Fold(hash ^ MemoryMarshal.Read<ulong>(bytes[offset..]));
        }

        return Fold(hash ^ MemoryMarshal.Read<ulong>(bytes[last..]));
    }

    /// <summary>One step of the hash (internal so tests can craft values that collide under it).</summary>
    /// <param name="x">The state mixed with the next eight bytes.</param>
    /// <returns>The next state.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Fold(ulong x)
    {
        x *= 0x9E3779B97F4A7C15UL;
        return x ^ (x >> 32);
    }

    /// <summary>The SplitMix64 finaliser: every input bit affects every output bit.</summary>
    /// <param name="x">The value to mix.</param>
    /// <returns>The mixed value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
