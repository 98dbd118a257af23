namespace SalesOps.Samples.SalesFloor;

/// <summary>What the simulated CRM handed over, by kind, so the engine's report can be checked against it.</summary>
/// <param name="Deliveries">Records handed over, re-deliveries included.</param>
/// <param name="Late">Well-formed records delivered the next working morning.</param>
/// <param name="Redelivered">Second copies of well-formed records.</param>
/// <param name="Untyped">Records with no event type.</param>
/// <param name="LostAmounts">Records whose amount is not a number.</param>
internal readonly record struct FeedCounts(int Deliveries, int Late, int Redelivered, int Untyped, int LostAmounts)
{
    public static FeedCounts operator +(FeedCounts a, FeedCounts b) => new(
        a.Deliveries + b.Deliveries,
        a.Late + b.Late,
        a.Redelivered + b.Redelivered,
        a.Untyped + b.Untyped,
        a.LostAmounts + b.LostAmounts);
}
