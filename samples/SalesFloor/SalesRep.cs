namespace SalesOps.Samples.SalesFloor;

/// <summary>One rep on the floor and the habits the simulation gives them.</summary>
/// <param name="Name">The rep dimension value.</param>
/// <param name="Team">The team dimension value: <see cref="SalesFloorRoster.Bdr"/> or <see cref="SalesFloorRoster.Ae"/>.</param>
/// <param name="Region">The territory whose leads the rep works.</param>
internal sealed record SalesRep(string Name, string Team, string Region)
{
    /// <summary>Dials on an average working day.</summary>
    public double CallsPerDay { get; init; }

    /// <summary>Prospecting emails on an average working day (BDRs).</summary>
    public double EmailsPerDay { get; init; }

    /// <summary>BDR: the chance a call books an appointment. AE: the chance a qualified opportunity is won.</summary>
    public double ConversionRate { get; init; }

    /// <summary>BDR: the chance a held demo turns into a qualified opportunity.</summary>
    public double QualificationRate { get; init; }

    /// <summary>The chance a booked meeting's prospect does not show up.</summary>
    public double NoShowRate { get; init; }

    /// <summary>AE: how the closed amount compares with the pipeline value (negotiation skill).</summary>
    public double DealSizeFactor { get; init; } = 1.0;
}
