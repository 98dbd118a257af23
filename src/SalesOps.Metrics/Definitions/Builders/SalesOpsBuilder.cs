namespace SalesOps.Metrics.Definitions;

/// <summary>Builds a <see cref="SalesOpsDefinition"/> fluently: the calendar, metrics, targets and options.</summary>
/// <remarks>
/// <para><see cref="Build"/> does not validate: pass the result to <see cref="DefinitionValidation.ThrowIfInvalid"/>
/// (the host does so at start-up), which reports every problem at once. Builder methods throw only for missing
/// arguments.</para>
/// <para>The built definition is immutable: later changes to the builder do not affect it. A builder is not safe
/// for concurrent use.</para>
/// </remarks>
public sealed class SalesOpsBuilder
{
    private readonly List<MetricDefinition> _metrics = [];
    private readonly List<TargetDefinition> _targets = [];
    private CalendarDefinition _calendar = new();
    private IngestionOptions _ingestion = new();
    private ScoreboardOptions _scoreboard = new();

    /// <summary>Configures the calendar, starting from the calendar configured so far (UTC, Monday to Friday 09–17, by default).</summary>
    /// <param name="configure">Configures the calendar.</param>
    /// <returns>This builder.</returns>
    public SalesOpsBuilder UseCalendar(Action<CalendarBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var calendar = new CalendarBuilder(_calendar ?? new());
        configure(calendar);
        _calendar = calendar.Build();
        return this;
    }

    /// <summary>Adds a metric.</summary>
    /// <param name="name">The metric's unique name, such as <c>appointments-set</c>.</param>
    /// <param name="configure">Configures the metric.</param>
    /// <returns>This builder.</returns>
    public SalesOpsBuilder AddMetric(string name, Action<MetricBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var metric = new MetricBuilder(name);
        configure(metric);
        _metrics.Add(metric.Build());
        return this;
    }

    /// <summary>Adds a target.</summary>
    /// <param name="name">The target's unique name, such as <c>bdr-opportunities</c>.</param>
    /// <param name="configure">Configures the target.</param>
    /// <returns>This builder.</returns>
    public SalesOpsBuilder AddTarget(string name, Action<TargetBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var target = new TargetBuilder(name);
        configure(target);
        _targets.Add(target.Build());
        return this;
    }

    /// <summary>Replaces the ingestion options with what <paramref name="configure"/> returns for the current ones.</summary>
    /// <param name="configure">Returns the new options, typically <c>o =&gt; o with { MaxSeriesPerMetric = 500 }</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="configure"/> returned <see langword="null"/>.</exception>
    public SalesOpsBuilder ConfigureIngestion(Func<IngestionOptions, IngestionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _ingestion = configure(_ingestion) ?? throw new InvalidOperationException("The ingestion configuration returned null.");
        return this;
    }

    /// <summary>Replaces the scoreboard options with what <paramref name="configure"/> returns for the current ones.</summary>
    /// <param name="configure">Returns the new options, typically <c>o =&gt; o with { Grains = [Grain.Day] }</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="configure"/> returned <see langword="null"/>.</exception>
    public SalesOpsBuilder ConfigureScoreboard(Func<ScoreboardOptions, ScoreboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _scoreboard = configure(_scoreboard) ?? throw new InvalidOperationException("The scoreboard configuration returned null.");
        return this;
    }

    /// <summary>
    /// Merges a definition, such as one read from configuration: its metrics and targets are appended after those
    /// added so far, and its calendar, ingestion and scoreboard options replace the current ones.
    /// </summary>
    /// <param name="definition">The definition to merge.</param>
    /// <returns>This builder.</returns>
    public SalesOpsBuilder AddDefinition(SalesOpsDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _metrics.AddRange(definition.Metrics ?? []);
        _targets.AddRange(definition.Targets ?? []);
        _calendar = definition.Calendar;
        _ingestion = definition.Ingestion;
        _scoreboard = definition.Scoreboard;
        return this;
    }

    /// <summary>Returns the definition built so far, without validating it.</summary>
    /// <returns>An immutable definition.</returns>
    public SalesOpsDefinition Build() => new()
    {
        Calendar = _calendar,
        Metrics = Frozen.List(_metrics),
        Targets = Frozen.List(_targets),
        Ingestion = _ingestion is { Grains: { } grains } ? _ingestion with { Grains = Frozen.List(grains) } : _ingestion,
        Scoreboard = _scoreboard is { Grains: { } shown } ? _scoreboard with { Grains = Frozen.List(shown) } : _scoreboard,
    };
}
