using NodaTime;

namespace SalesOps.Metrics.Csv;

/// <summary>
/// Remembers which scoreboards a file already holds, by <see cref="Scoreboard.At"/> and <see cref="Scoreboard.Kind"/>,
/// so a batch delivered again after a failure appends nothing twice. Scoreboards arrive in order, so the latest instant
/// and the kinds written at it are enough.
/// </summary>
internal sealed class DeliveredScoreboards
{
    private Instant? _latest;
    private readonly HashSet<ScoreboardKind> _kindsAtLatest = [];

    public List<Scoreboard> New(IReadOnlyList<Scoreboard> batch, Func<Scoreboard, bool> wanted)
    {
        var latest = _latest;
        var kinds = new HashSet<ScoreboardKind>(_kindsAtLatest);
        var result = new List<Scoreboard>(batch.Count);
        foreach (var scoreboard in batch)
        {
            if (latest is { } at && (scoreboard.At < at || (scoreboard.At == at && kinds.Contains(scoreboard.Kind))))
            {
                continue;
            }

            if (latest != scoreboard.At)
            {
                latest = scoreboard.At;
                kinds.Clear();
            }

            kinds.Add(scoreboard.Kind);
            if (wanted(scoreboard))
            {
                result.Add(scoreboard);
            }
        }

        return result;
    }

    public void Written(IReadOnlyList<Scoreboard> batch)
    {
        foreach (var scoreboard in batch)
        {
            if (_latest != scoreboard.At)
            {
                _latest = scoreboard.At;
                _kindsAtLatest.Clear();
            }

            _kindsAtLatest.Add(scoreboard.Kind);
        }
    }
}
