namespace SalesOps.Metrics.Definitions;

/// <summary>A milestone ("first down"): a fraction of the goal due by the end of the n-th sub-period of the period.</summary>
/// <param name="Name">The name, such as "first down".</param>
/// <param name="Fraction">The fraction of the goal due, in (0, 1].</param>
/// <param name="DueGrain">The sub-period unit: day, week or month (finer than the target's grain).</param>
/// <param name="DueCount">
/// Due at the end of this many sub-periods: for weeks, week 1 is the calendar week holding the
/// period's first day, so "end of week 1" is the first week boundary after the period starts.
/// </param>
public sealed record MilestoneDefinition(string Name, double Fraction, Grain DueGrain, int DueCount);
