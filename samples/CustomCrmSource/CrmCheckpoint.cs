using System.Globalization;
using SalesOps.Metrics;

namespace SalesOps.Samples.CustomCrmSource;

/// <summary>
/// A position in the export: the file, the number of the last line consumed, and the byte offset just after it, as
/// <c>{file}:{line}:{offset}</c> (<c>crm-export.jsonl:42:6150</c>). The offset lets a read seek straight to the next
/// line, so each read costs its batch, not the file; the line number is for people.
/// </summary>
internal readonly record struct CrmCheckpoint(string File, long Line, long Offset)
{
    public Checkpoint ToCheckpoint() => new(string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Offset}"));

    // Parsed from the right, so that a file name may hold colons.
    public static CrmCheckpoint Parse(Checkpoint checkpoint)
    {
        var text = checkpoint.Value ?? "";
        var offsetColon = text.LastIndexOf(':');
        var lineColon = offsetColon > 0 ? text.LastIndexOf(':', offsetColon - 1) : -1;
        if (lineColon > 0
            && long.TryParse(text.AsSpan(lineColon + 1, offsetColon - lineColon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            && long.TryParse(text.AsSpan(offsetColon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && line > 0
            && offset > 0)
        {
            return new CrmCheckpoint(text[..lineColon], line, offset);
        }

        throw new ArgumentException($"\"{text}\" is not a CRM export checkpoint (file:line:offset).", nameof(checkpoint));
    }
}
