using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SalesOps.Metrics.Definitions;

/// <summary>
/// A position in an <see cref="IConfiguration"/> tree with its camelCase path (<c>targets[0].milestones[1]</c>).
/// Keys match case-insensitively, as configuration keys do.
/// </summary>
/// <remarks>
/// The JSON provider turns an empty array into the empty string and <c>null</c> or <c>{}</c> into a key with no
/// value, so an empty value reads as an empty list and a missing value as "not set".
/// </remarks>
internal sealed class ConfigNode
{
    private readonly IConfiguration _configuration;
    private List<IConfigurationSection>? _children;

    public ConfigNode(IConfiguration configuration, string path, ParseContext context)
    {
        _configuration = configuration;
        Path = path;
        Context = context;
    }

    public string Path { get; }

    public ParseContext Context { get; }

    /// <summary>The node's own value; <see langword="null"/> for a section or a value that is not set.</summary>
    public string? Value => Children.Count == 0 ? (_configuration as IConfigurationSection)?.Value : null;

    /// <summary>Whether nothing is set here: a JSON <c>null</c> or <c>{}</c>.</summary>
    public bool IsUnset => Children.Count == 0 && Value is null;

    private List<IConfigurationSection> Children => _children ??= [.. _configuration.GetChildren()];

    public void Error(string message) => Context.Error(Path, message);

    /// <summary>Reads the optional setting <paramref name="name"/> (camelCase) and passes its value on when it is set and readable.</summary>
    public void Read<T>(string name, ValueReader<T> reader, Action<T> assign)
    {
        var section = Children.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase));
        if (section is null)
        {
            return;
        }

        var child = new ConfigNode(section, Path.Length == 0 ? name : Path + "." + name, Context);
        if (!child.IsUnset && reader(child, out var value))
        {
            assign(value);
        }
    }

    /// <summary>Reads the optional list setting <paramref name="name"/> (see <see cref="TryReadList"/>).</summary>
    public void ReadList<T>(string name, ValueReader<T> readItem, Action<IReadOnlyList<T>> assign, ValueReader<IReadOnlyList<T>>? readScalar = null)
        => Read(name, (ConfigNode node, out IReadOnlyList<T> list) => node.TryReadList(readItem, readScalar, out list), assign);

    /// <summary>Reads the optional dimension section <paramref name="name"/> (see <see cref="TryReadMap"/>).</summary>
    public void ReadMap<T>(string name, ValueReader<T> readValue, Action<IReadOnlyDictionary<string, T>> assign)
        => Read(name, (ConfigNode node, out IReadOnlyDictionary<string, T> map) => node.TryReadMap(readValue, out map), assign);

    /// <summary>Checks that this node is a section of settings and reports every key that is not one of <paramref name="names"/>.</summary>
    public bool ExpectSection(params string[] names)
    {
        if (Value is { } value)
        {
            Error($"expected a section of settings, not the value '{value}'");
            return false;
        }

        foreach (var child in Children)
        {
            if (!names.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                Context.Error(
                    Path + "." + child.Key,
                    $"unknown setting '{child.Key}'; expected one of {string.Join(", ", names.Select(Pascal))}");
            }
        }

        return true;
    }

    /// <summary>
    /// Reads a list: children keyed <c>0</c>, <c>1</c>, … in numeric order. An unreadable item is reported and left
    /// out, and the built list's positions are mapped back to the configuration's indexes.
    /// </summary>
    /// <param name="readItem">Reads one item.</param>
    /// <param name="readScalar">Reads a single value given instead of a list, or <see langword="null"/> to reject one.</param>
    /// <param name="list">The items read.</param>
    public bool TryReadList<T>(ValueReader<T> readItem, ValueReader<IReadOnlyList<T>>? readScalar, out IReadOnlyList<T> list)
    {
        list = [];
        if (Value is { Length: > 0 } value)
        {
            if (readScalar is null)
            {
                Error($"expected a list, not the value '{value}'");
                return false;
            }

            return readScalar(this, out list);
        }

        var items = new List<(int Index, IConfigurationSection Section)>(Children.Count);
        foreach (var child in Children)
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                Error($"expected a list, not a section with the setting '{child.Key}'");
                return false;
            }

            items.Add((index, child));
        }

        var kept = new List<T>(items.Count);
        var indexes = new List<int>(items.Count);
        foreach (var (index, section) in items.OrderBy(i => i.Index))
        {
            if (readItem(new ConfigNode(section, Path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", Context), out var item))
            {
                indexes.Add(index);
                kept.Add(item);
            }
        }

        if (indexes.Where((index, position) => index != position).Any())
        {
            Context.MapIndexes(Path, [.. indexes]);
        }

        list = Frozen.List(kept);
        return true;
    }

    /// <summary>Reads a section whose keys are dimension names (kept verbatim) and whose values <paramref name="readValue"/> reads.</summary>
    public bool TryReadMap<T>(ValueReader<T> readValue, out IReadOnlyDictionary<string, T> map)
    {
        map = Frozen.Dictionary<T>([]);
        if (Value is { Length: > 0 } value)
        {
            Error($"expected a section of dimension settings, not the value '{value}'");
            return false;
        }

        var entries = new List<KeyValuePair<string, T>>(Children.Count);
        foreach (var child in Children)
        {
            var node = new ConfigNode(child, Path + "." + child.Key, Context);
            if (readValue(node, out var item))
            {
                entries.Add(KeyValuePair.Create(child.Key, item));
            }
        }

        map = Frozen.Dictionary(entries);
        return true;
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
