using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Scheduling;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KazBriefBot.Host.Slack;

/// <summary>The outcome of one Slack Web API call (after the resilience pipeline's retries).</summary>
public sealed record SlackApiResult(bool Ok, string? Error = null, string? Ts = null, HttpStatusCode? Status = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Slack errors meaning the bot may no longer post to that conversation: its subscription is paused.</summary>
    public static readonly IReadOnlySet<string> BlockingErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "account_inactive", "is_archived",
    };

    private static readonly HashSet<string> TransientErrors = new(StringComparer.Ordinal)
    {
        "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout",
    };

    /// <summary>Maps the result to the channel-neutral delivery outcome the scheduler understands.</summary>
    public DeliveryResult ToDelivery() =>
        Ok ? DeliveryResult.Delivered
        : Error is not null && BlockingErrors.Contains(Error) ? new DeliveryResult(DeliveryOutcome.Blocked, Error)
        : new DeliveryResult(DeliveryOutcome.RetryLater, Error ?? Status?.ToString(), RetryAfter);

    /// <summary>True when retrying later may succeed.</summary>
    public bool IsTransient => !Ok && (Status is null || (int)Status >= 500 || Status == HttpStatusCode.TooManyRequests
        || (Error is not null && TransientErrors.Contains(Error)));
}

/// <summary>Typed client for the Slack Web API (base Slack:ApiBaseUrl, bearer Slack:BotToken) and for response_url posts.</summary>
public sealed partial class SlackApiClient(HttpClient http, IOptionsMonitor<SlackOptions> options, ILogger<SlackApiClient> logger)
{
    /// <summary>chat.postMessage: posts a message to a channel, optionally in a thread.</summary>
    public Task<SlackApiResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        var payload = MessagePayload(message);
        payload["channel"] = channel;
        if (!string.IsNullOrEmpty(threadTs))
        {
            payload["thread_ts"] = threadTs;
        }

        return CallAsync("chat.postMessage", payload, cancellationToken);
    }

    /// <summary>chat.postEphemeral: a message only one user of the channel sees.</summary>
    public Task<SlackApiResult> PostEphemeralAsync(string channel, string user, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        var payload = MessagePayload(message);
        payload["channel"] = channel;
        payload["user"] = user;
        if (!string.IsNullOrEmpty(threadTs))
        {
            payload["thread_ts"] = threadTs;
        }

        return CallAsync("chat.postEphemeral", payload, cancellationToken);
    }

    /// <summary>chat.update: replaces a message the bot posted.</summary>
    public Task<SlackApiResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var payload = MessagePayload(message);
        payload["channel"] = channel;
        payload["ts"] = ts;
        return CallAsync("chat.update", payload, cancellationToken);
    }

    /// <summary>Calls a Web API method with a JSON body; never throws for remote failures.</summary>
    public async Task<SlackApiResult> CallAsync(string method, JsonObject payload, CancellationToken cancellationToken)
    {
        var token = options.CurrentValue.BotToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            LogNoToken(logger, method);
            return new SlackApiResult(false, "not_authed");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonBody(payload) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var result = await SendAsync(request, method, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Posts a message to a slash command's or interaction's response_url (no token: the URL is the credential).</summary>
    public async Task<SlackApiResult> PostToResponseUrlAsync(Uri responseUrl, SlackMessage message, string responseType, CancellationToken cancellationToken)
    {
        var payload = MessagePayload(message);
        payload["response_type"] = responseType;
        payload["replace_original"] = false;
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonBody(payload) };
        return await SendAsync(request, "response_url", cancellationToken).ConfigureAwait(false);
    }

    internal static JsonObject MessagePayload(SlackMessage message) => new()
    {
        ["text"] = message.Text,
        ["blocks"] = message.Blocks.DeepClone(),
        // Our text is already escaped; never let Slack turn names or URLs into links or mentions on its own.
        ["parse"] = "none",
        ["link_names"] = false,
        ["unfurl_links"] = false,
        ["unfurl_media"] = false,
    };

    private static ByteArrayContent JsonBody(JsonObject payload)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<SlackApiResult> SendAsync(HttpRequestMessage request, string method, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (!response.IsSuccessStatusCode)
            {
                var error = ErrorFromBody(body) ?? (response.StatusCode == HttpStatusCode.TooManyRequests ? "ratelimited" : null);
                LogHttpFailure(logger, method, (int)response.StatusCode, error ?? "(none)");
                return new SlackApiResult(false, error, null, response.StatusCode, retryAfter);
            }

            if (method == "response_url" && !LooksLikeJson(body))
            {
                // response_url answers "ok" in plain text.
                return new SlackApiResult(true, Status: response.StatusCode);
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var ok = root.TryGetProperty("ok", out var okProp) && okProp.ValueKind == JsonValueKind.True;
            if (ok)
            {
                var ts = root.TryGetProperty("ts", out var tsProp) && tsProp.ValueKind == JsonValueKind.String ? tsProp.GetString() : null;
                return new SlackApiResult(true, null, ts, response.StatusCode);
            }

            var code = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : "unknown_error";
            LogSlackError(logger, method, code ?? "unknown_error");
            return new SlackApiResult(false, code, null, response.StatusCode, retryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogTransportFailure(logger, method, ex.GetType().Name, ex.Message);
            return new SlackApiResult(false, ex is JsonException ? "invalid_response" : "transport_error");
        }
    }

    private static bool LooksLikeJson(string body) => body.TrimStart().StartsWith('{');

    private static string? ErrorFromBody(string body)
    {
        if (!LooksLikeJson(body))
        {
            var text = body.Trim();
            return text.Length is > 0 and < 100 ? text : null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} refused: ok=false, error={Error}")]
    private static partial void LogSlackError(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed with HTTP {Status}, error={Error}")]
    private static partial void LogHttpFailure(ILogger logger, string method, int status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed after retries: {Exception}: {Reason}")]
    private static partial void LogTransportFailure(ILogger logger, string method, string exception, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Method} not called: Slack:BotToken is not set")]
    private static partial void LogNoToken(ILogger logger, string method);
}
