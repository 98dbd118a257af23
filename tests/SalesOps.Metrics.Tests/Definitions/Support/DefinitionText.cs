using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace SalesOps.Metrics.Tests.Definitions;

/// <summary>
/// Describes a definition as one line per leaf value (<c>metrics[0].groupBy[1] = "rep"</c>), so two definitions can
/// be compared by content: the records hold lists and dictionaries, which record equality compares by reference.
/// </summary>
internal static class DefinitionText
{
    public static string Describe(object? value)
    {
        var text = new StringBuilder();
        Walk("", value, text);
        return text.ToString();
    }

    private static void Walk(string path, object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                Line(path, "null", text);
                break;
            case string s:
                Line(path, "\"" + s + "\"", text);
                break;
            case IDictionary dictionary:
                Line(path, "{" + dictionary.Count.ToString(CultureInfo.InvariantCulture) + "}", text);
                foreach (var key in dictionary.Keys.Cast<string>().Order(StringComparer.Ordinal))
                {
                    Walk(path + "." + key, dictionary[key], text);
                }

                break;
            case IEnumerable list:
                var items = list.Cast<object?>().ToList();
                Line(path, "[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]", text);
                for (var i = 0; i < items.Count; i++)
                {
                    Walk(path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", items[i], text);
                }

                break;
            case var record when record.GetType().Namespace == "SalesOps.Metrics.Definitions" && !record.GetType().IsEnum:
                foreach (var property in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    Walk(path.Length == 0 ? property.Name : path + "." + property.Name, property.GetValue(record), text);
                }

                break;
            case IFormattable formattable:
                Line(path, formattable.ToString(null, CultureInfo.InvariantCulture), text);
                break;
            default:
                Line(path, value.ToString() ?? "", text);
                break;
        }
    }

    private static void Line(string path, string value, StringBuilder text) => text.Append(path).Append(" = ").Append(value).Append('\n');
}
