using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// The sources and sinks that a configuration section names (<c>"Sources": [{ "Type": "csv", … }]</c>), created once
/// through the registered plugin types. Every problem of every item is collected, then reported in one
/// <see cref="DefinitionValidationException"/> (<c>sources[0].path: required</c>).
/// </summary>
internal sealed class ConfiguredPlugins
{
    private ConfiguredPlugins(IReadOnlyList<IActivitySource> sources, IReadOnlyList<IScoreboardSink> sinks)
    {
        Sources = sources;
        Sinks = sinks;
    }

    public IReadOnlyList<IActivitySource> Sources { get; }

    public IReadOnlyList<IScoreboardSink> Sinks { get; }

    public static ConfiguredPlugins Create(IServiceProvider services, IConfiguration section)
    {
        var registrations = services.GetServices<PluginTypeRegistration>().ToList();
        var errors = new List<DefinitionError>();
        var sources = Read(services, section, ConfiguredPluginKind.Source, registrations, errors).Cast<IActivitySource>().ToList();
        var sinks = Read(services, section, ConfiguredPluginKind.Sink, registrations, errors).Cast<IScoreboardSink>().ToList();
        if (errors.Count == 0)
        {
            RequireUniqueNames(sources.Select(s => s.Name), "sources", "source", errors);
            RequireUniqueNames(sinks.Select(s => s.Name), "sinks", "sink", errors);
        }

        if (errors.Count > 0)
        {
            foreach (var plugin in sources.Cast<object>().Concat(sinks))
            {
                (plugin as IDisposable)?.Dispose();
            }

            throw new DefinitionValidationException(errors);
        }

        return new ConfiguredPlugins(sources, sinks);
    }

    /// <summary>How many items the list of <paramref name="kind"/> has, to register one service per item.</summary>
    public static int Count(IConfiguration section, ConfiguredPluginKind kind) =>
        section.GetSection(Key(kind)).GetChildren().Count(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private static List<object> Read(IServiceProvider services, IConfiguration section, ConfiguredPluginKind kind, List<PluginTypeRegistration> registrations, List<DefinitionError> errors)
    {
        var path = Key(kind).ToLowerInvariant();
        var noun = kind == ConfiguredPluginKind.Source ? "source" : "sink";
        var list = section.GetSection(Key(kind));
        var plugins = new List<object>();
        if (list.Value is { Length: > 0 } value)
        {
            errors.Add(new DefinitionError(path, $"expected a list of {noun}s, not the value '{value}'"));
            return plugins;
        }

        var items = new List<(int Index, IConfigurationSection Section)>();
        foreach (var child in list.GetChildren())
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                errors.Add(new DefinitionError(path, $"expected a list of {noun}s, not a section with the setting '{child.Key}'"));
                return plugins;
            }

            items.Add((index, child));
        }

        var types = registrations
            .Where(r => r.Kind == kind)
            .GroupBy(r => r.Type, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.BuiltIn ? 0 : 1).Last(), StringComparer.OrdinalIgnoreCase);
        foreach (var (index, item) in items.OrderBy(i => i.Index))
        {
            var itemPath = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
            if (item.Value is { Length: > 0 } scalar)
            {
                errors.Add(new DefinitionError(itemPath, $"expected a section of settings, not the value '{scalar}'"));
                continue;
            }

            var type = item["Type"];
            if (string.IsNullOrWhiteSpace(type))
            {
                errors.Add(new DefinitionError($"{itemPath}.type", $"required: the {noun} type, one of {Known(types)}"));
                continue;
            }

            if (!types.TryGetValue(type.Trim(), out var registration))
            {
                errors.Add(new DefinitionError($"{itemPath}.type", $"unknown {noun} type '{type}'; expected one of {Known(types)}"));
                continue;
            }

            if (registration.Create(services, item, itemPath, errors) is { } plugin)
            {
                plugins.Add(plugin);
            }
        }

        return plugins;
    }

    private static void RequireUniqueNames(IEnumerable<string> names, string path, string noun, List<DefinitionError> errors)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var name in names)
        {
            if (!first.TryAdd(name, index))
            {
                errors.Add(new DefinitionError(
                    string.Create(CultureInfo.InvariantCulture, $"{path}[{index}].name"),
                    string.Create(CultureInfo.InvariantCulture, $"duplicate {noun} name '{name}' ({path}[{first[name]}] has it too); give each {noun} its own Name")));
            }

            index++;
        }
    }

    private static string Known(Dictionary<string, PluginTypeRegistration> types) =>
        types.Count == 0 ? "(none registered)" : string.Join(", ", types.Keys.Order(StringComparer.Ordinal));

    private static string Key(ConfiguredPluginKind kind) => kind == ConfiguredPluginKind.Source ? "Sources" : "Sinks";
}
