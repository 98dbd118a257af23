using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Benchmarks.References;

/// <summary>
/// The 64-bit finaliser of MurmurHash3. <see cref="long.GetHashCode"/> XORs a key's two halves, so keys packed
/// as <c>(high &lt;&lt; 32) | low</c> with small halves collide massively; mixing first spreads every bit.
/// </summary>
internal static class Mixing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Fold(ulong x) => (int)(x ^ (x >> 32));
}

/// <summary>A comparer for <see cref="long"/> keys that mixes before folding to 32 bits.</summary>
internal sealed class MixingLongComparer : IEqualityComparer<long>
{
    public static MixingLongComparer Instance { get; } = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long obj) => Mixing.Fold(Mixing.Mix((ulong)obj));
}

/// <summary>A comparer for (series, period) pairs of packed <see cref="long"/> keys that mixes both.</summary>
internal sealed class MixingPairComparer : IEqualityComparer<(long Series, long Period)>
{
    public static MixingPairComparer Instance { get; } = new();

    public bool Equals((long Series, long Period) x, (long Series, long Period) y) => x.Series == y.Series && x.Period == y.Period;

    // Series and period keys carry their level and grain in distinct high bits, so one multiply-rotate to separate
    // them and one finaliser to spread every bit is enough.
    public int GetHashCode((long Series, long Period) obj) =>
        Mixing.Fold(Mixing.Mix((ulong)obj.Series ^ System.Numerics.BitOperations.RotateLeft((ulong)obj.Period * 0x9E3779B97F4A7C15UL, 29)));
}
