namespace SalesOps.Samples.SalesFloor;

/// <summary>The two teams and their reps, with skills drawn from the seed so every seed has its own stars and strugglers.</summary>
internal sealed class SalesFloorRoster
{
    public const string Bdr = "BDR";
    public const string Ae = "AE";

    private static readonly string[] BdrNames = ["alice", "bruno", "chloe", "dmitri", "esme", "farid", "gwen", "hugo", "ines", "jonas", "kira", "leo"];
    private static readonly string[] AeNames = ["maya", "nikolai", "olivia", "priya", "quentin", "rosa", "sven", "tariq", "uma", "victor", "wen", "yara"];
    private static readonly string[] Regions = ["West", "Mountain", "Central", "East"];

    private SalesFloorRoster(IReadOnlyList<SalesRep> bdrs, IReadOnlyList<SalesRep> aes)
    {
        Bdrs = bdrs;
        Aes = aes;
    }

    public static IReadOnlyList<string> Teams { get; } = [Ae, Bdr];

    public IReadOnlyList<SalesRep> Bdrs { get; }

    public IReadOnlyList<SalesRep> Aes { get; }

    public static SalesFloorRoster Create(int repsPerTeam, DeterministicRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(repsPerTeam, BdrNames.Length);
        ArgumentNullException.ThrowIfNull(random);

        // Skills are spread evenly from weak to strong and then shuffled, so even a small team has a visible range.
        var bdrSkills = SpreadSkills(repsPerTeam, random);
        var bdrHustle = SpreadSkills(repsPerTeam, random);
        var bdrs = Enumerable.Range(0, repsPerTeam).Select(i => new SalesRep(BdrNames[i], Bdr, Regions[i % Regions.Length])
        {
            CallsPerDay = 78 * bdrHustle[i],
            EmailsPerDay = 34 * random.Between(0.8, 1.2),
            ConversionRate = 0.029 * bdrSkills[i],
            QualificationRate = Math.Min(0.9, 0.62 * Math.Sqrt(bdrSkills[i]) * random.Between(0.9, 1.1)),
            NoShowRate = random.Between(0.10, 0.25),
        }).ToList();

        var aeSkills = SpreadSkills(repsPerTeam, random);
        var aes = Enumerable.Range(0, repsPerTeam).Select(i => new SalesRep(AeNames[i], Ae, Regions[i % Regions.Length])
        {
            CallsPerDay = random.Between(14, 26),
            ConversionRate = 0.30 * aeSkills[i],
            NoShowRate = random.Between(0.06, 0.14),
            DealSizeFactor = random.Between(0.85, 1.1),
        }).ToList();

        return new SalesFloorRoster(bdrs, aes);
    }

    /// <summary>The reps of a team, in name order.</summary>
    public IReadOnlyList<SalesRep> TeamOf(string team) => team switch
    {
        Bdr => Bdrs,
        Ae => Aes,
        _ => [],
    };

    private static double[] SpreadSkills(int count, DeterministicRandom random)
    {
        var skills = Enumerable.Range(0, count)
            .Select(i => (count == 1 ? 1.0 : 0.65 + (0.7 * i / (count - 1))) * random.Between(0.92, 1.08))
            .ToArray();
        for (var i = skills.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (skills[i], skills[j]) = (skills[j], skills[i]);
        }

        return skills;
    }
}
