using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// Checks <see cref="SqlActivitySourceOptions"/> at start-up: every identifier is plain and allow-listed, and every
/// other setting is usable. Lists every problem as <c>path: message</c> in one exception.
/// </summary>
internal static partial class SqlActivitySourceOptionsValidation
{
    public static DateTimeZone Validate(SqlActivitySourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Required(errors, "name", options.Name);
        Required(errors, "connectionString", options.ConnectionString);

        var tables = AllowList(errors, "allowedTables", options.AllowedTables, qualified: true);
        var columns = AllowList(errors, "allowedColumns", options.AllowedColumns, qualified: false);
        Identifier(errors, "table", options.Table, tables, "allowedTables", qualified: true, required: true);
        if (options.Columns is not { } mapping)
        {
            errors.Add("columns: required");
        }
        else
        {
            Identifier(errors, "columns.id", mapping.Id, columns, "allowedColumns", qualified: false, required: true);
            Identifier(errors, "columns.type", mapping.Type, columns, "allowedColumns", qualified: false, required: true);
            Identifier(errors, "columns.time", mapping.Time, columns, "allowedColumns", qualified: false, required: true);
            Identifier(errors, "columns.value", mapping.Value, columns, "allowedColumns", qualified: false, required: false);
            Identifier(errors, "columns.watermark", mapping.Watermark, columns, "allowedColumns", qualified: false, required: false);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (column, dimension) in mapping.Dimensions ?? new Dictionary<string, string>())
            {
                Identifier(errors, $"columns.dimensions.{column}", column, columns, "allowedColumns", qualified: false, required: true);
                if (string.IsNullOrWhiteSpace(dimension))
                {
                    errors.Add($"columns.dimensions.{column}: a dimension name is required");
                }
                else if (!names.Add(dimension))
                {
                    errors.Add($"columns.dimensions.{column}: dimension '{dimension}' is mapped from more than one column");
                }
            }
        }

        foreach (var (column, _) in options.Filters ?? new Dictionary<string, string>())
        {
            Identifier(errors, $"filters.{column}", column, columns, "allowedColumns", qualified: false, required: true);
        }

        DateTimeZone? zone = DateTimeZone.Utc;
        if (options.TimeZone is { } zoneId)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (zone is null)
            {
                errors.Add($"timeZone: unknown time zone '{zoneId}'; expected an IANA id such as America/Denver");
            }
        }

        if (options.ParameterPrefix is not ('@' or ':' or '$'))
        {
            errors.Add($"parameterPrefix: '{options.ParameterPrefix}' is not a parameter prefix; expected @, : or $");
        }

        if (!Enum.IsDefined(options.Paging))
        {
            errors.Add($"paging: unknown paging '{options.Paging}'; expected Limit, OffsetFetch or None");
        }

        if (options.CommandTimeoutSeconds < 1)
        {
            errors.Add($"commandTimeoutSeconds: must be at least 1 ({options.CommandTimeoutSeconds.ToString(CultureInfo.InvariantCulture)})");
        }

        if (options.MaxRejectionsKept < 0)
        {
            errors.Add($"maxRejectionsKept: must not be negative ({options.MaxRejectionsKept.ToString(CultureInfo.InvariantCulture)})");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(options.Name ?? string.Empty, typeof(SqlActivitySourceOptions), errors);
        }

        return zone ?? DateTimeZone.Utc;
    }

    /// <summary>Whether <paramref name="name"/> is a plain identifier (or <c>schema.name</c> when <paramref name="qualified"/>).</summary>
    public static bool IsIdentifier(string name, bool qualified) =>
        qualified ? QualifiedIdentifier().IsMatch(name) : PlainIdentifier().IsMatch(name);

    private static void Required(List<string> errors, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path}: required");
        }
    }

    private static HashSet<string> AllowList(List<string> errors, string path, IList<string>? names, bool qualified)
    {
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (names is null || names.Count == 0)
        {
            errors.Add($"{path}: required: list the {(qualified ? "tables" : "columns")} the source may use");
            return allowed;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is { } name && IsIdentifier(name, qualified))
            {
                allowed.Add(name);
            }
            else
            {
                errors.Add($"{path}[{i.ToString(CultureInfo.InvariantCulture)}]: {NotIdentifier(names[i], qualified)}");
            }
        }

        return allowed;
    }

    private static void Identifier(List<string> errors, string path, string? name, HashSet<string> allowed, string listPath, bool qualified, bool required)
    {
        if (string.IsNullOrEmpty(name))
        {
            if (required)
            {
                errors.Add($"{path}: required");
            }
        }
        else if (!IsIdentifier(name, qualified))
        {
            errors.Add($"{path}: {NotIdentifier(name, qualified)}");
        }
        else if (!allowed.Contains(name))
        {
            errors.Add($"{path}: '{name}' is not in {listPath}");
        }
    }

    private static string NotIdentifier(string? name, bool qualified) =>
        $"'{name}' is not {(qualified ? "a table name" : "a column name")}: use letters, digits and _, not starting with a digit{(qualified ? ", optionally schema.table" : string.Empty)}";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}(\\.[A-Za-z_][A-Za-z0-9_]{0,127})?$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedIdentifier();
}
