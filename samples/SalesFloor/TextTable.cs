using System.Text;

namespace SalesOps.Samples.SalesFloor;

/// <summary>A plain-text table whose columns are as wide as their widest cell: numbers right-aligned, names left.</summary>
internal sealed class TextTable
{
    private readonly Column[] _columns;
    private readonly List<string[]?> _rows = [];

    public TextTable(params Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns;
    }

    public static Column Left(string header) => new(header, RightAligned: false);

    public static Column Right(string header) => new(header, RightAligned: true);

    public void AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns.Length)
        {
            throw new ArgumentException(FormattableString.Invariant($"A row needs {_columns.Length} cells, not {cells.Length}."), nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Draws a rule, such as the one above a total.</summary>
    public void AddRule() => _rows.Add(null);

    public void WriteTo(StringBuilder text, string indent = "  ")
    {
        ArgumentNullException.ThrowIfNull(text);
        var widths = _columns
            .Select((column, i) => _rows.Where(r => r is not null).Select(r => r![i].Length).Append(column.Header.Length).Max())
            .ToArray();
        WriteLine(text, indent, widths, [.. _columns.Select(c => c.Header)]);
        foreach (var row in _rows)
        {
            if (row is null)
            {
                text.Append(indent).Append('-', widths.Sum() + (2 * (widths.Length - 1))).Append('\n');
            }
            else
            {
                WriteLine(text, indent, widths, row);
            }
        }
    }

    private void WriteLine(StringBuilder text, string indent, int[] widths, string[] cells)
    {
        var line = new StringBuilder(indent);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(_columns[i].RightAligned ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    /// <summary>A column: its header and how its cells align.</summary>
    internal readonly record struct Column(string Header, bool RightAligned);
}
