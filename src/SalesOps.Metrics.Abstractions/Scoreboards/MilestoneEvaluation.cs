using NodaTime;

namespace SalesOps.Metrics;

/// <summary>A milestone of a target looked at at an instant.</summary>
/// <param name="Name">The milestone's name, such as "first down".</param>
/// <param name="Fraction">The fraction of the goal due.</param>
/// <param name="Required">The value due: <c>Fraction × Goal</c>.</param>
/// <param name="DueAt">The instant by which it is due (exclusive end of the span it covers).</param>
/// <param name="ActualAtDue">The actual by the due point, or by now when the due point is still ahead.</param>
/// <param name="State">Met, missed or upcoming.</param>
public sealed record MilestoneEvaluation(
    string Name,
    double Fraction,
    double Required,
    Instant DueAt,
    double ActualAtDue,
    MilestoneState State);
