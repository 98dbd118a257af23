namespace SalesOps.Metrics.Aggregation;

/// <summary>A dimension filter resolved against one metric: group-by positions and interned value ids.</summary>
internal readonly struct SeriesFilter
{
    private readonly (int Position, int ValueId)[] _terms;

    public SeriesFilter((int Position, int ValueId)[] terms, bool matchesNothing)
    {
        _terms = terms;
        MatchesNothing = matchesNothing;
        var level = 0;
        foreach (var (position, _) in terms)
        {
            level = Math.Max(level, position + 1);
        }

        MinimumLevel = level;
    }

    /// <summary>True when a filter value was never seen, so no series can match.</summary>
    public bool MatchesNothing { get; }

    /// <summary>The coarsest roll-up level that holds every filtered dimension.</summary>
    public int MinimumLevel { get; }

    public int TermCount => _terms.Length;

    /// <summary>True when the filter names exactly the first <paramref name="level"/> dimensions, so the series is a direct look-up.</summary>
    public bool IsExactPrefix(int level)
    {
        if (_terms.Length != level)
        {
            return false;
        }

        Span<bool> seen = stackalloc bool[SeriesKey.MaxDimensions];
        foreach (var (position, _) in _terms)
        {
            if (position >= level || seen[position])
            {
                return false;
            }

            seen[position] = true;
        }

        return true;
    }

    public SeriesKey PrefixKey(int level)
    {
        Span<int> values = stackalloc int[level];
        foreach (var (position, valueId) in _terms)
        {
            values[position] = valueId;
        }

        return SeriesKey.From(values);
    }

    public bool Matches(SeriesKey key)
    {
        foreach (var (position, valueId) in _terms)
        {
            if (key[position] != valueId)
            {
                return false;
            }
        }

        return true;
    }
}
