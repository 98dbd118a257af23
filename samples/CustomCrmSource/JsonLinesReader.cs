namespace SalesOps.Samples.CustomCrmSource;

/// <summary>One line of an export file: its number, its bytes (without the line break) and the offset just after it.</summary>
/// <param name="Number">The line number, from 1.</param>
/// <param name="Bytes">The line's UTF-8 bytes, valid until the next read; empty when <paramref name="TooLong"/>.</param>
/// <param name="EndOffset">The byte offset just after the line and its line break.</param>
/// <param name="TooLong">True when the line was longer than the limit and was skipped unread.</param>
internal readonly record struct JsonLine(long Number, ReadOnlyMemory<byte> Bytes, long EndOffset, bool TooLong);

/// <summary>
/// Reads the lines of one export file from a byte offset, in bounded memory: a line longer than the limit is passed
/// over without being held, and is returned as <see cref="JsonLine.TooLong"/>.
/// </summary>
/// <remarks>
/// A last line with no line break may still be being written by the exporter; unless told that the file is complete,
/// the reader leaves it for a later read.
/// </remarks>
internal sealed class JsonLinesReader : IAsyncDisposable
{
    private const int InitialBufferBytes = 16 * 1024;

    private readonly FileStream _stream;
    private readonly int _maxLineBytes;
    private readonly bool _fileIsComplete;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _offset;
    private long _line;
    private bool _endOfFile;

    private JsonLinesReader(FileStream stream, long offset, long line, int maxLineBytes, bool fileIsComplete)
    {
        _stream = stream;
        _offset = offset;
        _line = line;
        _maxLineBytes = maxLineBytes;
        _fileIsComplete = fileIsComplete;
        _buffer = new byte[Math.Min(InitialBufferBytes, maxLineBytes + 1)];
    }

    /// <summary>Opens <paramref name="path"/> after the line <paramref name="line"/> that ends at <paramref name="offset"/> (0 and 0 for the start).</summary>
    /// <exception cref="InvalidDataException">The file is shorter than the offset, or no line ends there: it was replaced or rewritten.</exception>
    public static async Task<JsonLinesReader> OpenAsync(string path, long offset, long line, int maxLineBytes, bool fileIsComplete, CancellationToken cancellationToken)
    {
        // Shared for writing and deleting: the exporter keeps appending while we read.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var reader = new JsonLinesReader(stream, offset, line, maxLineBytes, fileIsComplete);
            if (offset == 0)
            {
                await reader.SkipByteOrderMarkAsync(cancellationToken);
            }
            else
            {
                await reader.CheckLineEndsAtAsync(path, offset, cancellationToken);
            }

            return reader;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the next complete line, or returns <see langword="null"/> at the end of what can be read now.</summary>
    public async ValueTask<JsonLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        var tooLong = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return Consume(scanned + newline, lineBreak: 1, tooLong);
            }

            scanned = _end - _start;
            if (scanned > _maxLineBytes)
            {
                // Too long: drop what is buffered and keep looking for the line break, so memory stays bounded.
                tooLong = true;
                _offset += scanned;
                _start = _end;
                scanned = 0;
            }

            if (_endOfFile)
            {
                return (scanned == 0 && !tooLong) || !_fileIsComplete ? null : Consume(scanned, lineBreak: 0, tooLong);
            }

            await FillAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private JsonLine Consume(int length, int lineBreak, bool tooLong)
    {
        var bytes = _buffer.AsMemory(_start, length);
        if (bytes.Span is [.., (byte)'\r'])
        {
            bytes = bytes[..^1];
        }

        _start += length + lineBreak;
        _offset += length + lineBreak;
        _line++;
        return new JsonLine(_line, tooLong ? ReadOnlyMemory<byte>.Empty : bytes, _offset, tooLong);
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxLineBytes + 1));
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _endOfFile = read == 0;
    }

    private async ValueTask SkipByteOrderMarkAsync(CancellationToken cancellationToken)
    {
        while (_end < 3 && !_endOfFile)
        {
            await FillAsync(cancellationToken);
        }

        if (_buffer.AsSpan(0, _end) is [0xEF, 0xBB, 0xBF, ..])
        {
            _start = 3;
            _offset = 3;
        }
    }

    private async ValueTask CheckLineEndsAtAsync(string path, long offset, CancellationToken cancellationToken)
    {
        // A finished file may end without a line break after its last line, which a checkpoint then names by the file's length.
        if (_fileIsComplete && offset == _stream.Length)
        {
            _stream.Seek(offset, SeekOrigin.Begin);
            return;
        }

        var previous = new byte[1];
        if (offset > _stream.Length
            || _stream.Seek(offset - 1, SeekOrigin.Begin) != offset - 1
            || await _stream.ReadAsync(previous, cancellationToken) != 1
            || previous[0] != (byte)'\n')
        {
            throw new InvalidDataException($"No line of {Path.GetFileName(path)} ends at byte {offset}: the export was replaced or rewritten since the checkpoint. Move the checkpoint or restore the file.");
        }
    }
}
