using System.Diagnostics.Metrics;
using NodaTime;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// Publishes the latest scoreboard as System.Diagnostics.Metrics observable gauges on the meter
/// <c>SalesOps.Metrics.Scoreboard</c>, so the host's OpenTelemetry or Prometheus exporter picks them up.
/// </summary>
/// <remarks>
/// <para><b>Instruments.</b> <c>salesops.metric.value</c>: each metric's total and breakdown values, tagged
/// <c>metric</c>, <c>grain</c> and the breakdown's dimension (such as <c>team=BDR</c>). <c>salesops.target.attainment</c>
/// (actual ÷ goal), <c>salesops.target.pace</c> (actual ÷ expected by now), <c>salesops.target.actual</c> and
/// <c>salesops.target.goal</c>: each target evaluation, tagged <c>target</c>, <c>metric</c>, <c>grain</c>,
/// <c>member</c> (for per-member targets) and the scope's dimensions. A dimension named like one of these tags is tagged
/// <c>dimension.&lt;name&gt;</c>. Values that do not exist (a ratio with a zero denominator, a goal of 0) are not
/// reported.</para>
/// <para><b>Updates.</b> Each regular scoreboard replaces the values of the metrics and targets it holds; the others
/// keep their last values. Corrections (past windows) and scoreboards older than the latest are ignored: gauges show
/// what is true now. Delivering a scoreboard again changes nothing.</para>
/// <para><b>Lifetime.</b> The meter belongs to the <see cref="IMeterFactory"/>, which disposes it with the container.
/// Observation callbacks may run on any thread, concurrently with writes.</para>
/// </remarks>
public sealed class MetricsScoreboardSink : IScoreboardSink
{
    /// <summary>The name of the meter that holds the instruments.</summary>
    public const string MeterName = "SalesOps.Metrics.Scoreboard";

    private readonly ScoreboardMeasurements _measurements = new();
    private readonly Lock _gate = new();
    private Instant? _latest;

    /// <summary>Creates the sink and its instruments.</summary>
    /// <param name="meterFactory">Creates the meter (register it with <c>services.AddMetrics()</c>).</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    public MetricsScoreboardSink(IMeterFactory meterFactory, MetricsSinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        options ??= new MetricsSinkOptions();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(string.Empty, typeof(MetricsSinkOptions), ["name: required"]);
        }

        Name = options.Name;
        var meter = meterFactory.Create(new MeterOptions(MeterName));
        meter.CreateObservableGauge("salesops.metric.value", _measurements.Values, description: "The value of a metric in the current period of a grain.");
        meter.CreateObservableGauge("salesops.target.attainment", () => _measurements.Targets(t => t.Attainment), unit: "1", description: "Actual divided by goal.");
        meter.CreateObservableGauge("salesops.target.pace", () => _measurements.Targets(t => t.Pace), unit: "1", description: "Actual divided by the value expected by now.");
        meter.CreateObservableGauge("salesops.target.actual", () => _measurements.Targets(t => t.Actual), description: "The actual value so far in the period.");
        meter.CreateObservableGauge("salesops.target.goal", () => _measurements.Targets(t => t.Goal), description: "The goal in force.");
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var scoreboard in batch)
        {
            if (scoreboard.Kind != ScoreboardKind.Regular)
            {
                continue;
            }

            lock (_gate)
            {
                if (_latest is { } latest && scoreboard.At < latest)
                {
                    continue;
                }

                _latest = scoreboard.At;
                _measurements.Update(scoreboard);
            }
        }

        return ValueTask.CompletedTask;
    }
}
