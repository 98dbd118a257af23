using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime.Text;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>Reports one source, sink or the publisher from <see cref="SalesOpsStatus"/>.</summary>
/// <remarks>
/// Healthy when its last call succeeded; degraded while it retries or its circuit is half-open; unhealthy when
/// its circuit is open, a call stalled past its timeout, or (a sink) its queue is full and drops scoreboards.
/// </remarks>
internal sealed class PluginHealthCheck(SalesOpsStatus status, PluginKind kind, string name) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Find(kind, name) is not { } plugin)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{Describe(kind, name)} is not registered."));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["kind"] = plugin.Kind.ToString(),
            ["state"] = plugin.State.ToString(),
            ["consecutiveFailures"] = plugin.ConsecutiveFailures,
            ["totalFailures"] = plugin.TotalFailures,
            ["timedOut"] = plugin.TimedOut,
            ["received"] = plugin.Received,
            ["delivered"] = plugin.Delivered,
        };
        if (plugin.Kind == PluginKind.Sink)
        {
            data["dropped"] = plugin.Dropped;
            data["queued"] = plugin.Queued;
            data["inFlight"] = plugin.InFlight;
            data["queueCapacity"] = plugin.QueueCapacity;
        }

        if (plugin.LastError is { } error)
        {
            data["lastError"] = error;
        }

        if (plugin.LastErrorAt is { } at)
        {
            data["lastErrorAt"] = InstantPattern.ExtendedIso.Format(at);
        }

        if (plugin.NextAttemptAt is { } next)
        {
            data["nextAttemptAt"] = InstantPattern.ExtendedIso.Format(next);
        }

        var who = Describe(plugin.Kind, plugin.Name);
        var queueFull = plugin.Kind == PluginKind.Sink && plugin.Queued >= plugin.QueueCapacity;
        var failures = plugin.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture);
        var result = plugin.State switch
        {
            PluginState.Open => HealthCheckResult.Unhealthy($"{who}: circuit open after {failures} failures in a row; {plugin.LastError}", data: data),
            PluginState.Stalled => HealthCheckResult.Unhealthy($"{who}: a call outlived its timeout and ignored cancellation", data: data),
            _ when queueFull => HealthCheckResult.Unhealthy($"{who}: queue full ({plugin.QueueCapacity.ToString(CultureInfo.InvariantCulture)}), dropping the oldest scoreboards", data: data),
            PluginState.Retrying => HealthCheckResult.Degraded($"{who}: retrying after {failures} failures in a row; {plugin.LastError}", data: data),
            PluginState.HalfOpen => HealthCheckResult.Degraded($"{who}: circuit half-open, probing after {failures} failures in a row; {plugin.LastError}", data: data),
            _ => HealthCheckResult.Healthy($"{who}: healthy", data),
        };
        return Task.FromResult(result);
    }

    private static string Describe(PluginKind kind, string name) => kind switch
    {
        PluginKind.Publisher => "publisher",
        _ => $"{kind.ToString().ToLowerInvariant()} '{name}'",
    };
}
