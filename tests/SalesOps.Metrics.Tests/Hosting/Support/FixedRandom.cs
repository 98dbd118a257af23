namespace SalesOps.Metrics.Tests.Hosting.Support;

/// <summary>A "random" generator that always draws the same value, so jittered delays are exact in tests.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
