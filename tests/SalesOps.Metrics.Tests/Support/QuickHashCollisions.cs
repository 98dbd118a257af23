using System.Runtime.InteropServices;
using SalesOps.Metrics.Aggregation;

namespace SalesOps.Metrics.Tests.Support;

/// <summary>Strings crafted to collide under <see cref="QuickHash.Of"/>, for the fallbacks to the randomised hash.</summary>
internal static class QuickHashCollisions
{
    /// <summary>
    /// Eight characters whose quick hash is the same for every <paramref name="i"/>: the second half cancels what the
    /// first folded in.
    /// </summary>
    public static string Colliding(int i)
    {
        var first = (ulong)(i + 1) * 0x0001_0001_0001_0001UL;
        var second = 0x1234_5678_90AB_CDEFUL ^ QuickHash.Fold(16UL ^ first);
        ReadOnlySpan<ulong> chunks = [first, second];
        return new string(MemoryMarshal.Cast<ulong, char>(chunks));
    }
}
