using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// Tables of 64-bit words on the pinned heap whose usable part starts on a cache line: an array's data is only
/// 8-byte aligned, so a record of a line (or of whole lines) laid from index 0 would straddle two lines half the time.
/// Pinned, so a line stays where it starts and may be addressed directly.
/// </summary>
internal static class PinnedLines
{
    /// <summary>The bytes of a cache line.</summary>
    public const int LineBytes = 64;

    private const int LineLongs = LineBytes / sizeof(long);

    /// <summary>A pinned table with room for <paramref name="longs"/> words from the first whole line on.</summary>
    /// <param name="longs">How many words the caller uses.</param>
    /// <returns>The array, and how many words into it the first whole cache line starts.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe (long[] Array, int Skip) Allocate(int longs)
    {
        var array = GC.AllocateArray<long>(longs + LineLongs - 1, pinned: true);
        var data = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var skip = (int)((LineBytes - (data & (LineBytes - 1))) & (LineBytes - 1)) / sizeof(long);
        return (array, skip);
    }
}
