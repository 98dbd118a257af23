using System.Globalization;

namespace SalesOps.Metrics.Csv;

/// <summary>
/// A position in a CSV file at the start of a line: its byte offset and its 1-based line number. As a checkpoint it
/// reads <c>offset:line</c> and points just after the last row committed, so resuming starts exactly at the next row.
/// </summary>
internal readonly record struct CsvPosition(long Offset, long Line)
{
    public static CsvPosition Start => new(0, 1);

    public Checkpoint ToCheckpoint() => new(string.Create(CultureInfo.InvariantCulture, $"{Offset}:{Line}"));

    public static CsvPosition Parse(Checkpoint checkpoint)
    {
        var text = checkpoint.Value ?? string.Empty;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            && line >= 1)
        {
            return new CsvPosition(offset, line);
        }

        throw new ArgumentException($"'{text}' is not a checkpoint of a CSV source; expected 'offset:line'.", nameof(checkpoint));
    }
}
