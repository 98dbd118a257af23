using NodaTime;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// Remembers which scoreboards a sink has already delivered, by <see cref="Scoreboard.At"/> and
/// <see cref="Scoreboard.Kind"/>, so a batch delivered again after a failure is not written twice. Scoreboards arrive
/// in order, so the latest instant and the kinds delivered at it are enough.
/// </summary>
internal sealed class DeliveredScoreboards
{
    private readonly HashSet<ScoreboardKind> _kindsAtLatest = [];
    private Instant? _latest;

    /// <summary>The scoreboards of <paramref name="batch"/> not delivered yet (each once), that <paramref name="wanted"/> keeps.</summary>
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

    /// <summary>Records that <paramref name="scoreboard"/> has been delivered.</summary>
    public void Delivered(Scoreboard scoreboard)
    {
        if (_latest != scoreboard.At)
        {
            _latest = scoreboard.At;
            _kindsAtLatest.Clear();
        }

        _kindsAtLatest.Add(scoreboard.Kind);
    }
}
