using System.Text.Json;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// Appends scoreboards and corrections to a JSON Lines file: one JSON object per line, camelCase, instants as ISO 8601
/// strings in UTC, enums by name.
/// </summary>
/// <remarks>
/// <para><b>Writes.</b> Each batch is serialised in memory, then appended with one write and flushed (to the disk when
/// <see cref="JsonLinesSinkOptions.FlushToDisk"/> is set), so a reader tailing the file sees whole lines.</para>
/// <para><b>Idempotence.</b> A scoreboard delivered again (same <see cref="Scoreboard.At"/> and
/// <see cref="Scoreboard.Kind"/>) is not appended again while this instance lives.</para>
/// <para><b>Calls.</b> Not safe for concurrent writes, which the engine never makes. The file is opened for each batch,
/// so it may be rotated between batches.</para>
/// </remarks>
public sealed class JsonLinesScoreboardSink : IScoreboardSink
{
    private readonly JsonLinesSinkOptions _options;
    private readonly DeliveredScoreboards _delivered = new();

    /// <summary>Creates a sink.</summary>
    /// <param name="options">The file; validated here.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every problem is listed as <c>path: message</c>.</exception>
    public JsonLinesScoreboardSink(JsonLinesSinkOptions options)
    {
        PluginOptionsValidation.ThrowIfInvalid(JsonLinesSinkOptionsValidator.Instance, options, options?.Name);
        _options = options!;
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // A cancelled write throws even when everything in the batch was already delivered, as the contract says.
        cancellationToken.ThrowIfCancellationRequested();
        var scoreboards = _delivered.New(batch, s => _options.IncludeCorrections || s.Kind == ScoreboardKind.Regular);
        if (scoreboards.Count == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var lines = new MemoryStream();
        foreach (var scoreboard in scoreboards)
        {
            JsonSerializer.Serialize(lines, scoreboard, ScoreboardJsonFormat.Options);
            lines.WriteByte((byte)'\n');
        }

        if (Path.GetDirectoryName(Path.GetFullPath(_options.Path)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using (var file = new FileStream(_options.Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true))
        {
            await file.WriteAsync(lines.GetBuffer().AsMemory(0, (int)lines.Length), cancellationToken);
            if (_options.FlushToDisk)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                await file.FlushAsync(cancellationToken);
            }
        }

        foreach (var scoreboard in scoreboards)
        {
            _delivered.Delivered(scoreboard);
        }
    }
}
