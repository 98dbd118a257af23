namespace SalesOps.Metrics.Plugins;

/// <summary>Where a <see cref="JsonLinesScoreboardSink"/> appends scoreboards.</summary>
public sealed class JsonLinesSinkOptions
{
    /// <summary>The sink name, unique among sinks. Default <c>jsonl</c>.</summary>
    public string Name { get; set; } = "jsonl";

    /// <summary>The file to append to; created (with its directory) when missing. Required.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Whether corrections are written too (with <c>"kind":"Correction"</c>). Default <see langword="true"/>.</summary>
    public bool IncludeCorrections { get; set; } = true;

    /// <summary>Whether each batch is flushed through to the disk (fsync) rather than to the operating system. Default <see langword="false"/>.</summary>
    public bool FlushToDisk { get; set; }
}
