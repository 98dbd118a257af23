using FluentValidation;

namespace SalesOps.Metrics.DependencyInjection;

/// <summary>How the hosted service pulls sources and publishes to sinks.</summary>
public sealed class SalesOpsHostingOptions
{
    /// <summary>How often each source is polled when it has nothing new. Default 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most events read from a source at once. Default 1000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long one sink write may take before it is cancelled. Default 30 seconds.</summary>
    public TimeSpan SinkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait before retrying a failing source. Default 5 minutes.</summary>
    public TimeSpan MaxSourceBackoff { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Validates <see cref="SalesOpsHostingOptions"/> at start-up.</summary>
internal sealed class SalesOpsHostingOptionsValidator : AbstractValidator<SalesOpsHostingOptions>
{
    public SalesOpsHostingOptionsValidator()
    {
        RuleFor(o => o.PollInterval).GreaterThan(TimeSpan.Zero);
        RuleFor(o => o.BatchSize).GreaterThan(0);
        RuleFor(o => o.SinkTimeout).GreaterThan(TimeSpan.Zero);
        RuleFor(o => o.MaxSourceBackoff).GreaterThan(TimeSpan.Zero);
    }
}
