using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KazBriefBot.Host.Scheduling;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace KazBriefBot.Host.Teams;

/// <summary>Sends activities to the Bot Connector REST API (v3/conversations); retries on 429/5xx come from the resilience handler of its named HttpClient.</summary>
public sealed partial class BotConnectorClient(IHttpClientFactory httpClientFactory, BotTokenProvider tokens, ILogger<BotConnectorClient> logger)
{
    /// <summary>The Teams error code for a conversation that refuses the bot's messages.</summary>
    public const string MessageWritesBlocked = "MessageWritesBlocked";

    /// <summary>The Teams error code for a message over the size limit (HTTP 413).</summary>
    public const string MessageSizeTooBig = "MessageSizeTooBig";

    /// <summary>Posts an activity: a reply into a thread when <paramref name="replyToId"/> is given, otherwise a new message.</summary>
    public async Task<DeliveryResult> SendAsync(string serviceUrl, string conversationId, string? replyToId, OutgoingActivity activity, CancellationToken cancellationToken)
    {
        var url = ActivitiesUrl(serviceUrl, conversationId, replyToId);
        if (url is null)
        {
            return new DeliveryResult(DeliveryOutcome.Blocked, $"invalid service URL '{serviceUrl}'");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, BotJson.Options), Encoding.UTF8, "application/json"),
        };

        if (tokens.Enabled)
        {
            try
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            }
            catch (MsalException ex)
            {
                LogTokenFailed(logger, ex.ErrorCode);
                return new DeliveryResult(DeliveryOutcome.RetryLater, "token: " + ex.ErrorCode);
            }
            catch (HttpRequestException ex)
            {
                LogTokenFailed(logger, ex.Message);
                return new DeliveryResult(DeliveryOutcome.RetryLater, "token: " + ex.Message);
            }
            catch (ArgumentException ex)
            {
                // MSAL refuses the configured authority (e.g. http): a configuration error, reported on every send until fixed.
                LogTokenFailed(logger, ex.Message);
                return new DeliveryResult(DeliveryOutcome.RetryLater, "token: " + ex.Message);
            }
        }

        HttpResponseMessage response;
        try
        {
            // A client per call from the factory: pooled handlers, DNS changes honored, the resilience pipeline attached.
            response = await httpClientFactory.CreateClient(TeamsChannel.ConnectorClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogSendFailed(logger, url.Host, ex.Message);
            return new DeliveryResult(DeliveryOutcome.RetryLater, ex.Message);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(logger, url.Host, "timeout");
            return new DeliveryResult(DeliveryOutcome.RetryLater, "timeout: " + ex.Message);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Delivered;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var code = ErrorCode(body) ?? response.StatusCode.ToString();
            LogRejected(logger, (int)response.StatusCode, code);

            // A 404 on a thread reply means that message or thread is gone, not that the conversation refuses the bot.
            if (response.StatusCode == HttpStatusCode.NotFound && !string.IsNullOrEmpty(replyToId))
            {
                return new DeliveryResult(DeliveryOutcome.Rejected, "reply target not found: " + code);
            }

            // 403 (MessageWritesBlocked: the bot was blocked, removed or uninstalled) and 404 (conversation or message gone) never heal by retrying.
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                return new DeliveryResult(DeliveryOutcome.Blocked, code);
            }

            // 413 MessageSizeTooBig and 400 refuse this payload: the same bytes are never sent again (the caller may send a smaller one).
            if (response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest)
            {
                return new DeliveryResult(DeliveryOutcome.Rejected, response.StatusCode == HttpStatusCode.RequestEntityTooLarge ? MessageSizeTooBig : code);
            }

            return new DeliveryResult(DeliveryOutcome.RetryLater, code, RetryAfter(response));
        }
    }

    /// <summary>{serviceUrl}v3/conversations/{id}/activities[/{replyToId}], with the ids escaped.</summary>
    public static Uri? ActivitiesUrl(string serviceUrl, string conversationId, string? replyToId)
    {
        if (!Uri.TryCreate(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
        {
            return null;
        }

        var path = "v3/conversations/" + Uri.EscapeDataString(conversationId) + "/activities";
        if (!string.IsNullOrEmpty(replyToId))
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }

        return new Uri(baseUri, path);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - response.Headers.Date);

    /// <summary>Finds the error code in a Bot Connector error body: {"error":{"code":…}}; Teams also puts the reason in "subCode" or the message.</summary>
    private static string? ErrorCode(string body)
    {
        if (body.Contains(MessageWritesBlocked, StringComparison.OrdinalIgnoreCase))
        {
            return MessageWritesBlocked;
        }

        if (body.Contains(MessageSizeTooBig, StringComparison.OrdinalIgnoreCase))
        {
            return MessageSizeTooBig;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                return code.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status code says enough.
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams: could not get a Bot Connector token: {Reason}")]
    private static partial void LogTokenFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: sending to {Host} failed: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string host, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: the Bot Connector refused a message with {Status} {Code}")]
    private static partial void LogRejected(ILogger logger, int status, string code);
}
