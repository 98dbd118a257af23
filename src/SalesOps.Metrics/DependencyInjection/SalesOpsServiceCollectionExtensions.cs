using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesOps.Metrics;
using SalesOps.Metrics.Definitions;
using SalesOps.Metrics.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SalesOps.Metrics in a service collection.</summary>
public static class SalesOpsServiceCollectionExtensions
{
    /// <summary>Adds the engine, the hosted service that pulls sources and publishes to sinks, and the definitions built in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Builds the definitions and registers plugins.</param>
    /// <returns>The service collection.</returns>
    /// <remarks>
    /// Time comes from the registered <see cref="TimeProvider"/> (the system one unless the application registers
    /// another, such as a fake in tests). The definition is validated when the engine is first resolved, which the
    /// hosted service does at start-up: an invalid definition stops the host with one exception listing every problem.
    /// A registered <see cref="IMetricStore"/> (see <see cref="SalesOpsMetricsBuilder.UseStore{TStore}"/>) makes the
    /// engine durable; without one everything stays in memory.
    /// Each sink is written by its own worker through a bounded queue with timeouts, retries and a circuit breaker
    /// (see <see cref="SalesOpsHostingOptions"/>); no plugin failure reaches the host. <see cref="SalesOpsStatus"/>
    /// shows every plugin's state, <c>AddHealthChecks().AddSalesOpsHealthChecks()</c> reports it, and self-metrics
    /// are published on the meter <c>SalesOps.Metrics</c> of the registered <c>IMeterFactory</c>.
    /// </remarks>
    public static IServiceCollection AddSalesOpsMetrics(this IServiceCollection services, Action<SalesOpsMetricsBuilder> configure) =>
        AddSalesOpsMetrics(services, configuration: null, configure);

    /// <summary>Adds SalesOps.Metrics with definitions read from configuration (a JSON section), optionally extended in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <c>Calendar</c>, <c>Metrics</c>, <c>Targets</c>, <c>Ingestion</c> and <c>Scoreboard</c>.</param>
    /// <param name="configure">Adds definitions and plugins in code; may be <see langword="null"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSalesOpsMetrics(this IServiceCollection services, IConfiguration? configuration, Action<SalesOpsMetricsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new SalesOpsMetricsBuilder(services);
        configure?.Invoke(builder);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock>(sp => new TimeProviderClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ =>
        {
            var definitions = new SalesOpsBuilder();
            if (configuration is not null)
            {
                definitions.AddDefinition(SalesOpsConfigurationReader.Read(configuration));
            }

            return builder.BuildDefinitions(definitions).Build();
        });
        services.TryAddSingleton(sp => new SalesOpsEngine(
            sp.GetRequiredService<SalesOpsDefinition>(),
            sp.GetRequiredService<IClock>(),
            sp.GetService<IMetricStore>()));
        services.TryAddSingleton<PluginSupervisor>();
        services.TryAddSingleton(sp => new SalesOpsStatus(sp.GetRequiredService<PluginSupervisor>()));
        services.AddOptions<SalesOpsHostingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SalesOpsHostingOptions>, HostingOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SalesOpsHostedService>());
        return services;
    }

    private sealed class HostingOptionsValidation : IValidateOptions<SalesOpsHostingOptions>
    {
        private readonly SalesOpsHostingOptionsValidator _validator = new();

        public ValidateOptionsResult Validate(string? name, SalesOpsHostingOptions options)
        {
            var result = _validator.Validate(options);
            return result.IsValid
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(result.Errors.Select(e => $"hosting.{char.ToLowerInvariant(e.PropertyName[0])}{e.PropertyName[1..]}: {e.ErrorMessage}"));
        }
    }
}
