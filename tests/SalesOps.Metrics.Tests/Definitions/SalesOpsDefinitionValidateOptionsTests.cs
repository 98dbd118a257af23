using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SalesOps.Metrics.Definitions;
using static SalesOps.Metrics.Tests.Definitions.SampleDefinitions;

namespace SalesOps.Metrics.Tests.Definitions;

public sealed class SalesOpsDefinitionValidateOptionsTests
{
    private static readonly string[] TwoProblemLines =
    [
        "calendar.zone: unknown time zone 'Mars/Olympus'",
        "targets[0].goal: goal must not be negative (-5)",
    ];

    [Test]
    public void Validate_Invalid_FailsWithEveryPathAndMessage()
    {
        var result = new SalesOpsDefinitionValidateOptions().Validate(Options.DefaultName, DefinitionValidationTests.TwoProblems());

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Is.EqualTo(TwoProblemLines));
    }

    [Test]
    public void Validate_Valid_Succeeds()
    {
        var result = new SalesOpsDefinitionValidateOptions().Validate(Options.DefaultName, Spec());

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void ValidateOnStart_InvalidDefinition_HostStartFailsListingEveryProblem()
    {
        using var host = HostWith(DefinitionValidationTests.TwoProblems());

        var exception = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(CancellationToken.None));

        Assert.That(exception.Failures, Is.EqualTo(TwoProblemLines));
    }

    [Test]
    public async Task ValidateOnStart_ValidDefinition_HostStarts()
    {
        using var host = HostWith(Spec());

        await host.StartAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);

        Assert.That(host.Services.GetRequiredService<IOptions<SalesOpsDefinition>>().Value.Calendar.Zone, Is.EqualTo("America/Denver"));
    }

    private static IHost HostWith(SalesOpsDefinition definition)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IValidateOptions<SalesOpsDefinition>, SalesOpsDefinitionValidateOptions>();
        builder.Services.AddSingleton<IOptionsFactory<SalesOpsDefinition>>(
            services => new FixedOptionsFactory(definition, services.GetServices<IValidateOptions<SalesOpsDefinition>>()));
        builder.Services.AddOptions<SalesOpsDefinition>().ValidateOnStart();
        return builder.Build();
    }
}
