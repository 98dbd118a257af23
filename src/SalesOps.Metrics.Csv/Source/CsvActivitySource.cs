using System.Text;
using CsvHelper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SalesOps.Metrics.Csv;

/// <summary>
/// Reads activity events from a CSV file, one row per event, resuming exactly after the last row committed.
/// </summary>
/// <remarks>
/// <para><b>Checkpoints.</b> A checkpoint is <c>offset:line</c>: the byte offset and line number just after the last
/// row of the batch. Resuming seeks there, so each later row is read once and none before it. The file may grow by
/// whole lines between reads; a file that shrinks below a checkpoint is refused with an exception.</para>
/// <para><b>Bad rows.</b> A row that cannot be an event (no id or type, an unreadable time or value, invalid UTF-8,
/// broken quotes, a field, row or column count over the limits) is rejected with its line number and reason: it is
/// counted in <see cref="RejectedCount"/>, kept in <see cref="Rejected"/>, passed to the callback and logged, and
/// reading goes on with the next row. A batch never ends on a run of rejected rows: it goes on to the next event or
/// the end of the file.</para>
/// <para><b>Hostile files.</b> No row is held in memory beyond about twice
/// <see cref="CsvActivitySourceOptions.MaxRecordBytes"/>; a longer row is passed over with a small buffer.</para>
/// <para><b>Calls.</b> Not safe for concurrent reads, which the engine never makes. <see cref="Rejected"/> and
/// <see cref="RejectedCount"/> may be read from any thread. The file is opened for each read and closed after it.</para>
/// </remarks>
public sealed class CsvActivitySource : IActivitySource
{
    private const int MaxLoggedPerRead = 10;

    private readonly CsvActivitySourceOptions _options;
    private readonly CsvRowMapper _mapper;
    private readonly Action<CsvRejectedRow>? _onRejected;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<CsvRejectedRow> _rejected = new();
    private long _rejectedCount;

    // Rows between the checkpoint returned last and the position reached (rejected rows, blank lines) hold no event,
    // so a read from that checkpoint may go on from the position instead of rejecting them again.
    private (Checkpoint? Returned, CsvPosition Reached)? _continuation;

    /// <summary>Creates a source.</summary>
    /// <param name="options">The file, the column mapping and the limits; validated here.</param>
    /// <param name="logger">Logs rejected rows (at most ten per read, then a count); <see langword="null"/> for none.</param>
    /// <param name="onRejected">Called for each rejected row, on the reading thread; <see langword="null"/> for none.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every problem is listed as <c>path: message</c>.</exception>
    public CsvActivitySource(CsvActivitySourceOptions options, ILogger<CsvActivitySource>? logger = null, Action<CsvRejectedRow>? onRejected = null)
    {
        var time = CsvActivitySourceOptionsValidation.Validate(options);
        _options = options;
        _mapper = new CsvRowMapper(options, time);
        _onRejected = onRejected;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>How many rows have been rejected since this source was created.</summary>
    public long RejectedCount => Interlocked.Read(ref _rejectedCount);

    /// <summary>The most recent rejected rows, oldest first (at most <see cref="CsvActivitySourceOptions.MaxRejectionsKept"/>).</summary>
    public IReadOnlyList<CsvRejectedRow> Rejected
    {
        get
        {
            lock (_gate)
            {
                return [.. _rejected];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<SourceBatch> ReadAsync(Checkpoint? after, int maxEvents, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        cancellationToken.ThrowIfCancellationRequested();
        await using var file = new FileStream(_options.Path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
        await RefuseOtherEncodingsAsync(file, cancellationToken);
        var layout = await ReadLayoutAsync(file, cancellationToken);
        if (layout is null)
        {
            return SourceBatch.Empty(after);
        }

        var start = Resume(after, layout);
        if (start.Offset > file.Length)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"The checkpoint of source '{Name}' is at byte {start.Offset}, past the end of '{_options.Path}' ({file.Length} bytes): the file was replaced or truncated."));
        }

        var read = new ReadState(start, maxEvents);
        while (await ReadFromAsync(file, layout, read, cancellationToken) is { } restart)
        {
            read.Position = restart;
        }

        if (read.Suppressed > 0)
        {
            CsvSourceLog.MoreRejected(_logger, Name, read.Suppressed);
        }

        var returned = read.LastEvent is { } last ? (await last.AfterAsync(file, cancellationToken)).ToCheckpoint() : after;
        _continuation = (returned, read.Reached);
        return read.Events.Count == 0 ? SourceBatch.Empty(after) : new SourceBatch(read.Events, returned);
    }

    private CsvPosition Resume(Checkpoint? after, CsvLayout layout)
    {
        if (_continuation is { } continuation && continuation.Returned == after)
        {
            return continuation.Reached;
        }

        if (after is not { } checkpoint)
        {
            return layout.DataStart;
        }

        var position = CsvPosition.Parse(checkpoint);
        return position.Offset < layout.DataStart.Offset ? layout.DataStart : position;
    }

    /// <summary>Reads rows from <see cref="ReadState.Position"/>; returns where to start again after a row too long to buffer, or null when done.</summary>
    private async ValueTask<CsvPosition?> ReadFromAsync(FileStream file, CsvLayout layout, ReadState read, CancellationToken cancellationToken)
    {
        if (read.Events.Count >= read.MaxEvents)
        {
            return null;
        }

        var origin = read.Position;
        file.Position = origin.Offset;
        var options = ReaderOptions(hasMalformedHandler: true) with
        {
            OnMalformedRecord = malformed => Reject(read, new CsvRejectedRow(
                origin.Line + malformed.LineNumber - 1,
                CsvRejectionReason.MalformedQuotes,
                $"broken quotes: {malformed.Reason}")),
        };
        using var reader = CsvReader.Create(file, options, leaveOpen: true);
        RowSpan? lastRow = null;
        while (read.Events.Count < read.MaxEvents)
        {
            bool more;
            try
            {
                more = await reader.ReadAsync(cancellationToken);
            }
            catch (CsvFormatException exception)
            {
                // Only a row too long to buffer stops the reader; pass over it with a small buffer and start again after it.
                var line = origin.Line + Math.Max(exception.LineNumber, 1) - 1;
                var rowStart = Math.Max(origin.Offset + exception.ByteOffset, lastRow?.End ?? origin.Offset);
                var (next, length) = await CsvLineScanner.SkipLineAsync(file.SafeFileHandle, rowStart, line, cancellationToken);
                Reject(read, length > _options.MaxRecordBytes
                    ? new CsvRejectedRow(line, CsvRejectionReason.RecordTooLong, CsvRowMapper.TooLong("the row", length, _options.MaxRecordBytes))
                    : new CsvRejectedRow(line, CsvRejectionReason.MalformedQuotes, exception.Message));
                read.Reached = next;
                return next;
            }

            if (!more)
            {
                // Everything up to the end of the file has been read; count the lines after the last row to know where that is.
                var afterLastRow = lastRow is { } row ? await row.AfterAsync(file, cancellationToken) : origin;
                read.Reached = await CsvLineScanner.AdvanceAsync(file.SafeFileHandle, afterLastRow, file.Position, cancellationToken);
                return null;
            }

            lastRow = new RowSpan(origin.Offset + reader.ByteOffset, origin.Line + reader.LineNumber - 1, reader.RawRecord.Length);
            var evt = _mapper.Map(reader, layout, lastRow.Value.Line, out var rejection);
            if (evt is not null)
            {
                read.Events.Add(evt);
                read.LastEvent = lastRow;
            }
            else
            {
                Reject(read, rejection!);
            }
        }

        read.Reached = await lastRow!.Value.AfterAsync(file, cancellationToken);
        return null;
    }

    private async ValueTask<CsvLayout?> ReadLayoutAsync(FileStream file, CancellationToken cancellationToken)
    {
        if (!_options.HasHeader)
        {
            return CsvLayout.FromNumbers(_options.Columns);
        }

        file.Position = 0;
        using var reader = CsvReader.Create(file, ReaderOptions(hasMalformedHandler: false), leaveOpen: true);
        try
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
        }
        catch (CsvFormatException exception)
        {
            throw new InvalidDataException($"The header of '{_options.Path}' cannot be read: {exception.Message}", exception);
        }

        if (!System.Text.Unicode.Utf8.IsValid(reader.RawRecord) || reader.FieldCount > _options.MaxColumns)
        {
            throw new InvalidDataException(FormattableString.Invariant($"The header of '{_options.Path}' is not valid UTF-8 or has more than {_options.MaxColumns} columns."));
        }

        var header = new string[reader.FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = reader.GetString(i).Trim();
        }

        var dataStart = await CsvLineScanner.AfterBreakAsync(file.SafeFileHandle, reader.ByteOffset + reader.RawRecord.Length, reader.LineNumber, cancellationToken);
        return CsvLayout.FromHeader(_options.Columns, header, dataStart, _options.Path);
    }

    private CsvReaderOptions ReaderOptions(bool hasMalformedHandler) => new()
    {
        Separator = _options.Delimiter,
        HasHeader = false,
        AllowLineBreaksInQuotes = false,
        MalformedData = hasMalformedHandler ? CsvMalformedDataHandling.Skip : CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        MaxRecordSize = _options.MaxRecordBytes,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
        FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
        IncludeValuesInExceptions = false,
    };

    // Offsets and line numbers are bytes of UTF-8; a UTF-16 or UTF-32 file would be transcoded and its positions lost.
    private async ValueTask RefuseOtherEncodingsAsync(FileStream file, CancellationToken cancellationToken)
    {
        var start = new byte[4];
        var read = await RandomAccess.ReadAsync(file.SafeFileHandle, start, 0, cancellationToken);
        var bom = start.AsSpan(0, read);
        if (bom.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bom.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bom.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            throw new InvalidDataException($"'{_options.Path}' is UTF-16 or UTF-32; the CSV source reads UTF-8 only.");
        }
    }

    private void Reject(ReadState read, CsvRejectedRow row)
    {
        Interlocked.Increment(ref _rejectedCount);
        lock (_gate)
        {
            if (_options.MaxRejectionsKept > 0)
            {
                if (_rejected.Count >= _options.MaxRejectionsKept)
                {
                    _rejected.Dequeue();
                }

                _rejected.Enqueue(row);
            }
        }

        if (read.Logged < MaxLoggedPerRead)
        {
            read.Logged++;
            CsvSourceLog.RowRejected(_logger, Name, row.Line, row.Reason, row.Message);
        }
        else
        {
            read.Suppressed++;
        }

        _onRejected?.Invoke(row);
    }

    /// <summary>Where a row is: its first byte, its line and its length without the line break.</summary>
    private readonly record struct RowSpan(long Offset, long Line, int Length)
    {
        public long End => Offset + Length;

        public ValueTask<CsvPosition> AfterAsync(FileStream file, CancellationToken cancellationToken) =>
            CsvLineScanner.AfterBreakAsync(file.SafeFileHandle, End, Line, cancellationToken);
    }

    private sealed class ReadState(CsvPosition start, int maxEvents)
    {
        public int MaxEvents { get; } = maxEvents;

        public List<ActivityEvent> Events { get; } = new(Math.Min(maxEvents, 1024));

        public CsvPosition Position { get; set; } = start;

        public CsvPosition Reached { get; set; } = start;

        public RowSpan? LastEvent { get; set; }

        public int Logged { get; set; }

        public long Suppressed { get; set; }
    }
}
