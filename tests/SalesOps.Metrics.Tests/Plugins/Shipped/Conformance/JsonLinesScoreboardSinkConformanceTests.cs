using System.Text.Json;
using SalesOps.Metrics.Plugins;
using SalesOps.Metrics.Testing;
using SalesOps.Metrics.Tests.Plugins.Shipped.Support;

namespace SalesOps.Metrics.Tests.Plugins.Shipped.Conformance;

/// <summary>
/// The sink conformance kit over the JSON Lines sink, each sink appending to a fresh file, read back by parsing every
/// line of the file in the published JSON format.
/// </summary>
[TestFixture]
public sealed class JsonLinesScoreboardSinkConformanceTests : SinkConformanceTests
{
    // Disposed in CleanUp, which the kit runs after each test once its sinks are disposed.
    private readonly List<TempDirectory> _files = [];
    private readonly Dictionary<IScoreboardSink, string> _paths = [];

    protected override IScoreboardSink CreateSink()
    {
        var files = new TempDirectory();
        _files.Add(files);
        var path = files.File("out/board.jsonl");
        var sink = new JsonLinesScoreboardSink(new JsonLinesSinkOptions { Path = path });
        _paths.Add(sink, path);
        return sink;
    }

    protected override IReadOnlyList<Scoreboard>? ReadBack(IScoreboardSink sink)
    {
        var path = _paths[sink];
        if (!File.Exists(path))
        {
            return [];
        }

        return [.. File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<Scoreboard>(line, ScoreboardJsonFormat.Options)
                ?? throw new InvalidDataException($"A line of '{path}' is null."))];
    }

    protected override void CleanUp()
    {
        _paths.Clear();
        _files.ForEach(f => f.Dispose());
        _files.Clear();
    }
}
