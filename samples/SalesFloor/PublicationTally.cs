using SalesOps.Metrics;

namespace SalesOps.Samples.SalesFloor;

/// <summary>Counts what <see cref="SalesOpsEngine.Publish"/> returned over the run, the way a sink would see it.</summary>
internal sealed class PublicationTally
{
    private readonly SortedDictionary<string, int> _byMetric = new(StringComparer.Ordinal);

    /// <summary>Regular scoreboards published.</summary>
    public int Regular { get; private set; }

    /// <summary>Correction scoreboards: windows already published that late events changed.</summary>
    public int Corrections { get; private set; }

    /// <summary>Metric windows re-published in corrections.</summary>
    public int CorrectedWindows { get; private set; }

    /// <summary>Target evaluations re-published in corrections.</summary>
    public int CorrectedEvaluations { get; private set; }

    /// <summary>How many regular scoreboards each metric appeared in: its review cadence at work.</summary>
    public IReadOnlyDictionary<string, int> RegularByMetric => _byMetric;

    public void Record(IReadOnlyList<Scoreboard> published)
    {
        ArgumentNullException.ThrowIfNull(published);
        foreach (var scoreboard in published)
        {
            if (scoreboard.Kind == ScoreboardKind.Correction)
            {
                Corrections++;
                CorrectedWindows += scoreboard.Metrics.Count;
                CorrectedEvaluations += scoreboard.Targets.Count;
                continue;
            }

            Regular++;
            foreach (var metric in scoreboard.Metrics.Select(m => m.Metric).Distinct(StringComparer.Ordinal))
            {
                _byMetric[metric] = _byMetric.GetValueOrDefault(metric) + 1;
            }
        }
    }
}
