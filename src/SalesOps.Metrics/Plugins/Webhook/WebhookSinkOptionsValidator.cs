using FluentValidation;
using SalesOps.Metrics.Definitions;

namespace SalesOps.Metrics.Plugins;

/// <summary>Validates <see cref="WebhookSinkOptions"/>.</summary>
internal sealed class WebhookSinkOptionsValidator : AbstractValidator<WebhookSinkOptions>
{
    public static WebhookSinkOptionsValidator Instance { get; } = new();

    private WebhookSinkOptionsValidator()
    {
        RuleFor(o => o.Name).Named("name").Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("required");
        RuleFor(o => o.Url).Named("url").Custom((url, context) =>
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                context.Fail("required");
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                context.Fail($"'{url}' is not an absolute http or https address");
            }
        });
        RuleFor(o => o.ClientName).Named("clientName").Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("required");
        RuleFor(o => o.Send).Named("send").Custom((send, context) =>
        {
            if (send == WebhookContent.None || (send & ~(WebhookContent.StatusChanges | WebhookContent.Scoreboards)) != 0)
            {
                context.Fail("choose StatusChanges, Scoreboards or both ('StatusChanges, Scoreboards')");
            }
        });
    }
}
