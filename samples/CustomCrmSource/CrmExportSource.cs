using System.Text;
using SalesOps.Metrics;

namespace SalesOps.Samples.CustomCrmSource;

/// <summary>
/// Reads a CRM's JSON Lines export (one activity per line) into SalesOps.Metrics: each line becomes an
/// <see cref="ActivityEvent"/>, resumable from a checkpoint that names the file, the line and the byte offset after it.
/// </summary>
/// <remarks>
/// <para><b>The export.</b> A single file, or a folder of files read in ordinal order of their names (see
/// <see cref="CrmExportOptions.FilePattern"/>). The exporter appends lines and never rewrites them; a last line without a
/// line break is taken to be still being written and is read once it is complete (in the newest file only: an older
/// file is finished).</para>
/// <para><b>Mapping.</b> <c>id</c> becomes the event id; <c>kind</c> the event type through
/// <see cref="CrmExportOptions.Kinds"/>; <c>at</c> (an ISO 8601 instant with an offset) the time; <c>amount</c> the value;
/// and the fields in <see cref="CrmExportOptions.Dimensions"/> the dimensions.</para>
/// <para><b>Lines that yield no event.</b> A line that is not valid JSON, lacks an id, a kind or a time, has an unmapped
/// kind, an amount that is not a finite number, or is longer than <see cref="CrmExportOptions.MaxLineBytes"/> is skipped:
/// counted in <see cref="SkippedLines"/> and reported once to <see cref="CrmExportOptions.LineSkipped"/>, with its file,
/// line number and reason. The source rejects nothing else: validating events (a time far in the future, a duplicate id)
/// is the engine's job, and the engine counts what it rejects. Blank lines are ignored.</para>
/// <para><b>Checkpoints.</b> <c>{file}:{line}:{offset}</c>, such as <c>crm-export.jsonl:42:6150</c>: the last line consumed
/// (the last event of the batch, or a skipped line after it) and the byte offset just after it, so a read seeks straight
/// to the next line. A batch that would hold only skipped lines is returned empty and keeps its checkpoint (the contract
/// says so), so those lines are read again by the next poll, but reported only once per instance.</para>
/// <para><b>Errors.</b> A missing file or folder throws <see cref="FileNotFoundException"/> or
/// <see cref="DirectoryNotFoundException"/>, and a file that no longer has a line ending at the checkpoint's offset (it
/// was replaced) throws <see cref="InvalidDataException"/>; the engine logs, counts and retries the read with backoff.</para>
/// <para><b>Calls.</b> Not for concurrent reads on one instance, which the engine never makes; <see cref="SkippedLines"/>
/// may be read from any thread. The source holds no file open between reads, so it needs no disposal.</para>
/// </remarks>
public sealed class CrmExportSource : IActivitySource
{
    private readonly string _path;
    private readonly string? _filePattern;
    private readonly int _maxLineBytes;
    private readonly Action<CrmSkippedLine>? _lineSkipped;
    private readonly CrmActivityMapper _mapper;
    private long _skippedLines;

    // The furthest line already reported as skipped, so that polls reading the same lines again report them once.
    private (string File, long Offset) _reportedThrough = ("", 0);

    /// <summary>Creates a source over the export described by <paramref name="options"/>.</summary>
    /// <param name="options">The export's location and mapping; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public CrmExportSource(CrmExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Name = options.Name;
        _path = options.Path;
        _filePattern = options.FilePattern;
        _maxLineBytes = options.MaxLineBytes;
        _lineSkipped = options.LineSkipped;
        _mapper = new CrmActivityMapper(options.Kinds, options.Dimensions);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of lines skipped so far by this instance, each counted once however often it is read.</summary>
    public long SkippedLines => Interlocked.Read(ref _skippedLines);

    /// <inheritdoc />
    public async ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        cancellationToken.ThrowIfCancellationRequested();
        var start = after is { } checkpoint ? CrmCheckpoint.Parse(checkpoint) : (CrmCheckpoint?)null;
        var files = ExportFiles(start);
        var events = new List<ActivityEvent>(Math.Min(maxEvents, 1_024));
        var position = start;
        for (var i = 0; i < files.Count && events.Count < maxEvents; i++)
        {
            var (name, path) = files[i];
            var resume = start is { } s && s.File == name ? s : new CrmCheckpoint(name, 0, 0);
            await using var reader = await JsonLinesReader.OpenAsync(path, resume.Offset, resume.Line, _maxLineBytes, fileIsComplete: i < files.Count - 1, cancellationToken);
            while (events.Count < maxEvents && await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                cancellationToken.ThrowIfCancellationRequested();
                position = new CrmCheckpoint(name, line.Number, line.EndOffset);
                if (line.TooLong)
                {
                    Skip(name, line, CrmSkipReason.TooLong, $"longer than {_maxLineBytes} bytes");
                }
                else if (IsBlank(line.Bytes.Span))
                {
                    continue;
                }
                else if (_mapper.TryMap(line.Bytes, out var activity, out var reason, out var detail))
                {
                    events.Add(activity!);
                }
                else
                {
                    Skip(name, line, reason, detail);
                }
            }
        }

        return events.Count == 0 ? SourceBatch.Empty(after) : new SourceBatch(events, position!.Value.ToCheckpoint());
    }

    // The files to read, in order: those at or after the checkpoint's file.
    private List<(string Name, string Path)> ExportFiles(CrmCheckpoint? start)
    {
        if (_filePattern is null)
        {
            if (!File.Exists(_path))
            {
                throw new FileNotFoundException($"The CRM export {_path} does not exist.", _path);
            }

            var name = Path.GetFileName(_path);
            if (start is { } s && s.File != name)
            {
                throw new ArgumentException($"The checkpoint names {s.File}, but the export is {name}.", nameof(start));
            }

            return [(name, _path)];
        }

        return
        [
            .. Directory.EnumerateFiles(_path, _filePattern)
                .Select(path => (Name: Path.GetFileName(path), Path: path))
                .Where(file => start is not { } s || string.CompareOrdinal(file.Name, s.File) >= 0)
                .OrderBy(file => file.Name, StringComparer.Ordinal),
        ];
    }

    private void Skip(string file, JsonLine line, CrmSkipReason reason, string detail)
    {
        var reported = _reportedThrough;
        var isNew = string.CompareOrdinal(file, reported.File) switch
        {
            > 0 => true,
            0 => line.EndOffset > reported.Offset,
            _ => false,
        };
        if (!isNew)
        {
            return;
        }

        _reportedThrough = (file, line.EndOffset);
        Interlocked.Increment(ref _skippedLines);
        _lineSkipped?.Invoke(new CrmSkippedLine(file, line.Number, reason, detail));
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

    private static void Validate(CrmExportOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            problems.Add("Name: must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Add("Path: must name the export file, or its folder when FilePattern is set.");
        }

        if (options.FilePattern is { } pattern && (string.IsNullOrWhiteSpace(pattern) || pattern.IndexOfAny(['/', '\\']) >= 0))
        {
            problems.Add($"FilePattern: \"{pattern}\" must be a file name pattern such as crm-export-*.jsonl, without folders.");
        }

        if (options.Kinds.Count == 0)
        {
            problems.Add("Kinds: must map at least one CRM kind to an event type.");
        }

        foreach (var (kind, type) in options.Kinds)
        {
            if (string.IsNullOrWhiteSpace(kind) || string.IsNullOrWhiteSpace(type))
            {
                problems.Add($"Kinds[\"{kind}\"]: the kind and its event type (\"{type}\") must not be empty.");
            }
        }

        foreach (var (field, dimension) in options.Dimensions)
        {
            if (string.IsNullOrWhiteSpace(field) || string.IsNullOrWhiteSpace(dimension))
            {
                problems.Add($"Dimensions[\"{field}\"]: the field and its dimension (\"{dimension}\") must not be empty.");
            }
        }

        foreach (var shared in options.Dimensions.GroupBy(d => d.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Dimensions: fields {string.Join(", ", shared.Select(d => d.Key).Order(StringComparer.Ordinal))} all map to the dimension \"{shared.Key}\".");
        }

        if (options.MaxLineBytes is < 64 or > 16 * 1024 * 1024)
        {
            problems.Add($"MaxLineBytes: {options.MaxLineBytes} must be between 64 and 16777216.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                new StringBuilder("The CRM export options are invalid:").AppendJoin("", problems.Select(p => "\n- " + p)).ToString(),
                nameof(options));
        }
    }
}
