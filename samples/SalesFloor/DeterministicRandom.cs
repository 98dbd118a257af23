namespace SalesOps.Samples.SalesFloor;

/// <summary>
/// A small seeded generator (SplitMix64) for the simulation.
/// </summary>
/// <remarks>
/// <see cref="Random"/> does not promise the same sequence for a seed across .NET versions; this does, so a seed
/// names one sales month for good and two runs print byte-identical output.
/// </remarks>
internal sealed class DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(int seed)
        : this(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL)
    {
    }

    private DeterministicRandom(ulong state)
    {
        _state = state;
    }

    /// <summary>
    /// An independent generator for another part of the simulation, so that a change in how one part draws
    /// (more reps, another late share) does not reshuffle the others.
    /// </summary>
    public DeterministicRandom Split() => new(NextUInt64());

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A whole number in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Between(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(items.Count)];
    }

    /// <summary>How many of a steady trickle of events happen in a slot whose mean is <paramref name="mean"/>.</summary>
    public int Poisson(double mean)
    {
        // Knuth's method is exact and cheap for the small means of an hour of dialling.
        var limit = Math.Exp(-mean);
        var count = 0;
        var product = NextDouble();
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    /// <summary>A standard normal number (Box–Muller).</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
