using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Options;

namespace SalesOps.Metrics.Csv;

/// <summary>
/// Appends scoreboards to CSV files for spreadsheets: one file of metric rows (each total and breakdown value) and one of
/// target rows (each evaluation), each with a header line when the file is new.
/// </summary>
/// <remarks>
/// <para><b>Formula injection.</b> A text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a CR
/// (a dimension value such as <c>=HYPERLINK(…)</c>) is written with a leading apostrophe, which spreadsheets show as
/// text instead of running it. Numbers are written as numbers, so <c>-5</c> and <c>-0.25</c> stay as they are.</para>
/// <para><b>Writes.</b> Each batch is formatted in memory, then appended to each file with one write and flushed, so
/// a batch is in a file whole or (if the write itself fails) retried whole. Numbers use the invariant culture and the
/// shortest text that round-trips; instants are ISO 8601 in UTC.</para>
/// <para><b>Idempotence.</b> A scoreboard delivered again (same <see cref="Scoreboard.At"/> and
/// <see cref="Scoreboard.Kind"/>) is not appended again while this instance lives.</para>
/// <para><b>Calls.</b> Not safe for concurrent writes, which the engine never makes.</para>
/// </remarks>
public sealed class CsvExportSink : IScoreboardSink
{
    private readonly CsvExportSinkOptions _options;
    private readonly CsvWriterOptions _writerOptions;
    private readonly DeliveredScoreboards _metricsDelivered = new();
    private readonly DeliveredScoreboards _targetsDelivered = new();

    /// <summary>Creates a sink.</summary>
    /// <param name="options">The files; validated here.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; every problem is listed as <c>path: message</c>.</exception>
    public CsvExportSink(CsvExportSinkOptions options)
    {
        Validate(options);
        _options = options;
        _writerOptions = new CsvWriterOptions
        {
            Separator = options.Delimiter,
            NewLine = "\r\n",
            Injection = CsvInjection.Escape,
            InjectionEscape = '\'',
            FormatProvider = CultureInfo.InvariantCulture,
            WriteByteOrderMark = false,
        };
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // A cancelled write throws even when everything in the batch was already delivered, as the contract says.
        cancellationToken.ThrowIfCancellationRequested();
        if (_options.MetricsPath is { Length: > 0 } metricsPath)
        {
            await AppendAsync(metricsPath, _metricsDelivered, batch, CsvScoreboardRows.MetricColumns, CsvScoreboardRows.WriteMetrics, cancellationToken);
        }

        if (_options.TargetsPath is { Length: > 0 } targetsPath)
        {
            await AppendAsync(targetsPath, _targetsDelivered, batch, CsvScoreboardRows.TargetColumns, CsvScoreboardRows.WriteTargets, cancellationToken);
        }
    }

    private async ValueTask AppendAsync(
        string path,
        DeliveredScoreboards delivered,
        IReadOnlyList<Scoreboard> batch,
        string[] columns,
        Action<CsvWriter, Scoreboard> writeRows,
        CancellationToken cancellationToken)
    {
        var scoreboards = delivered.New(batch, s => _options.IncludeCorrections || s.Kind == ScoreboardKind.Regular);
        if (scoreboards.Count == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(path);
        using var text = new MemoryStream();
        using (var csv = CsvWriter.Create(text, _writerOptions, leaveOpen: true))
        {
            if (!file.Exists || file.Length == 0)
            {
                csv.WriteHeader(columns);
            }

            foreach (var scoreboard in scoreboards)
            {
                writeRows(csv, scoreboard);
            }
        }

        if (file.DirectoryName is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true))
        {
            await stream.WriteAsync(text.GetBuffer().AsMemory(0, (int)text.Length), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        delivered.Delivered(scoreboards);
    }

    private static void Validate(CsvExportSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add("name: required");
        }

        if (string.IsNullOrWhiteSpace(options.MetricsPath) && string.IsNullOrWhiteSpace(options.TargetsPath))
        {
            errors.Add("metricsPath: a metrics path or a targets path (or both) is required");
        }

        if (options.Delimiter is '"' or '\'' or '\r' or '\n' || options.Delimiter > '\x7f')
        {
            errors.Add($"delimiter: '{options.Delimiter}' cannot separate fields; use one ASCII character other than a quote, an apostrophe, CR or LF");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(options.Name ?? string.Empty, typeof(CsvExportSinkOptions), errors);
        }
    }
}
