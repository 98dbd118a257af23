namespace SalesOps.Metrics;

/// <summary>Where a target stands.</summary>
/// <remarks>
/// At-least targets use <see cref="Achieved"/>, <see cref="OnTrack"/>, <see cref="AtRisk"/> and
/// <see cref="Behind"/>. At-most targets use <see cref="Breached"/> as soon as the limit is exceeded,
/// <see cref="Within"/> only once the period has ended within the limit, and before that
/// <see cref="OnTrack"/> or <see cref="AtRisk"/> according to the projection.
/// </remarks>
public enum TargetStatus
{
    /// <summary>An at-least target whose actual has reached the goal.</summary>
    Achieved,

    /// <summary>Pace is at or above the on-track threshold (at-most: projected to stay within the limit).</summary>
    OnTrack,

    /// <summary>Pace is between the at-risk and on-track thresholds (at-most: projected to exceed the limit).</summary>
    AtRisk,

    /// <summary>An at-least target whose pace is under the at-risk threshold, or whose period ended short of the goal.</summary>
    Behind,

    /// <summary>An at-most target whose period ended within the limit.</summary>
    Within,

    /// <summary>An at-most target whose actual exceeds the limit.</summary>
    Breached,
}
