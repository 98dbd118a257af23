namespace SalesOps.Metrics;

/// <summary>Whether a target is a floor or a ceiling.</summary>
public enum TargetDirection
{
    /// <summary>The actual should reach the goal (appointments, revenue).</summary>
    AtLeast,

    /// <summary>The actual must stay at or under the goal (response time, churn).</summary>
    AtMost,
}
