using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesOps.Metrics;
using SalesOps.Metrics.DependencyInjection;
using SalesOps.Metrics.Plugins;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Sources and sinks named in configuration: <c>"Sources": [{ "Type": "csv", "Path": "…" }]</c> and
/// <c>"Sinks": [{ "Type": "jsonl", "Path": "…" }]</c>, resolved through plugin types registered here.
/// </summary>
/// <remarks>
/// <para>Built-in types: the source <c>sql</c> (<see cref="SqlActivitySource"/>; its <c>Provider</c> names a
/// <see cref="DbProviderFactory"/> registered as a keyed service) and the sinks <c>jsonl</c>
/// (<see cref="JsonLinesScoreboardSink"/>), <c>metrics</c> (<see cref="MetricsScoreboardSink"/>) and <c>webhook</c>
/// (<see cref="WebhookScoreboardSink"/>). Other packages' plugins are added with
/// <see cref="AddSourceType{TOptions}"/> and <see cref="AddSinkType{TOptions}"/>, such as
/// <c>ops.AddSourceType&lt;CsvActivitySourceOptions&gt;("csv", (sp, o) =&gt; new CsvActivitySource(o))</c> (which the CSV
/// package's <c>AddCsvPluginTypes()</c> does). A type the
/// application registers replaces a built-in one of the same name.</para>
/// <para>Each item's settings other than <c>Type</c> bind to the type's options by name, ignoring case. The items are
/// created once, at start-up: every unknown type, unknown setting, unreadable value, option the plugin refuses and
/// duplicate name is reported together in one <see cref="SalesOps.Metrics.Definitions.DefinitionValidationException"/>
/// whose paths point into the section (<c>sources[0].path: required</c>). The section is read once; later changes to
/// it have no effect.</para>
/// </remarks>
public static class SalesOpsPluginConfigurationExtensions
{
    /// <summary>Lets configuration name a source type: <c>{ "Type": "<paramref name="type"/>", … }</c>.</summary>
    /// <typeparam name="TOptions">The options the item's settings bind to.</typeparam>
    /// <param name="builder">The SalesOps builder.</param>
    /// <param name="type">The type name, matched ignoring case.</param>
    /// <param name="create">
    /// Creates the source from its bound options. It may throw <see cref="OptionsValidationException"/> whose failures
    /// read <c>path: message</c> (relative to the item); they are reported at the item's path. Any
    /// <see cref="IValidateOptions{TOptions}"/> registered in the container runs first.
    /// </param>
    /// <returns>The builder.</returns>
    public static SalesOpsMetricsBuilder AddSourceType<TOptions>(this SalesOpsMetricsBuilder builder, string type, Func<IServiceProvider, TOptions, IActivitySource> create)
        where TOptions : class, new()
        => AddType(builder, ConfiguredPluginKind.Source, type, builtIn: false, create);

    /// <summary>Lets configuration name a sink type: <c>{ "Type": "<paramref name="type"/>", … }</c>.</summary>
    /// <typeparam name="TOptions">The options the item's settings bind to.</typeparam>
    /// <param name="builder">The SalesOps builder.</param>
    /// <param name="type">The type name, matched ignoring case.</param>
    /// <param name="create">Creates the sink from its bound options; see <see cref="AddSourceType{TOptions}"/> for how its errors are reported.</param>
    /// <returns>The builder.</returns>
    public static SalesOpsMetricsBuilder AddSinkType<TOptions>(this SalesOpsMetricsBuilder builder, string type, Func<IServiceProvider, TOptions, IScoreboardSink> create)
        where TOptions : class, new()
        => AddType(builder, ConfiguredPluginKind.Sink, type, builtIn: false, create);

    /// <summary>
    /// Adds the sources and sinks listed under <c>Sources</c> and <c>Sinks</c> in <paramref name="section"/> (usually the
    /// same <c>SalesOps</c> section that holds the definitions), validated when the host starts.
    /// </summary>
    /// <param name="builder">The SalesOps builder.</param>
    /// <param name="section">The section that holds the <c>Sources</c> and <c>Sinks</c> lists.</param>
    /// <returns>The builder.</returns>
    public static SalesOpsMetricsBuilder AddPluginsFromConfiguration(this SalesOpsMetricsBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var services = builder.Services;
        AddBuiltInTypes(builder);

        var key = "SalesOps.Metrics.ConfiguredPlugins." + services.Count(d => d.ServiceType == typeof(ConfiguredPlugins)).ToString(CultureInfo.InvariantCulture);
        services.AddKeyedSingleton(key, (sp, _) => ConfiguredPlugins.Create(sp, section));
        for (var i = 0; i < ConfiguredPlugins.Count(section, ConfiguredPluginKind.Source); i++)
        {
            var index = i;
            services.AddSingleton(sp => sp.GetRequiredKeyedService<ConfiguredPlugins>(key).Sources[index]);
        }

        for (var i = 0; i < ConfiguredPlugins.Count(section, ConfiguredPluginKind.Sink); i++)
        {
            var index = i;
            services.AddSingleton(sp => sp.GetRequiredKeyedService<ConfiguredPlugins>(key).Sinks[index]);
        }

        // Creating the plugins when the host starts reports bad configuration then, even when nothing else asks for them.
        services.AddOptions<PluginsCreated>(key)
            .Validate<IServiceProvider>((_, sp) => sp.GetRequiredKeyedService<ConfiguredPlugins>(key) is not null)
            .ValidateOnStart();
        return builder;
    }

    private static void AddBuiltInTypes(SalesOpsMetricsBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(PluginTypeRegistration) && d.ImplementationInstance is PluginTypeRegistration { BuiltIn: true }))
        {
            return;
        }

        services.AddMetrics();
        services.AddHttpClient();
        AddType<SqlActivitySourceOptions, IActivitySource>(builder, ConfiguredPluginKind.Source, "sql", builtIn: true, CreateSqlSource);
        AddType<JsonLinesSinkOptions, IScoreboardSink>(builder, ConfiguredPluginKind.Sink, "jsonl", builtIn: true, (_, options) => new JsonLinesScoreboardSink(options));
        AddType<MetricsSinkOptions, IScoreboardSink>(builder, ConfiguredPluginKind.Sink, "metrics", builtIn: true, (sp, options) => new MetricsScoreboardSink(sp.GetRequiredService<IMeterFactory>(), options));
        AddType<WebhookSinkOptions, IScoreboardSink>(builder, ConfiguredPluginKind.Sink, "webhook", builtIn: true, (sp, options) => new WebhookScoreboardSink(sp.GetRequiredService<IHttpClientFactory>(), options));
    }

    private static SqlActivitySource CreateSqlSource(IServiceProvider services, SqlActivitySourceOptions options)
    {
        // The provider and the options are both checked, so every problem is reported together.
        var failures = new List<string>();
        DbProviderFactory? factory = null;
        if (string.IsNullOrWhiteSpace(options.Provider))
        {
            failures.Add("provider: required: the key of a DbProviderFactory registered with services.AddKeyedSingleton<DbProviderFactory>(key, factory)");
        }
        else
        {
            factory = services.GetKeyedService<DbProviderFactory>(options.Provider);
            if (factory is null)
            {
                failures.Add($"provider: no DbProviderFactory is registered under the key '{options.Provider}'");
            }
        }

        try
        {
            SqlActivitySourceOptionsValidation.Validate(options);
        }
        catch (OptionsValidationException exception)
        {
            failures.AddRange(exception.Failures);
        }

        return factory is null || failures.Count > 0
            ? throw new OptionsValidationException(options.Name ?? string.Empty, typeof(SqlActivitySourceOptions), failures)
            : new SqlActivitySource(factory, options, services.GetService<ILogger<SqlActivitySource>>());
    }

    private static SalesOpsMetricsBuilder AddType<TOptions, TPlugin>(SalesOpsMetricsBuilder builder, ConfiguredPluginKind kind, string type, bool builtIn, Func<IServiceProvider, TOptions, TPlugin> create)
        where TOptions : class, new()
        where TPlugin : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(create);
        builder.Services.AddSingleton(PluginTypeRegistration.For(kind, type.Trim(), builtIn, create));
        return builder;
    }

    /// <summary>The options whose start-up validation creates the configured plugins.</summary>
    private sealed class PluginsCreated;
}
