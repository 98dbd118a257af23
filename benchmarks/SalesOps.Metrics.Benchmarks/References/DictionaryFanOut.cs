using System.Runtime.InteropServices;
using SalesOps.Metrics.Benchmarks.Workloads;

namespace SalesOps.Metrics.Benchmarks.References;

/// <summary>
/// What a careful developer writes without a dense design: one <see cref="Dictionary{TKey, TValue}"/> entry per
/// (series, window), keyed by packed longs with a mixing comparer, updated in place through
/// <see cref="CollectionsMarshal.GetValueRefOrAddDefault{TKey, TValue}(Dictionary{TKey, TValue}, TKey, out bool)"/>.
/// </summary>
internal sealed class DictionaryFanOut
{
    private readonly PeriodTable _periods;
    private readonly Grain[] _grains;
    private readonly int _levels;
    private readonly Dictionary<(long Series, long Period), StatCell> _cells = new(MixingPairComparer.Instance);

    public DictionaryFanOut(Shape shape, PeriodTable periods)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _periods = periods;
        _grains = [.. shape.Grains];
        _levels = shape.Levels;
    }

    public int Count => _cells.Count;

    public void Record(ReadOnlySpan<RawEvent> events)
    {
        var grains = _grains;
        foreach (ref readonly var e in events)
        {
            for (var slot = 0; slot < grains.Length; slot++)
            {
                var period = ((long)grains[slot] << 56) | _periods.KeyOf(e.Seconds, grains[slot]);
                for (var level = 0; level < _levels; level++)
                {
                    var series = ((long)level << 56) | (uint)Shape.SeriesAt(e, level);
                    ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_cells, (series, period), out var exists);
                    if (!exists)
                    {
                        cell = StatCell.Empty;
                    }

                    cell.Add(e.Value);
                }
            }
        }
    }

    public StatCell Get(Grain grain, int level, int series, long key) =>
        _cells.TryGetValue((((long)level << 56) | (uint)series, ((long)grain << 56) | key), out var cell) ? cell : StatCell.Empty;
}
