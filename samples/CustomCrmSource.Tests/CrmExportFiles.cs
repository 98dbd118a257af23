using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime.Text;
using SalesOps.Metrics;

namespace SalesOps.Samples.CustomCrmSource.Tests;

/// <summary>Writes activity events as the CRM exports them (the inverse of the source's default mapping), in temporary folders it deletes.</summary>
internal sealed class CrmExportFiles : IDisposable
{
    private static readonly Dictionary<string, string> KindOfType = new(StringComparer.Ordinal)
    {
        ["call.made"] = "Call",
        ["appointment.set"] = "Appointment",
        ["opportunity.qualified"] = "QualifiedOpportunity",
        ["deal.won"] = "ClosedWon",
    };

    private static readonly Dictionary<string, string> FieldOfDimension = new(StringComparer.Ordinal)
    {
        ["rep"] = "owner",
        ["team"] = "team",
        ["account"] = "account",
    };

    // Writes non-ASCII letters as raw UTF-8, as CRMs do, rather than as \u escapes.
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<string> _folders = [];

    /// <summary>A new empty folder in the temporary folder.</summary>
    public string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    /// <summary>Writes <paramref name="events"/> to <c>crm-export.jsonl</c> in a new folder and returns the file's path.</summary>
    public string Write(IEnumerable<ActivityEvent> events)
    {
        var path = Path.Combine(NewFolder(), "crm-export.jsonl");
        File.WriteAllText(path, Lines(events), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>The export lines of <paramref name="events"/>, each ended by a line break.</summary>
    public static string Lines(IEnumerable<ActivityEvent> events)
    {
        var text = new StringBuilder();
        foreach (var activity in events)
        {
            text.Append(Line(activity)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One export line: <c>{"id":…,"kind":…,"at":…,"amount":…,"owner":…,"team":…,"account":…}</c>.</summary>
    public static string Line(ActivityEvent activity)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            json.WriteStartObject();
            json.WriteString("id", activity.Id);
            json.WriteString("kind", KindOfType[activity.Type]);
            json.WriteString("at", InstantPattern.ExtendedIso.Format(activity.OccurredAt));
            if (activity.Value is { } amount)
            {
                json.WriteNumber("amount", amount);
            }
            else
            {
                json.WriteNull("amount");
            }

            foreach (var (dimension, value) in activity.Dimensions)
            {
                json.WriteString(FieldOfDimension[dimension], value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        _folders.Clear();
    }
}
