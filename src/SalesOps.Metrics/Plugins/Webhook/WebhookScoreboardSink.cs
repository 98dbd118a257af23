using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesOps.Metrics.Plugins;

/// <summary>
/// Posts to a webhook (chat, an automation service): each change of a target's status, such as "BDR/alice fell behind
/// pace", and optionally each scoreboard, as JSON.
/// </summary>
/// <remarks>
/// <para><b>Bodies.</b> A status change is <c>{"type":"statusChange","text":"BDR/alice fell behind pace","target":…,
/// "member":…,"previous":"OnTrack","status":"Behind",…}</c> (a <see cref="StatusChange"/>; the <c>text</c> field is
/// what chat webhooks show). A scoreboard is <c>{"type":"scoreboard","scoreboard":{…}}</c>. Instants are ISO 8601 in
/// UTC, enums by name.</para>
/// <para><b>Status changes.</b> The sink remembers each target member's status from the regular scoreboards it has
/// seen; the first status of a member is its baseline and is not posted. Corrections do not change statuses.</para>
/// <para><b>Failures.</b> A response that is not a success throws <see cref="HttpRequestException"/>, and the engine
/// retries the batch. A change or scoreboard counts as delivered only once its post succeeded, so a retry posts only
/// what is left.</para>
/// <para><b>Calls.</b> Not safe for concurrent writes, which the engine never makes. The <see cref="HttpClient"/> comes
/// from the factory for each write and is not disposed by the sink.</para>
/// </remarks>
public sealed class WebhookScoreboardSink : IScoreboardSink
{
    private readonly IHttpClientFactory _clients;
    private readonly WebhookSinkOptions _options;
    private readonly Uri _url;
    private readonly Dictionary<(string Target, string? Member), TargetStatus> _statuses = [];
    private readonly DeliveredScoreboards _statusesSeen = new();
    private readonly DeliveredScoreboards _scoreboardsPosted = new();

    /// <summary>Creates a sink.</summary>
    /// <param name="clients">Creates the named <see cref="HttpClient"/> (<see cref="WebhookSinkOptions.ClientName"/>).</param>
    /// <param name="options">Where and what to post; validated here.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; every problem is listed as <c>path: message</c>.</exception>
    public WebhookScoreboardSink(IHttpClientFactory clients, WebhookSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        PluginOptionsValidation.ThrowIfInvalid(WebhookSinkOptionsValidator.Instance, options, options?.Name);
        _clients = clients;
        _options = options!;
        _url = new Uri(_options.Url, UriKind.Absolute);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<Scoreboard> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // Before any status is recorded: a baseline or an unchanged status posts nothing, so without this a cancelled
        // write would return normally having consumed the statuses its retry needs.
        cancellationToken.ThrowIfCancellationRequested();
        var client = _clients.CreateClient(_options.ClientName);
        if (_options.Send.HasFlag(WebhookContent.StatusChanges))
        {
            foreach (var scoreboard in _statusesSeen.New(batch, s => s.Kind == ScoreboardKind.Regular))
            {
                foreach (var evaluation in scoreboard.Targets)
                {
                    var key = (evaluation.Target, evaluation.Member);
                    if (_statuses.TryGetValue(key, out var previous) && previous != evaluation.Status)
                    {
                        await PostAsync(client, Body("statusChange", JsonSerializer.SerializeToNode(StatusChange.Of(evaluation, previous), ScoreboardJsonFormat.Options)), cancellationToken);
                    }

                    _statuses[key] = evaluation.Status;
                }

                _statusesSeen.Delivered(scoreboard);
            }
        }

        if (_options.Send.HasFlag(WebhookContent.Scoreboards))
        {
            foreach (var scoreboard in _scoreboardsPosted.New(batch, s => _options.IncludeCorrections || s.Kind == ScoreboardKind.Regular))
            {
                await PostAsync(client, new JsonObject { ["type"] = "scoreboard", ["scoreboard"] = JsonSerializer.SerializeToNode(scoreboard, ScoreboardJsonFormat.Options) }, cancellationToken);
                _scoreboardsPosted.Delivered(scoreboard);
            }
        }
    }

    private async Task PostAsync(HttpClient client, JsonObject body, CancellationToken cancellationToken)
    {
        // A body of known length: simple receivers (chat hooks, scripts) need not handle chunked requests.
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, ScoreboardJsonFormat.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await client.PostAsync(_url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    // The type first, then the fields of the value, so receivers can tell the posts apart at a glance.
    private static JsonObject Body(string type, JsonNode? value)
    {
        var body = new JsonObject { ["type"] = type };
        if (value is JsonObject fields)
        {
            foreach (var (name, field) in fields.ToList())
            {
                fields.Remove(name);
                body[name] = field;
            }
        }

        return body;
    }
}
