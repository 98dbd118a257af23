using BenchmarkDotNet.Attributes;
using SalesOps.Metrics.Benchmarks.References;

namespace SalesOps.Metrics.Benchmarks.Scenarios;

/// <summary>
/// Dictionary look-ups of 65,536 <see cref="long"/> keys, in insertion order: sequential keys against scattered ones
/// (two 8-bit halves packed as <c>(high &lt;&lt; 32) | low</c>, and random 64-bit keys). With the mixing comparer all
/// three should cost about the same (within 1.5×); with the default comparer, which XORs the halves, the packed keys
/// fall into 256 hash codes and every look-up walks a chain.
/// </summary>
public class KeyHashing
{
    private const int Keys = 1 << 16;

    private long[] _sequential = null!;
    private long[] _packed = null!;
    private long[] _random = null!;
    private Dictionary<long, int> _mixingSequential = null!;
    private Dictionary<long, int> _mixingPacked = null!;
    private Dictionary<long, int> _mixingRandom = null!;
    private Dictionary<long, int> _defaultSequential = null!;
    private Dictionary<long, int> _defaultPacked = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Workloads.Workload.Seed);
        _sequential = [.. Enumerable.Range(0, Keys).Select(static i => (long)i)];
        _packed = [.. Enumerable.Range(0, Keys).Select(static i => ((long)(i >> 8) << 32) | (uint)(i & 0xFF))];
        _random = [.. Enumerable.Range(0, Keys).Select(_ => random.NextInt64())];
        _mixingSequential = Build(_sequential, MixingLongComparer.Instance);
        _mixingPacked = Build(_packed, MixingLongComparer.Instance);
        _mixingRandom = Build(_random, MixingLongComparer.Instance);
        _defaultSequential = Build(_sequential, null);
        _defaultPacked = Build(_packed, null);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys, Description = "Mixing comparer, sequential keys")]
    public long Mixing_Sequential() => Lookup(_mixingSequential, _sequential);

    [Benchmark(OperationsPerInvoke = Keys, Description = "Mixing comparer, packed hi:lo keys")]
    public long Mixing_Packed() => Lookup(_mixingPacked, _packed);

    [Benchmark(OperationsPerInvoke = Keys, Description = "Mixing comparer, random 64-bit keys")]
    public long Mixing_Random() => Lookup(_mixingRandom, _random);

    [Benchmark(OperationsPerInvoke = Keys, Description = "Default comparer, sequential keys")]
    public long Default_Sequential() => Lookup(_defaultSequential, _sequential);

    [Benchmark(OperationsPerInvoke = Keys, Description = "Default comparer, packed hi:lo keys")]
    public long Default_Packed() => Lookup(_defaultPacked, _packed);

    private static Dictionary<long, int> Build(long[] keys, IEqualityComparer<long>? comparer)
    {
        var dictionary = new Dictionary<long, int>(keys.Length, comparer);
        for (var i = 0; i < keys.Length; i++)
        {
            dictionary.Add(keys[i], i);
        }

        return dictionary;
    }

    private static long Lookup(Dictionary<long, int> dictionary, long[] keys)
    {
        long sum = 0;
        foreach (var key in keys)
        {
            if (dictionary.TryGetValue(key, out var value))
            {
                sum += value;
            }
        }

        return sum;
    }
}
