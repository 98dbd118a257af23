using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// Binds a plugin's options from a configuration section, property by property, reporting every value it cannot read
/// and every unknown setting at its camelCase path (<c>sources[0].hasHeader</c>) instead of stopping at the first.
/// </summary>
/// <remarks>
/// Supports public settable properties of these types: strings, characters, booleans, integers, floating-point and
/// decimal numbers, <see cref="TimeSpan"/> (<c>hh:mm:ss</c>), <see cref="Uri"/>, <see cref="Guid"/>, enums by name
/// (flags as <c>A, B</c>), their nullable forms, lists and arrays of strings, string-to-string dictionaries, and
/// nested classes with a parameterless constructor. Keys match ignoring case. Numbers use the invariant culture.
/// </remarks>
internal static class PluginOptionsBinder
{
    public static object Bind(Type type, IConfigurationSection section, string path, IReadOnlyCollection<string> ignoredKeys, List<DefinitionError> errors)
    {
        var options = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} has no parameterless constructor.");
        BindObject(options, section, path, ignoredKeys, errors);
        return options;
    }

    private static void BindObject(object target, IConfiguration section, string path, IReadOnlyCollection<string> ignoredKeys, List<DefinitionError> errors)
    {
        var properties = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .ToArray();
        foreach (var child in section.GetChildren())
        {
            if (ignoredKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                errors.Add(new DefinitionError(
                    Join(path, Camel(child.Key)),
                    $"unknown setting '{child.Key}'; expected one of {string.Join(", ", properties.Select(p => p.Name).Concat(ignoredKeys.Select(Pascal)).Order(StringComparer.Ordinal))}"));
                continue;
            }

            var childPath = Join(path, Camel(property.Name));
            if (TryRead(property.PropertyType, child, childPath, property.GetValue(target), errors, out var value))
            {
                property.SetValue(target, value);
            }
        }
    }

    private static bool TryRead(Type type, IConfigurationSection node, string path, object? current, List<DefinitionError> errors, out object? value)
    {
        value = null;
        var hasChildren = node.GetChildren().Any();
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(underlying))
        {
            if (hasChildren)
            {
                errors.Add(new DefinitionError(path, "expected a single value, not a section"));
                return false;
            }

            if (node.Value is null)
            {
                if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null)
                {
                    return true;
                }

                errors.Add(new DefinitionError(path, "a value is required"));
                return false;
            }

            return TryScalar(underlying, node.Value, path, errors, out value);
        }

        if (node.Value is { Length: > 0 } text)
        {
            errors.Add(new DefinitionError(path, $"expected {(IsList(type) ? "a list" : "a section of settings")}, not the value '{text}'"));
            return false;
        }

        if (IsDictionary(type))
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            foreach (var entry in node.GetChildren())
            {
                if (entry.GetChildren().Any())
                {
                    errors.Add(new DefinitionError(Join(path, entry.Key), "expected a single value, not a section"));
                    ok = false;
                }
                else
                {
                    map[entry.Key] = entry.Value ?? string.Empty;
                }
            }

            value = map;
            return ok;
        }

        if (IsList(type))
        {
            var items = new List<(int Index, string Text)>();
            var ok = true;
            foreach (var item in node.GetChildren())
            {
                var itemPath = $"{path}[{item.Key}]";
                if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    errors.Add(new DefinitionError(path, $"expected a list, not a section with the setting '{item.Key}'"));
                    return false;
                }

                if (item.GetChildren().Any() || item.Value is null)
                {
                    errors.Add(new DefinitionError(itemPath, "expected a single value"));
                    ok = false;
                    continue;
                }

                items.Add((index, item.Value));
            }

            var list = items.OrderBy(i => i.Index).Select(i => i.Text).ToList();
            value = type.IsArray ? list.ToArray() : list;
            return ok;
        }

        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            var nested = current ?? Activator.CreateInstance(type)!;
            var before = errors.Count;
            BindObject(nested, node, path, [], errors);
            value = nested;
            return errors.Count == before;
        }

        errors.Add(new DefinitionError(path, $"a {type.Name} cannot be set from configuration"));
        return false;
    }

    private static bool TryScalar(Type type, string text, string path, List<DefinitionError> errors, out object? value)
    {
        value = null;
        var trimmed = text.Trim();
        string? problem = null;
        if (type == typeof(string))
        {
            value = text;
        }
        else if (type == typeof(char))
        {
            if (text.Length == 1)
            {
                value = text[0];
            }
            else
            {
                problem = $"'{text}' is not a single character";
            }
        }
        else if (type == typeof(bool))
        {
            problem = bool.TryParse(trimmed, out var flag) ? Set(flag, out value) : $"'{text}' is not true or false";
        }
        else if (type == typeof(int))
        {
            problem = int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? Set(number, out value) : $"'{text}' is not a whole number";
        }
        else if (type == typeof(long))
        {
            problem = long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? Set(number, out value) : $"'{text}' is not a whole number";
        }
        else if (type == typeof(double))
        {
            problem = double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? Set(number, out value) : $"'{text}' is not a number";
        }
        else if (type == typeof(decimal))
        {
            problem = decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? Set(number, out value) : $"'{text}' is not a number";
        }
        else if (type == typeof(TimeSpan))
        {
            problem = TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) ? Set(span, out value) : $"'{text}' is not a duration; expected hh:mm:ss or d.hh:mm:ss";
        }
        else if (type == typeof(Uri))
        {
            problem = Uri.TryCreate(trimmed, UriKind.RelativeOrAbsolute, out var uri) ? Set(uri, out value) : $"'{text}' is not an address";
        }
        else if (type == typeof(Guid))
        {
            problem = Guid.TryParse(trimmed, CultureInfo.InvariantCulture, out var guid) ? Set(guid, out value) : $"'{text}' is not a GUID";
        }
        else if (type.IsEnum)
        {
            problem = TryEnum(type, trimmed, out value) ? null : $"unknown {Words(type.Name)} '{text}'; expected one of {string.Join(", ", Enum.GetNames(type))}";
        }

        if (problem is not null)
        {
            errors.Add(new DefinitionError(path, problem));
            return false;
        }

        return true;
    }

    // Names only: a number would pass any value, and an unknown name would pass silently as 0.
    private static bool TryEnum(Type type, string text, out object? value)
    {
        value = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var names = Enum.GetNames(type);
        if (parts.Length == 0 || parts.Any(p => !names.Contains(p, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (parts.Length > 1 && type.GetCustomAttribute<FlagsAttribute>() is null)
        {
            return false;
        }

        return Enum.TryParse(type, text, ignoreCase: true, out value);
    }

    private static string? Set<T>(T parsed, out object? value)
    {
        value = parsed;
        return null;
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(Guid);

    private static bool IsDictionary(Type type) =>
        type == typeof(Dictionary<string, string>) || type == typeof(IDictionary<string, string>) || type == typeof(IReadOnlyDictionary<string, string>);

    private static bool IsList(Type type) =>
        type == typeof(string[]) || type == typeof(List<string>) || type == typeof(IList<string>) || type == typeof(IReadOnlyList<string>)
        || type == typeof(ICollection<string>) || type == typeof(IReadOnlyCollection<string>) || type == typeof(IEnumerable<string>);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static string Words(string typeName) =>
        string.Concat(typeName.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
