using System.Runtime.CompilerServices;

namespace SalesOps.Metrics;

/// <summary>
/// A pre-resolved series of one metric: the series id at every roll-up level. Recording through a
/// handle skips dimension look-ups, for producers that resolve their series once and record many times.
/// </summary>
/// <remarks>A handle is valid only for the engine that issued it.</remarks>
public readonly struct SeriesHandle : IEquatable<SeriesHandle>
{
    internal SeriesHandle(int metric, LevelIds levels)
    {
        Metric = metric;
        Levels = levels;
    }

    // The ids first: the record loop copies a handle out of its event and then its ids out of the handle, and a copy
    // that starts where the handle does reads back the very stores that wrote it (one that started four bytes in
    // would straddle two of them, which the processor cannot forward, and wait for both to reach the cache).
    internal LevelIds Levels { get; }

    internal int Metric { get; }

    /// <summary>True when the handle was issued by an engine (not <c>default</c>).</summary>
    public bool IsValid => Metric > 0;

    /// <inheritdoc />
    public bool Equals(SeriesHandle other)
    {
        if (Metric != other.Metric)
        {
            return false;
        }

        for (var i = 0; i < LevelIds.Length; i++)
        {
            if (Levels[i] != other.Levels[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SeriesHandle other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Metric, Levels[0], Levels[1], Levels[2], Levels[3], Levels[4]);

    /// <summary>Compares two handles.</summary>
    /// <param name="left">The first handle.</param>
    /// <param name="right">The second handle.</param>
    /// <returns>Whether they name the same series.</returns>
    public static bool operator ==(SeriesHandle left, SeriesHandle right) => left.Equals(right);

    /// <summary>Compares two handles.</summary>
    /// <param name="left">The first handle.</param>
    /// <param name="right">The second handle.</param>
    /// <returns>Whether they name different series.</returns>
    public static bool operator !=(SeriesHandle left, SeriesHandle right) => !left.Equals(right);
}

/// <summary>The series id of a metric at each roll-up level (the total and up to four group-by dimensions).</summary>
[InlineArray(Length)]
internal struct LevelIds
{
    public const int Length = 5;

    private int _element;
}
