namespace SalesOps.Metrics.Csv;

/// <summary>Where the mapped columns are in a file, and where its data rows start.</summary>
internal sealed record CsvLayout(
    int Id,
    int Type,
    int Time,
    int Value,
    IReadOnlyList<(int Column, string Dimension)> Dimensions,
    CsvPosition DataStart)
{
    /// <summary>The layout of a file without a header: the mapping's columns are numbers.</summary>
    public static CsvLayout FromNumbers(CsvColumnMapping columns) => new(
        Number(columns.Id),
        Number(columns.Type),
        Number(columns.Time),
        string.IsNullOrEmpty(columns.Value) ? -1 : Number(columns.Value),
        [.. columns.Dimensions.Select(d => (Number(d.Key), d.Value))],
        CsvPosition.Start);

    /// <summary>The layout of a file whose header is <paramref name="header"/>; every mapped name that it lacks is listed in the exception.</summary>
    public static CsvLayout FromHeader(CsvColumnMapping columns, IReadOnlyList<string> header, CsvPosition dataStart, string path)
    {
        var missing = new List<string>();
        int Find(string name)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            missing.Add(name);
            return -1;
        }

        var layout = new CsvLayout(
            Find(columns.Id),
            Find(columns.Type),
            Find(columns.Time),
            string.IsNullOrEmpty(columns.Value) ? -1 : Find(columns.Value),
            [.. columns.Dimensions.Select(d => (Find(d.Key), d.Value))],
            dataStart);
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"The header of '{path}' has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; it has {string.Join(", ", header.Select(h => $"'{h}'"))}.");
        }

        return layout;
    }

    private static int Number(string column) => int.Parse(column, System.Globalization.CultureInfo.InvariantCulture);
}
