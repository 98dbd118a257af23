namespace SalesOps.Metrics.Engine;

/// <summary>Mutable counters behind an <see cref="IngestionReport"/>.</summary>
internal sealed class IngestionCounters
{
    private readonly long[] _rejected = new long[Enum.GetValues<RejectionReason>().Length];

    public long Received { get; set; }

    public long Applied { get; set; }

    public long Duplicates { get; set; }

    public long Late { get; set; }

    public long LateBeyondLateness { get; set; }

    public long Held { get; set; }

    public long Unmatched { get; set; }

    public void Reject(RejectionReason reason) => _rejected[(int)reason]++;

    public void Add(IngestionCounters other)
    {
        Received += other.Received;
        Applied += other.Applied;
        Duplicates += other.Duplicates;
        Late += other.Late;
        LateBeyondLateness += other.LateBeyondLateness;
        Held += other.Held;
        Unmatched += other.Unmatched;
        for (var i = 0; i < _rejected.Length; i++)
        {
            _rejected[i] += other._rejected[i];
        }
    }

    public IngestionReport ToReport()
    {
        var reasons = new Dictionary<RejectionReason, long>();
        for (var i = 0; i < _rejected.Length; i++)
        {
            if (_rejected[i] != 0)
            {
                reasons[(RejectionReason)i] = _rejected[i];
            }
        }

        return new IngestionReport
        {
            Received = Received,
            Applied = Applied,
            Duplicates = Duplicates,
            RejectedByReason = reasons,
            Late = Late,
            LateBeyondLateness = LateBeyondLateness,
            Held = Held,
            Unmatched = Unmatched,
        };
    }
}
