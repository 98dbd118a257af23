namespace SalesOps.Metrics.Definitions;

/// <summary>The two metrics of a ratio metric.</summary>
/// <param name="Numerator">The numerator metric's name.</param>
/// <param name="Denominator">The denominator metric's name.</param>
public sealed record RatioDefinition(string Numerator, string Denominator);
