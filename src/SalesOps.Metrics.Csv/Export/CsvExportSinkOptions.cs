namespace SalesOps.Metrics.Csv;

/// <summary>Where a <see cref="CsvExportSink"/> appends metric rows and target rows.</summary>
public sealed class CsvExportSinkOptions
{
    /// <summary>The sink name, unique among sinks. Default <c>csv</c>.</summary>
    public string Name { get; set; } = "csv";

    /// <summary>The file that receives one row per metric total and breakdown value; <see langword="null"/> to write none.</summary>
    public string? MetricsPath { get; set; }

    /// <summary>The file that receives one row per target evaluation; <see langword="null"/> to write none.</summary>
    public string? TargetsPath { get; set; }

    /// <summary>The field separator: one ASCII character other than a quote, an apostrophe, CR or LF. Default <c>,</c>.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>Whether corrections (new values for windows already published) are written too, with kind <c>Correction</c>. Default <see langword="true"/>.</summary>
    public bool IncludeCorrections { get; set; } = true;
}
