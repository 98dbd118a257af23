using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace SalesOps.Metrics.Csv;

/// <summary>
/// Finds line breaks in the file's bytes with a small fixed buffer, so a line of any length is passed over in bounded
/// memory. A line break is LF, CR or CR LF, as the reader counts them; a UTF-8 file has no other bytes with these values.
/// </summary>
internal static class CsvLineScanner
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly SearchValues<byte> Breaks = SearchValues.Create("\r\n"u8);

    /// <summary>The position just after the line that starts at or before <paramref name="offset"/>, and how long that line is from there.</summary>
    public static async ValueTask<(CsvPosition Next, long Skipped)> SkipLineAsync(SafeFileHandle file, long offset, long line, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var position = offset;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, ChunkBytes), position, cancellationToken);
                if (read == 0)
                {
                    return (new CsvPosition(position, line), position - offset);
                }

                var index = buffer.AsSpan(0, read).IndexOfAny(Breaks);
                if (index >= 0)
                {
                    var end = position + index;
                    return (await AfterBreakAsync(file, end, line, cancellationToken), end - offset);
                }

                position += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The position after the line break at <paramref name="offset"/> (or the same position at the end of the file).</summary>
    public static async ValueTask<CsvPosition> AfterBreakAsync(SafeFileHandle file, long offset, long line, CancellationToken cancellationToken)
    {
        var two = new byte[2];
        var read = await RandomAccess.ReadAsync(file, two, offset, cancellationToken);
        return read switch
        {
            0 => new CsvPosition(offset, line),
            _ when two[0] == (byte)'\r' && read == 2 && two[1] == (byte)'\n' => new CsvPosition(offset + 2, line + 1),
            _ when two[0] is (byte)'\r' or (byte)'\n' => new CsvPosition(offset + 1, line + 1),
            _ => throw new InvalidDataException("The file changed while it was read: a row no longer ends where it did."),
        };
    }

    /// <summary>The position <paramref name="end"/> with its line number: <paramref name="from"/>'s line plus the line breaks between them.</summary>
    public static async ValueTask<CsvPosition> AdvanceAsync(SafeFileHandle file, CsvPosition from, long end, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var line = from.Line;
            var position = from.Offset;
            var previousWasCr = false;
            while (position < end)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(ChunkBytes, end - position)), position, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b == (byte)'\n')
                    {
                        line += previousWasCr ? 0 : 1;
                    }
                    else if (b == (byte)'\r')
                    {
                        line++;
                    }

                    previousWasCr = b == (byte)'\r';
                }

                position += read;
            }

            return new CsvPosition(position, line);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
