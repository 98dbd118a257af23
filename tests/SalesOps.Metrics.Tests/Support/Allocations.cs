namespace SalesOps.Metrics.Tests.Support;

/// <summary>Bytes the test's own thread allocates while code it calls runs.</summary>
internal static class Allocations
{
    /// <summary>
    /// Runs <paramref name="round"/> <paramref name="rounds"/> times and returns the fewest bytes the current thread
    /// allocated in any one run.
    /// </summary>
    /// <remarks>
    /// The runtime may install a recompiled, faster version of a method in the middle of a run, and a few kilobytes of
    /// that work can be counted against the thread that happened to call it. That lands in one run, not in every one:
    /// code that allocates in steady state allocates in each run, so the fewest is still zero only for code that does not.
    /// </remarks>
    /// <param name="rounds">How many runs to measure (at least two).</param>
    /// <param name="round">One run; given its number, from 0.</param>
    public static long FewestPerRound(int rounds, Action<int> round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 2);
        var fewest = long.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            round(i);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
