using Microsoft.Extensions.Options;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Tests.Definitions;

/// <summary>An options factory that hands out one given definition (its records are init-only, so Configure cannot set them) and runs the validators.</summary>
internal sealed class FixedOptionsFactory(SalesOpsDefinition definition, IEnumerable<IValidateOptions<SalesOpsDefinition>> validations)
    : OptionsFactory<SalesOpsDefinition>([], [], validations)
{
    protected override SalesOpsDefinition CreateInstance(string name) => definition;
}
