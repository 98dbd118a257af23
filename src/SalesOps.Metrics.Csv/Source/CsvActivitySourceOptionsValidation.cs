using System.Globalization;
using Microsoft.Extensions.Options;

namespace SalesOps.Metrics.Csv;

/// <summary>Checks <see cref="CsvActivitySourceOptions"/> and lists every problem as <c>path: message</c>.</summary>
internal static class CsvActivitySourceOptionsValidation
{
    public static CsvTimeParser Validate(CsvActivitySourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add("name: required");
        }

        if (string.IsNullOrWhiteSpace(options.Path))
        {
            errors.Add("path: required");
        }

        if (options.Delimiter is '"' or '\r' or '\n' || options.Delimiter > '\x7f')
        {
            errors.Add($"delimiter: '{options.Delimiter}' cannot separate fields; use one ASCII character other than a quote, CR or LF");
        }

        Positive(errors, "maxFieldBytes", options.MaxFieldBytes);
        Positive(errors, "maxRecordBytes", options.MaxRecordBytes);
        Positive(errors, "maxColumns", options.MaxColumns);
        if (options.MaxRejectionsKept < 0)
        {
            errors.Add($"maxRejectionsKept: must not be negative ({options.MaxRejectionsKept.ToString(CultureInfo.InvariantCulture)})");
        }

        CsvTimeParser? time = null;
        if (options.Columns is not { } columns)
        {
            errors.Add("columns: required");
        }
        else
        {
            Column(errors, options, "columns.id", columns.Id, required: true);
            Column(errors, options, "columns.type", columns.Type, required: true);
            Column(errors, options, "columns.time", columns.Time, required: true);
            Column(errors, options, "columns.value", columns.Value, required: false);
            var dimensionNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (column, dimension) in columns.Dimensions ?? new Dictionary<string, string>())
            {
                Column(errors, options, $"columns.dimensions.{column}", column, required: true);
                if (string.IsNullOrWhiteSpace(dimension))
                {
                    errors.Add($"columns.dimensions.{column}: a dimension name is required");
                }
                else if (!dimensionNames.Add(dimension))
                {
                    errors.Add($"columns.dimensions.{column}: dimension '{dimension}' is mapped from more than one column");
                }
            }

            time = CsvTimeParser.Create(columns, errors);
        }

        if (errors.Count > 0 || time is null)
        {
            throw new OptionsValidationException(options.Name ?? string.Empty, typeof(CsvActivitySourceOptions), errors);
        }

        return time;
    }

    private static void Positive(List<string> errors, string path, int value)
    {
        if (value < 1)
        {
            errors.Add($"{path}: must be at least 1 ({value.ToString(CultureInfo.InvariantCulture)})");
        }
    }

    private static void Column(List<string> errors, CsvActivitySourceOptions options, string path, string? column, bool required)
    {
        if (column is null || (column.Length == 0 && !required))
        {
            if (required)
            {
                errors.Add($"{path}: required");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(column))
        {
            errors.Add($"{path}: required");
        }
        else if (!options.HasHeader && !int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors.Add($"{path}: '{column}' is not a column number; a file without a header names columns by zero-based number");
        }
    }
}
