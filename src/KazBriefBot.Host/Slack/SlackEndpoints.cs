using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Reliability;
using KazBriefBot.Host.Scheduling;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Slack;

/// <summary>The three Slack request URLs: slash commands, Events API and interactivity (button clicks).</summary>
public sealed partial class SlackEndpoints(
    SlackRequestReader reader,
    CommandRouter router,
    SlackReplySender sender,
    SlackWorkQueue queue,
    SlackEventDeduplicator deduplicator,
    SlackBlockedConversations blocked,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<SlackEndpoints> logger)
{
    // The host's chat dispatcher (per-user and per-conversation limits) when it is registered, else the router itself.
    private readonly ChatDispatcher? _dispatcher = services.GetService<ChatDispatcher>();

    /// <summary>Shown at once when an answer takes longer than Slack's 3-second limit; the answer follows through the response_url.</summary>
    public const string AckText = "Looking that up…";

    /// <summary>Slack accepts at most five posts to one response_url (within 30 minutes).</summary>
    public const int MaxResponseUrlPosts = 5;

    private const string RetryNumHeader = "X-Slack-Retry-Num";
    private const string RetryReasonHeader = "X-Slack-Retry-Reason";
    private const string NoRetryHeader = "X-Slack-No-Retry";

    /// <summary>POST /slack/commands: answers in the response when ready in time, otherwise acknowledges and answers via response_url.</summary>
    public async Task<IResult> HandleCommandAsync(HttpContext context)
    {
        var (body, refusal) = await reader.ReadVerifiedAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!SlackRequestReader.IsForm(context.Request))
        {
            return BadRequest(context, "A slash command must be a form (application/x-www-form-urlencoded).");
        }

        var form = SlackRequestReader.ParseForm(body!);
        string Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : string.Empty;
        var channel = Field("channel_id");
        var user = Field("user_id");
        if (channel.Length == 0 || user.Length == 0 || Field("command").Length == 0)
        {
            return BadRequest(context, "The slash command lacks command, channel_id or user_id.");
        }

        Uri? responseUrl = Uri.TryCreate(Field("response_url"), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && options.CurrentValue.IsAllowedResponseUrl(parsed) ? parsed : null;
        var conversation = new SlackConversation(NullIfEmpty(Field("team_id")), channel).ToRef(user);
        var text = SlackRequestReader.ToPlainText(Field("text"));
        var settings = options.CurrentValue;

        // Not tied to the request or to shutdown: once acknowledged, the answer is owed (the worker drains it at shutdown).
        var answering = RouteSafelyAsync(text, conversation, CancellationToken.None);
        var finished = await Task.WhenAny(answering, Task.Delay(settings.AckTimeout, time, context.RequestAborted)).ConfigureAwait(false) == answering;
        if (finished || responseUrl is null)
        {
            var messages = SlackBlockRenderer.Render(await answering.ConfigureAwait(false));
            if (messages.Count > 1 && responseUrl is not null)
            {
                var rest = CapForResponseUrl(messages.Skip(1).ToList(), MaxResponseUrlPosts);
                Enqueue("slash command continuation", ct => sender.RespondAsync(responseUrl, rest, settings.SlashResponseType, ct));
            }

            return Results.Json(ResponseBody(messages[0], settings.SlashResponseType));
        }

        Enqueue("slash command answer via response_url", async ct =>
        {
            var reply = await answering.ConfigureAwait(false);
            await sender.RespondAsync(responseUrl, CapForResponseUrl(SlackBlockRenderer.Render(reply), MaxResponseUrlPosts), settings.SlashResponseType, ct).ConfigureAwait(false);
        });
        return Results.Json(new JsonObject { ["response_type"] = "ephemeral", ["text"] = AckText });
    }

    /// <summary>POST /slack/events: url_verification answered; events acknowledged at once and handled in the background, each event id once.</summary>
    public async Task<IResult> HandleEventAsync(HttpContext context)
    {
        var (body, refusal) = await reader.ReadVerifiedAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        JsonObject? envelope;
        try
        {
            envelope = JsonNode.Parse(body!) as JsonObject;
        }
        catch (JsonException)
        {
            envelope = null;
        }

        var type = Str(envelope, "type");
        if (envelope is null || type is null)
        {
            return BadRequest(context, "The event body must be a JSON object with a \"type\".");
        }

        if (type == "url_verification")
        {
            var challenge = Str(envelope, "challenge");
            return challenge is null
                ? BadRequest(context, "url_verification without a challenge.")
                : Results.Json(new JsonObject { ["challenge"] = challenge });
        }

        if (type != "event_callback")
        {
            LogIgnored(logger, type);
            return Results.Ok();
        }

        if (envelope["event"] is not JsonObject ev || Str(ev, "type") is null)
        {
            return BadRequest(context, "event_callback without an event object.");
        }

        var eventId = Str(envelope, "event_id");
        var retry = context.Request.Headers[RetryNumHeader].ToString();
        if (retry.Length > 0)
        {
            LogRetry(logger, eventId ?? "(no id)", retry, context.Request.Headers[RetryReasonHeader].ToString());
        }

        var message = SlackIncomingMessage.From(envelope, ev, options.CurrentValue.BotUserId);
        if (message is null)
        {
            LogIgnored(logger, $"{Str(ev, "type")}/{Str(ev, "subtype") ?? "-"}");
            return Results.Ok();
        }

        if (eventId is not null && !deduplicator.TryBegin(eventId))
        {
            LogDuplicate(logger, eventId);
            return Results.Ok();
        }

        // One message can also arrive as two events (a mention in a DM: app_mention and message.im) or without an id.
        var messageKey = $"message:{message.Conversation.ChannelId}:{message.Ts}";
        if (!deduplicator.TryBegin(messageKey))
        {
            LogDuplicate(logger, messageKey);
            return Results.Ok();
        }

        if (!Enqueue($"event {eventId ?? "(no id)"} {message.Kind}", ct => AnswerInThreadAsync(message, ct), fallBackToDetached: false))
        {
            if (eventId is not null)
            {
                deduplicator.Forget(eventId);
            }

            deduplicator.Forget(messageKey);

            // Slack retries a failed delivery, so nothing is lost while the queue is full.
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }

    /// <summary>POST /slack/interactions: a click on one of our follow-up buttons routes its command text.</summary>
    public async Task<IResult> HandleInteractionAsync(HttpContext context)
    {
        var (body, refusal) = await reader.ReadVerifiedAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!SlackRequestReader.IsForm(context.Request))
        {
            return BadRequest(context, "An interaction must be a form with a \"payload\" field.");
        }

        var form = SlackRequestReader.ParseForm(body!);
        JsonObject? payload = null;
        if (form.TryGetValue("payload", out var raw) && raw.Count == 1)
        {
            try
            {
                payload = JsonNode.Parse(raw.ToString()) as JsonObject;
            }
            catch (JsonException)
            {
                payload = null;
            }
        }

        var type = Str(payload, "type");
        if (payload is null || type is null)
        {
            return BadRequest(context, "The \"payload\" field must hold a JSON object with a \"type\".");
        }

        if (type != "block_actions")
        {
            LogIgnored(logger, "interaction " + type);
            return Results.Ok();
        }

        var click = SlackButtonClick.From(payload);
        if (click is null)
        {
            LogIgnored(logger, "block_actions without a KazBrief button");
            return Results.Ok();
        }

        Enqueue($"button {click.CommandText}", ct => AnswerClickAsync(click, ct));
        return Results.Ok();
    }

    private async Task AnswerInThreadAsync(SlackIncomingMessage message, CancellationToken cancellationToken)
    {
        var conversation = message.Conversation.ToRef(message.UserId);
        var reply = await RouteSafelyAsync(message.Text, conversation, cancellationToken).ConfigureAwait(false);
        var result = await sender.PostAsync(message.Conversation.ChannelId, message.ReplyThreadTs, reply, cancellationToken).ConfigureAwait(false);
        await HandleOutcomeAsync(conversation, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task AnswerClickAsync(SlackButtonClick click, CancellationToken cancellationToken)
    {
        var conversation = click.Conversation.ToRef(click.UserId);
        var reply = await RouteSafelyAsync(click.CommandText, conversation, cancellationToken).ConfigureAwait(false);
        DeliveryResult result;
        if (click.Conversation.ThreadTs is null && click.ResponseUrl is not null && options.CurrentValue.IsAllowedResponseUrl(click.ResponseUrl))
        {
            // The response_url works even where the bot is not a member (a slash command's answer).
            result = await sender.RespondAsync(click.ResponseUrl, CapForResponseUrl(SlackBlockRenderer.Render(reply), MaxResponseUrlPosts), "in_channel", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await sender.PostAsync(click.Conversation.ChannelId, click.Conversation.ThreadTs ?? click.MessageTs, reply, cancellationToken).ConfigureAwait(false);
        }

        await HandleOutcomeAsync(conversation, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleOutcomeAsync(ConversationRef conversation, DeliveryResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome == DeliveryOutcome.Blocked)
        {
            await blocked.PauseAsync(conversation, result.Error ?? "blocked", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Reply> RouteSafelyAsync(string text, ConversationRef conversation, CancellationToken cancellationToken)
    {
        try
        {
            return _dispatcher is null
                ? await router.RouteAsync(text, conversation, cancellationToken).ConfigureAwait(false)
                : await _dispatcher.DispatchAsync(text, conversation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The user must get an answer even when a handler fails; the failure is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRouteFailed(logger, ex, conversation.ConversationId);
            return Reply.Text("Sorry, something went wrong while answering. Please try again.");
        }
    }

    private bool Enqueue(string description, Func<CancellationToken, Task> work, bool fallBackToDetached = true)
    {
        if (queue.TryEnqueue(new SlackWorkItem(description, work)))
        {
            return true;
        }

        if (!fallBackToDetached)
        {
            return false;
        }

        // The request is already acknowledged; losing the answer is worse than running it outside the queue.
        LogQueueFull(logger, description);
        _ = Task.Run(() => work(lifetime.ApplicationStopping));
        return true;
    }

    /// <summary>Keeps a reply within the response_url's post limit; the last post says where to read the rest.</summary>
    internal static IReadOnlyList<SlackMessage> CapForResponseUrl(IReadOnlyList<SlackMessage> messages, int maxPosts)
    {
        if (messages.Count <= maxPosts)
        {
            return messages;
        }

        const string notice = "This answer is too long for one slash command reply. Send the same request to me in a direct message to read all of it.";
        var kept = messages.Take(maxPosts - 1).ToList();
        kept.Add(new SlackMessage(notice, [new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = notice },
        }]));
        return kept;
    }

    private static JsonObject ResponseBody(SlackMessage message, string responseType)
    {
        var body = SlackApiClient.MessagePayload(message);
        body["response_type"] = responseType;
        return body;
    }

    private static IResult BadRequest(HttpContext context, string detail)
    {
        // A malformed request will not get better by retrying it.
        context.Response.Headers[NoRetryHeader] = "1";
        return Results.Problem(title: "Malformed Slack request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    internal static string? Str(JsonObject? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack payload ignored: {What}")]
    private static partial void LogIgnored(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack retried event {EventId} (attempt {Retry}, reason {Reason})")]
    private static partial void LogRetry(ILogger logger, string eventId, string retry, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} already handled; retry acknowledged")]
    private static partial void LogDuplicate(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing a Slack message from {Conversation} failed")]
    private static partial void LogRouteFailed(ILogger logger, Exception exception, string conversation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack work queue full; running {Description} outside it")]
    private static partial void LogQueueFull(ILogger logger, string description);
}
