using NodaTime;
using SalesOps.Metrics.Calendar;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.Engine;

namespace SalesOps.Metrics.Targets;

/// <summary>A target as the engine runs it: its metric, its resolved scope and its goal versions.</summary>
internal sealed class TargetRuntime
{
    private readonly List<GoalVersion> _versions;
    private readonly List<Instant> _effective;

    public TargetRuntime(TargetDefinition definition, MetricRuntime metric, SalesCalendar calendar)
    {
        Definition = definition;
        Metric = metric;
        Scope = [.. definition.Scope];
        _versions = [new GoalVersion(LocalDateTime.FromDateTime(DateTime.MinValue), definition.Goal)];
        _effective = [Instant.MinValue];
        foreach (var change in definition.GoalChanges)
        {
            Add(change, calendar);
        }
    }

    public TargetDefinition Definition { get; }

    public string Name => Definition.Name;

    public MetricRuntime Metric { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Scope { get; }

    /// <summary>Every goal version, oldest first; the first applies from the beginning of time.</summary>
    public IReadOnlyList<GoalVersion> Versions => _versions;

    public void Add(GoalVersion version, SalesCalendar calendar)
    {
        var at = calendar.ToInstant(version.EffectiveFrom);
        var index = _effective.BinarySearch(at);
        if (index >= 0)
        {
            // A new goal from the same instant replaces the old one: the last word wins.
            _versions[index] = version;
            return;
        }

        index = ~index;
        _effective.Insert(index, at);
        _versions.Insert(index, version);
    }

    /// <summary>The goal in force at <paramref name="at"/>, and the instant from which it applies (<see langword="null"/> for the first).</summary>
    public (double Goal, Instant? From) GoalAt(Instant at)
    {
        var index = _effective.BinarySearch(at);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (_versions[index].Goal, index == 0 ? null : _effective[index]);
    }

    /// <summary>Where each member's series sits in its aggregator, found once and reused: series ids never change.</summary>
    public Dictionary<string, (Aggregation.MetricAggregator Aggregator, int Level, int Series)> SeriesCache { get; } = new(StringComparer.Ordinal);

    /// <summary>Where the whole scope's series sits (a target without members), once found.</summary>
    public (Aggregation.MetricAggregator Aggregator, int Level, int Series)? ScopeSeries { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> ScopeFor(string? member)
    {
        if (member is null || Definition.Each is null)
        {
            return Scope;
        }

        return [.. Scope, new KeyValuePair<string, string>(Definition.Each, member)];
    }
}
