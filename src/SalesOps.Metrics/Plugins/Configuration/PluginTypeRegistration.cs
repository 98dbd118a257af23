using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// A plugin type that configuration may name (<c>"Type": "csv"</c>): binds its options from the item's section,
/// validates them and creates the plugin, reporting every problem at the item's path.
/// </summary>
internal sealed class PluginTypeRegistration
{
    private readonly Func<IServiceProvider, IConfigurationSection, string, List<DefinitionError>, object?> _create;

    private PluginTypeRegistration(ConfiguredPluginKind kind, string type, bool builtIn, Func<IServiceProvider, IConfigurationSection, string, List<DefinitionError>, object?> create)
    {
        Kind = kind;
        Type = type;
        BuiltIn = builtIn;
        _create = create;
    }

    public ConfiguredPluginKind Kind { get; }

    public string Type { get; }

    /// <summary>Whether the library registered it; a type the application registers under the same name wins.</summary>
    public bool BuiltIn { get; }

    public static PluginTypeRegistration For<TOptions, TPlugin>(ConfiguredPluginKind kind, string type, bool builtIn, Func<IServiceProvider, TOptions, TPlugin> create)
        where TOptions : class, new()
        where TPlugin : class
        => new(kind, type, builtIn, (services, section, path, errors) =>
        {
            var before = errors.Count;
            var options = (TOptions)PluginOptionsBinder.Bind(typeof(TOptions), section, path, ["type"], errors);
            if (errors.Count > before)
            {
                return null;
            }

            foreach (var validator in services.GetServices<IValidateOptions<TOptions>>())
            {
                if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
                {
                    AddFailures(errors, path, result.Failures ?? [result.FailureMessage]);
                }
            }

            if (errors.Count > before)
            {
                return null;
            }

            try
            {
                return create(services, options);
            }
            catch (OptionsValidationException exception)
            {
                AddFailures(errors, path, exception.Failures);
                return null;
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or NotSupportedException or UnauthorizedAccessException)
            {
                errors.Add(new DefinitionError(path, $"cannot be created: {exception.Message}"));
                return null;
            }
        });

    public object? Create(IServiceProvider services, IConfigurationSection section, string path, List<DefinitionError> errors) =>
        _create(services, section, path, errors);

    // A failure reads "columns.id: required"; its path is relative to the item.
    private static void AddFailures(List<DefinitionError> errors, string path, IEnumerable<string> failures)
    {
        foreach (var failure in failures)
        {
            var colon = failure.IndexOf(": ", StringComparison.Ordinal);
            var relative = colon > 0 ? failure[..colon] : null;
            errors.Add(relative is not null && !relative.Contains(' ', StringComparison.Ordinal)
                ? new DefinitionError($"{path}.{relative}", failure[(colon + 2)..])
                : new DefinitionError(path, failure));
        }
    }
}
