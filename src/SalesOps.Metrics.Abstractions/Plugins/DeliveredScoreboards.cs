using NodaTime;

namespace SalesOps.Metrics;

/// <summary>
/// Remembers which scoreboards a sink has already delivered, by <see cref="Scoreboard.At"/> and
/// <see cref="Scoreboard.Kind"/>, so a batch delivered again after a failure is not written twice. Scoreboards
/// arrive in order, so the latest instant and the kinds delivered at it are enough.
/// </summary>
/// <remarks>
/// For sink authors. Not thread-safe: the engine never calls a sink concurrently. The memory lasts as long as the
/// instance; a sink that must stay idempotent across restarts keys what it stores by instant and kind as well.
/// </remarks>
public sealed class DeliveredScoreboards
{
    private readonly HashSet<ScoreboardKind> _kindsAtLatest = [];
    private Instant? _latest;

    /// <summary>The scoreboards of <paramref name="batch"/> not delivered yet (each once), that <paramref name="wanted"/> keeps.</summary>
    /// <param name="batch">The batch given to the sink.</param>
    /// <param name="wanted">Which scoreboards the sink writes at all (for example, regular ones only).</param>
    /// <returns>The scoreboards to write, in order.</returns>
    public List<Scoreboard> New(IReadOnlyList<Scoreboard> batch, Func<Scoreboard, bool> wanted)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(wanted);
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
    /// <param name="scoreboard">The scoreboard written.</param>
    public void Delivered(Scoreboard scoreboard)
    {
        ArgumentNullException.ThrowIfNull(scoreboard);
        if (_latest != scoreboard.At)
        {
            _latest = scoreboard.At;
            _kindsAtLatest.Clear();
        }

        _kindsAtLatest.Add(scoreboard.Kind);
    }

    /// <summary>Records that every scoreboard of <paramref name="batch"/> has been delivered.</summary>
    /// <param name="batch">The scoreboards written, in order.</param>
    public void Delivered(IReadOnlyList<Scoreboard> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var scoreboard in batch)
        {
            Delivered(scoreboard);
        }
    }
}
