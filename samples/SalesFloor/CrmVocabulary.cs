namespace SalesOps.Samples.SalesFloor;

/// <summary>The event types and dimensions the simulated CRM sends; salesfloor.json refers to the same words.</summary>
internal static class CrmVocabulary
{
    public const string CallMade = "call.made";
    public const string EmailSent = "email.sent";
    public const string AppointmentSet = "appointment.set";
    public const string AppointmentNoShow = "appointment.no_show";
    public const string DemoHeld = "demo.held";
    public const string OpportunityQualified = "opportunity.qualified";
    public const string DealWon = "deal.won";

    public const string Team = "team";
    public const string Rep = "rep";
    public const string Lead = "lead";
    public const string Region = "region";

    /// <summary>The event types a team produces; a metric over none of them has nothing to say about the team.</summary>
    public static IReadOnlyList<string> TypesOf(string team) => team switch
    {
        SalesFloorRoster.Bdr => [CallMade, EmailSent, AppointmentSet, AppointmentNoShow, OpportunityQualified],
        SalesFloorRoster.Ae => [CallMade, DemoHeld, AppointmentNoShow, DealWon],
        _ => [],
    };
}
