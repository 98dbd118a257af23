using System.Runtime.CompilerServices;

namespace SalesOps.Metrics.Aggregation;

/// <summary>
/// The interned dimension values of one series at one roll-up level (at most four dimensions).
/// Unused positions hold -1.
/// </summary>
internal readonly record struct SeriesKey(int A, int B, int C, int D)
{
    public const int MaxDimensions = 4;

    public static SeriesKey Total { get; } = new(-1, -1, -1, -1);

    public int this[int index] => index switch
    {
        0 => A,
        1 => B,
        2 => C,
        3 => D,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public static SeriesKey From(ReadOnlySpan<int> values)
    {
        return values.Length switch
        {
            0 => Total,
            1 => new SeriesKey(values[0], -1, -1, -1),
            2 => new SeriesKey(values[0], values[1], -1, -1),
            3 => new SeriesKey(values[0], values[1], values[2], -1),
            4 => new SeriesKey(values[0], values[1], values[2], values[3]),
            _ => throw new ArgumentOutOfRangeException(nameof(values)),
        };
    }

    public SeriesKey Prefix(int length)
    {
        return length switch
        {
            0 => Total,
            1 => new SeriesKey(A, -1, -1, -1),
            2 => new SeriesKey(A, B, -1, -1),
            3 => new SeriesKey(A, B, C, -1),
            _ => this,
        };
    }

    // The default record hash combines fields with a weak multiplier; packed interned ids are small
    // sequential integers, so mix them properly to keep dictionary buckets even.
    public override int GetHashCode()
    {
        ulong h = QuickHash.Mix(((ulong)(uint)A << 32) | (uint)B) ^ QuickHash.Mix((((ulong)(uint)C << 32) | (uint)D) + 0x9E3779B97F4A7C15UL);
        return (int)(h ^ (h >> 32));
    }

    public bool Equals(SeriesKey other) => A == other.A && B == other.B && C == other.C && D == other.D;
}
