namespace SalesOps.Metrics.Benchmarks.References;

/// <summary>Count, sum, min and max of one (series, window): 32 bytes, one half cache line.</summary>
internal struct StatCell
{
    public long Count;
    public double Sum;
    public double Min;
    public double Max;

    public static StatCell Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    public void Add(double value)
    {
        Count++;
        Sum += value;
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    public void Merge(in StatCell other)
    {
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }
}
