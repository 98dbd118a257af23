using Microsoft.Extensions.Configuration;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Samples.SalesFloor;

/// <summary>Reads the analysts' definitions from salesfloor.json and applies the command line on top.</summary>
internal static class SalesFloorDefinition
{
    public const string FileName = "salesfloor.json";

    /// <exception cref="DefinitionValidationException">The file, or the zone, makes an invalid definition; the message lists every problem.</exception>
    public static SalesOpsDefinition Load(string directory, string zone)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(directory)
            .AddJsonFile(FileName, optional: false, reloadOnChange: false)
            .Build();
        var fromFile = SalesOpsConfigurationReader.Read(configuration.GetSection("SalesOps"));

        // The file was valid on its own; the zone from the command line is checked with everything else, so a bad
        // one gets the library's own message.
        var definition = new SalesOpsBuilder()
            .AddDefinition(fromFile)
            .UseCalendar(calendar => calendar.InZone(zone))
            .Build();
        DefinitionValidation.ThrowIfInvalid(definition);
        return definition;
    }
}
