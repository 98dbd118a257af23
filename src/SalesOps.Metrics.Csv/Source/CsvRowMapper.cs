using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using NodaTime;

namespace SalesOps.Metrics.Csv;

/// <summary>Turns the current record of a reader into an event, or says why it cannot be one.</summary>
internal sealed class CsvRowMapper
{
    private const int MaxQuotedLength = 64;

    private readonly CsvActivitySourceOptions _options;
    private readonly CsvTimeParser _time;

    public CsvRowMapper(CsvActivitySourceOptions options, CsvTimeParser time)
    {
        _options = options;
        _time = time;
    }

    public ActivityEvent? Map(CsvReader reader, CsvLayout layout, long line, out CsvRejectedRow? rejection)
    {
        rejection = Check(reader, line);
        if (rejection is not null)
        {
            return null;
        }

        var id = reader.GetString(layout.Id).Trim();
        if (id.Length == 0)
        {
            rejection = new CsvRejectedRow(line, CsvRejectionReason.MissingId, $"the id ({_options.Columns.Id}) is empty");
            return null;
        }

        var type = reader.GetString(layout.Type).Trim();
        if (type.Length == 0)
        {
            rejection = new CsvRejectedRow(line, CsvRejectionReason.MissingType, $"the type ({_options.Columns.Type}) is empty");
            return null;
        }

        var timeText = reader.GetString(layout.Time).Trim();
        if (!_time.TryParse(timeText, out var occurredAt) || occurredAt == default(Instant))
        {
            rejection = new CsvRejectedRow(
                line,
                CsvRejectionReason.InvalidTime,
                timeText.Length == 0 ? $"the time ({_options.Columns.Time}) is empty" : $"{Quote(timeText)} does not match the time format '{_time.PatternText}'");
            return null;
        }

        double? value = null;
        if (layout.Value >= 0)
        {
            var valueText = reader.GetString(layout.Value).Trim();
            if (valueText.Length > 0)
            {
                if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    rejection = new CsvRejectedRow(line, CsvRejectionReason.InvalidValue, $"{Quote(valueText)} is not a finite number");
                    return null;
                }

                value = number;
            }
        }

        Dictionary<string, string>? dimensions = null;
        foreach (var (column, dimension) in layout.Dimensions)
        {
            var cell = reader.GetString(column).Trim();
            if (cell.Length > 0)
            {
                dimensions ??= new Dictionary<string, string>(layout.Dimensions.Count, StringComparer.Ordinal);
                dimensions[dimension] = cell;
            }
        }

        return new ActivityEvent(id, type, occurredAt, value, dimensions);
    }

    /// <summary>The limits and the encoding, checked on the raw bytes before any field is decoded.</summary>
    private CsvRejectedRow? Check(CsvReader reader, long line)
    {
        var raw = reader.RawRecord;
        if (!Utf8.IsValid(raw))
        {
            return new CsvRejectedRow(line, CsvRejectionReason.InvalidUtf8, $"invalid UTF-8 at byte {FirstInvalidByte(raw).ToString(CultureInfo.InvariantCulture)} of the row");
        }

        if (raw.Length > _options.MaxRecordBytes)
        {
            return new CsvRejectedRow(line, CsvRejectionReason.RecordTooLong, TooLong("the row", raw.Length, _options.MaxRecordBytes));
        }

        var fields = reader.FieldCount;
        if (fields > _options.MaxColumns)
        {
            return new CsvRejectedRow(
                line,
                CsvRejectionReason.TooManyColumns,
                string.Create(CultureInfo.InvariantCulture, $"the row has {fields} fields; at most {_options.MaxColumns} are allowed"));
        }

        for (var i = 0; i < fields; i++)
        {
            var length = reader.GetRawSpan(i).Length;
            if (length > _options.MaxFieldBytes)
            {
                return new CsvRejectedRow(line, CsvRejectionReason.FieldTooLong, TooLong(string.Create(CultureInfo.InvariantCulture, $"field {i + 1}"), length, _options.MaxFieldBytes));
            }
        }

        return null;
    }

    public static string TooLong(string what, long length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} is {length} bytes long; at most {limit} are allowed");

    private static int FirstInvalidByte(ReadOnlySpan<byte> raw)
    {
        var position = 0;
        while (position < raw.Length)
        {
            if (Rune.DecodeFromUtf8(raw[position..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return position + 1;
            }

            position += consumed;
        }

        return position;
    }

    private static string Quote(string text) =>
        text.Length <= MaxQuotedLength ? $"'{text}'" : $"'{text[..MaxQuotedLength]}…' ({text.Length.ToString(CultureInfo.InvariantCulture)} characters)";
}
