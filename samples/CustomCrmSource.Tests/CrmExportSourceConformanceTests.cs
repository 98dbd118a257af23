using SalesOps.Metrics;
using SalesOps.Metrics.Testing;

namespace SalesOps.Samples.CustomCrmSource.Tests;

/// <summary>
/// The source conformance kit over the CRM export source: each source the kit asks for reads a fresh export file into
/// which the factory first writes the kit's events, as the CRM would.
/// </summary>
[TestFixture]
public sealed class CrmExportSourceConformanceTests : SourceConformanceTests
{
    private readonly CrmExportFiles _files = new();

    protected override IActivitySource CreateSource(IReadOnlyList<ActivityEvent> events) =>
        new CrmExportSource(new CrmExportOptions { Path = _files.Write(events) });

    protected override void CleanUp() => _files.Dispose();
}
