namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The series of one roll-up level of a metric: dense ids for combinations of dimension values,
/// with a cap beyond which new combinations share one overflow series.
/// </summary>
internal sealed class SeriesIndex
{
    private readonly Dictionary<SeriesKey, int> _ids = [];
    private readonly List<SeriesKey> _keys = [];
    private readonly int _cap;
    private readonly SeriesKey _overflowKey;
    private int _overflowId = -1;

    public SeriesIndex(int dimensionCount, int cap, int overflowValueId)
    {
        DimensionCount = dimensionCount;
        _cap = dimensionCount == 0 ? 1 : cap;
        Span<int> overflow = stackalloc int[dimensionCount];
        overflow.Fill(overflowValueId);
        _overflowKey = SeriesKey.From(overflow);
    }

    public int DimensionCount { get; }

    public int Count => _keys.Count;

    /// <summary>
    /// How many series a new array of open cells makes room for: every series known now plus an eighth and a few,
    /// so a period that gains series grows rarely while cells (40 bytes) stay tight.
    /// </summary>
    public int RoomyCapacity => Count + (Count / 8) + 16;

    public bool HasOverflow => _overflowId >= 0;

    /// <summary>True when <paramref name="id"/> is this level's overflow series.</summary>
    public bool IsOverflow(int id) => id == _overflowId;

    public SeriesKey KeyOf(int id) => _keys[id];

    public bool TryGet(SeriesKey key, out int id) => _ids.TryGetValue(key, out id);

    public int GetOrAdd(SeriesKey key)
    {
        if (_ids.TryGetValue(key, out var id))
        {
            return id;
        }

        if (_keys.Count >= _cap)
        {
            if (_overflowId < 0)
            {
                _overflowId = Add(_overflowKey);
            }

            return _overflowId;
        }

        return Add(key);
    }

    /// <summary>Re-creates a stored series; stored series arrive in id order, so ids come back unchanged.</summary>
    public void Restore(SeriesKey key, int expectedId)
    {
        if (expectedId != _keys.Count)
        {
            throw new InvalidOperationException($"Stored series {expectedId} arrived out of order (expected {_keys.Count}).");
        }

        var id = Add(key);
        if (key.Equals(_overflowKey) && DimensionCount > 0)
        {
            _overflowId = id;
        }
    }

    private int Add(SeriesKey key)
    {
        var id = _keys.Count;
        _ids.Add(key, id);
        _keys.Add(key);
        return id;
    }
}
