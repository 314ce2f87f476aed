using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Scheduling;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KazBriefBot.Host.Slack;

/// <summary>How a Slack Web API call ended, as far as what to do next is concerned.</summary>
public enum SlackCallKind
{
    /// <summary>ok: true.</summary>
    Ok,

    /// <summary>Slack did not act on it and may later (429, refused before processing): try again later.</summary>
    Transient,

    /// <summary>Slack may have acted on it (timeout, lost connection, 5xx, fatal_error): find out before doing it again.</summary>
    Ambiguous,

    /// <summary>The conversation refuses the bot (channel_not_found, not_in_channel, …): pause what posts there.</summary>
    Blocked,

    /// <summary>Refused for good (msg_blocks_too_long, invalid_auth, …): never send the same thing again.</summary>
    Permanent,
}

/// <summary>The outcome of one Slack Web API call (after the resilience pipeline's retries).</summary>
public sealed record SlackApiResult(bool Ok, string? Error = null, string? Ts = null, HttpStatusCode? Status = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Slack errors meaning the bot may no longer post to that conversation: its subscription is paused.</summary>
    public static readonly IReadOnlySet<string> BlockingErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "account_inactive", "is_archived",
    };

    /// <summary>Slack errors that no retry of the same request can fix: logged with the team and told to the user where possible.</summary>
    public static readonly IReadOnlySet<string> PermanentErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        "msg_blocks_too_long", "invalid_blocks", "invalid_blocks_format", "msg_too_long", "invalid_auth", "not_authed", "token_revoked",
        "token_expired", "missing_scope", "restricted_action", "no_installation", "invalid_arguments", "invalid_metadata_format",
        "team_access_not_granted", "no_permission", "ekm_access_denied", "cannot_reply_to_message",
    };

    /// <summary>Errors after which Slack may have done what was asked.</summary>
    private static readonly HashSet<string> AmbiguousErrors = new(StringComparer.Ordinal)
    {
        "fatal_error", "internal_error", "transport_error", "invalid_response", "service_unavailable", "timeout",
    };

    /// <summary>The body Slack answered with (ok or not), when it was JSON.</summary>
    public JsonObject? Body { get; init; }

    /// <summary>What to do next.</summary>
    public SlackCallKind Kind =>
        Ok ? SlackCallKind.Ok
        : Error is not null && BlockingErrors.Contains(Error) ? SlackCallKind.Blocked
        : Error is not null && PermanentErrors.Contains(Error) ? SlackCallKind.Permanent
        : Status == HttpStatusCode.TooManyRequests || Error is "ratelimited" or "rate_limited" or "request_timeout" ? SlackCallKind.Transient
        : Status is { } s && (int)s >= 500 ? SlackCallKind.Ambiguous
        : Error is null || AmbiguousErrors.Contains(Error) ? SlackCallKind.Ambiguous
        : SlackCallKind.Transient;

    /// <summary>Maps the result to the channel-neutral delivery outcome the scheduler understands.</summary>
    public DeliveryResult ToDelivery() => Kind switch
    {
        SlackCallKind.Ok => DeliveryResult.Delivered,
        SlackCallKind.Blocked => new DeliveryResult(DeliveryOutcome.Blocked, Error),
        SlackCallKind.Permanent => new DeliveryResult(DeliveryOutcome.Rejected, Error),
        _ => new DeliveryResult(DeliveryOutcome.RetryLater, Error ?? Status?.ToString(), RetryAfter),
    };
}

/// <summary>
/// Typed client for the Slack Web API (base Slack:ApiBaseUrl) and for response_url posts. Every call names the workspace
/// (team id) whose bot token it uses. Posts are never repeated by the HTTP pipeline after they may have reached Slack
/// (see <see cref="SlackChannel"/>): the callers resolve such ambiguous outcomes themselves.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, SlackTokens tokens, ILogger<SlackApiClient> logger)
{
    /// <summary>Marks a request the resilience pipeline may repeat after a timeout or 5xx (a read, or a lookup).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("kazbrief.slack.idempotent");

    /// <summary>The metadata event type our reply parts carry, so an unconfirmed post can be found again.</summary>
    public const string PartEventType = "kazbrief_reply_part";

    /// <summary>chat.postMessage: posts a message to a channel, optionally in a thread, optionally with message metadata.</summary>
    public Task<SlackApiResult> PostMessageAsync(string? teamId, string channel, SlackMessage message, string? threadTs, JsonObject? metadata, CancellationToken cancellationToken)
    {
        var payload = MessagePayload(message);
        payload["channel"] = channel;
        if (!string.IsNullOrEmpty(threadTs))
        {
            payload["thread_ts"] = threadTs;
        }

        if (metadata is not null)
        {
            payload["metadata"] = metadata.DeepClone();
        }

        return CallAsync(teamId, "chat.postMessage", payload, cancellationToken);
    }

    /// <summary>chat.postEphemeral: a message only one user of the channel sees.</summary>
    public Task<SlackApiResult> PostEphemeralAsync(string? teamId, string channel, string user, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        var payload = MessagePayload(message);
        payload["channel"] = channel;
        payload["user"] = user;
        if (!string.IsNullOrEmpty(threadTs))
        {
            payload["thread_ts"] = threadTs;
        }

        return CallAsync(teamId, "chat.postEphemeral", payload, cancellationToken);
    }

    /// <summary>chat.update: replaces a message the bot posted.</summary>
    public Task<SlackApiResult> UpdateAsync(string? teamId, string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var payload = MessagePayload(message);
        payload["channel"] = channel;
        payload["ts"] = ts;
        return CallAsync(teamId, "chat.update", payload, cancellationToken);
    }

    /// <summary>
    /// Looks for a reply part we may have posted: conversations.replies in a thread, else conversations.history since
    /// <paramref name="since"/>, with all metadata. Returns the message ts when found, null when not, or the failure.
    /// </summary>
    public async Task<(string? Ts, SlackApiResult Result)> FindPartAsync(string? teamId, string channel, string? threadTs, DateTimeOffset since, string deliveryKey, int part, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["channel"] = channel,
            ["include_all_metadata"] = "true",
            ["limit"] = "200",
            ["oldest"] = (since.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (threadTs is not null)
        {
            form["ts"] = threadTs;
        }

        var result = await CallFormAsync(teamId, threadTs is null ? "conversations.history" : "conversations.replies", form, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            return (null, result);
        }

        foreach (var m in (result.Body?["messages"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (m["metadata"] is JsonObject meta && SlackEndpoints.Str(meta, "event_type") == PartEventType
                && meta["event_payload"] is JsonObject p && SlackEndpoints.Str(p, "delivery") == deliveryKey
                && p["part"] is JsonValue v && v.TryGetValue<int>(out var n) && n == part)
            {
                return (SlackEndpoints.Str(m, "ts"), result);
            }
        }

        return (null, result);
    }

    /// <summary>The metadata that marks part <paramref name="part"/> of delivery <paramref name="deliveryKey"/>.</summary>
    public static JsonObject PartMetadata(string deliveryKey, int part, int parts) => new()
    {
        ["event_type"] = PartEventType,
        ["event_payload"] = new JsonObject { ["delivery"] = deliveryKey, ["part"] = part, ["parts"] = parts },
    };

    /// <summary>apps.connections.open with the app-level token: a fresh Socket Mode WebSocket URL.</summary>
    public async Task<(Uri? Url, SlackApiResult Result)> OpenConnectionAsync(string appToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "apps.connections.open") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", appToken);
        request.Options.Set(Idempotent, true);
        var result = await SendAsync(request, "apps.connections.open", null, cancellationToken).ConfigureAwait(false);
        var url = result.Ok && Uri.TryCreate(SlackEndpoints.Str(result.Body, "url"), UriKind.Absolute, out var u) && (u.Scheme == "wss" || u.Scheme == "ws") ? u : null;
        return (url, url is null && result.Ok ? result with { Ok = false, Error = "invalid_response" } : result);
    }

    /// <summary>oauth.v2.access: exchanges an install's code for the workspace's bot token (client credentials in HTTP Basic).</summary>
    public async Task<SlackApiResult> ExchangeCodeAsync(string clientId, string clientSecret, string code, Uri? redirectUri, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["code"] = code };
        if (redirectUri is not null)
        {
            form["redirect_uri"] = redirectUri.ToString();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth.v2.access") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        return await SendAsync(request, "oauth.v2.access", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls a Web API method with a JSON body and the team's bot token; never throws for remote failures.</summary>
    public async Task<SlackApiResult> CallAsync(string? teamId, string method, JsonObject payload, CancellationToken cancellationToken)
    {
        var token = await tokens.BotTokenAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            LogNoToken(logger, method, teamId ?? "(none)");
            return new SlackApiResult(false, "no_installation");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonBody(payload) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(request, method, teamId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts a message to a slash command's or interaction's response_url (no token: the URL is the credential).</summary>
    public async Task<SlackApiResult> PostToResponseUrlAsync(Uri responseUrl, SlackMessage message, string responseType, CancellationToken cancellationToken)
    {
        var payload = MessagePayload(message);
        payload["response_type"] = responseType;
        payload["replace_original"] = false;
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonBody(payload) };
        return await SendAsync(request, "response_url", null, cancellationToken).ConfigureAwait(false);
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

    private async Task<SlackApiResult> CallFormAsync(string? teamId, string method, Dictionary<string, string> form, bool idempotent, CancellationToken cancellationToken)
    {
        var token = await tokens.BotTokenAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            LogNoToken(logger, method, teamId ?? "(none)");
            return new SlackApiResult(false, "no_installation");
        }

        // Slack's read methods take form bodies, not JSON.
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(Idempotent, idempotent);
        return await SendAsync(request, method, teamId, cancellationToken).ConfigureAwait(false);
    }

    private static ByteArrayContent JsonBody(JsonObject payload)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<SlackApiResult> SendAsync(HttpRequestMessage request, string method, string? teamId, CancellationToken cancellationToken)
    {
        var team = teamId ?? "(default)";
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            var json = ParseObject(body);
            if (!response.IsSuccessStatusCode)
            {
                var error = (json is null ? PlainError(body) : SlackEndpoints.Str(json, "error"))
                    ?? (response.StatusCode == HttpStatusCode.TooManyRequests ? "ratelimited" : null);
                LogHttpFailure(logger, method, team, (int)response.StatusCode, error ?? "(none)");
                return new SlackApiResult(false, error, null, response.StatusCode, retryAfter) { Body = json };
            }

            if (method is "response_url" or UploadMethod && json is null)
            {
                // response_url answers "ok" in plain text, the upload URL "OK - <length>".
                return new SlackApiResult(true, Status: response.StatusCode);
            }

            if (json is null)
            {
                LogSlackError(logger, method, team, "invalid_response");
                return new SlackApiResult(false, "invalid_response", null, response.StatusCode) { Body = null };
            }

            if (json["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && isOk)
            {
                return new SlackApiResult(true, null, SlackEndpoints.Str(json, "ts"), response.StatusCode) { Body = json };
            }

            var code = SlackEndpoints.Str(json, "error") ?? "unknown_error";
            var result = new SlackApiResult(false, code, null, response.StatusCode, retryAfter) { Body = json };
            if (result.Kind == SlackCallKind.Permanent)
            {
                LogPermanent(logger, method, team, code);
            }
            else
            {
                LogSlackError(logger, method, team, code);
            }

            return result;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogTransportFailure(logger, method, team, ex.GetType().Name, ex.Message);

            // Refused before anything was sent (no connection, open circuit): Slack did nothing; otherwise it may have.
            var neverSent = ex is BrokenCircuitException
                || (ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError });
            return new SlackApiResult(false, neverSent ? "connection_failed" : "transport_error");
        }
    }

    private static JsonObject? ParseObject(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? PlainError(string body)
    {
        var text = body.Trim();
        return text.Length is > 0 and < 100 ? text : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} for team {Team} refused: ok=false, error={Error}")]
    private static partial void LogSlackError(ILogger logger, string method, string team, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Method} for team {Team} refused for good: {Error}; it is not retried unchanged")]
    private static partial void LogPermanent(ILogger logger, string method, string team, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} for team {Team} failed with HTTP {Status}, error={Error}")]
    private static partial void LogHttpFailure(ILogger logger, string method, string team, int status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} for team {Team} failed: {Exception}: {Reason}")]
    private static partial void LogTransportFailure(ILogger logger, string method, string team, string exception, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Method} not called: no bot token for team {Team} (Slack:BotToken unset and no installation)")]
    private static partial void LogNoToken(ILogger logger, string method, string team);
}
