namespace SalesOps.Metrics.Aggregation;

/// <summary>Interns the values of one dimension as dense integer ids.</summary>
internal sealed class DimensionValues
{
    /// <summary>The value given to a series whose event has no value for the dimension.</summary>
    public const string Missing = "(none)";

    /// <summary>The value given to the overflow series once a metric reaches its series cap.</summary>
    public const string Overflow = "(overflow)";

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];

    public DimensionValues(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public int Count => _values.Count;

    public int Intern(string value)
    {
        if (_ids.TryGetValue(value, out var id))
        {
            return id;
        }

        id = _values.Count;
        _ids.Add(value, id);
        _values.Add(value);
        return id;
    }

    public bool TryGetId(string value, out int id) => _ids.TryGetValue(value, out id);

    public string ValueOf(int id) => _values[id];
}
