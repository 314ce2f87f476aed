using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Reliability;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Slack;

/// <summary>What became of an incoming Slack payload (from an HTTP request or a Socket Mode envelope).</summary>
public enum SlackAcceptance
{
    /// <summary>Queued for an answer.</summary>
    Accepted,

    /// <summary>Valid, and nothing to do (another app's button, a bot's message, a retry already handled).</summary>
    Ignored,

    /// <summary>Not a payload Slack sends: answered 400, never retried.</summary>
    Malformed,

    /// <summary>The work queue is full: Slack is asked to deliver it again later.</summary>
    Busy,
}

/// <summary>The acceptance, and what to answer with: the url_verification challenge or why the payload is malformed.</summary>
public sealed record SlackAccepted(SlackAcceptance Kind, string? Detail = null, string? Challenge = null)
{
    public static SlackAccepted Accepted { get; } = new(SlackAcceptance.Accepted);

    public static SlackAccepted Ignored { get; } = new(SlackAcceptance.Ignored);

    public static SlackAccepted Malformed(string detail) => new(SlackAcceptance.Malformed, detail);
}

/// <summary>
/// The Slack request URLs (slash commands, Events API, interactivity) and the same handling for Socket Mode envelopes.
/// Every payload is acknowledged at once (Slack's 3 seconds include the network) and answered in the background: slash
/// commands and button clicks through their response_url (falling back to the Web API when it is refused), mentions and
/// direct messages in their thread with chat.postMessage.
/// </summary>
public sealed partial class SlackEndpoints(
    SlackRequestReader reader,
    CommandRouter router,
    SlackReplySender sender,
    SlackApiClient api,
    SlackWorkQueue queue,
    SlackWorkJournal journal,
    SlackBlockedConversations blocked,
    IOptionsMonitor<SlackOptions> options,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<SlackEndpoints> logger)
{
    // The host's chat dispatcher (per-user and per-conversation limits) when it is registered, else the router itself.
    private readonly ChatDispatcher? _dispatcher = services.GetService<ChatDispatcher>();
    private readonly SubscriptionStore? _subscriptions = services.GetService<SubscriptionStore>();
    private readonly SlackInstallationStore? _installations = services.GetService<SlackInstallationStore>();

    /// <summary>Slack accepts at most five posts to one response_url (within 30 minutes).</summary>
    public const int MaxResponseUrlPosts = 5;

    private const string RetryNumHeader = "X-Slack-Retry-Num";
    private const string RetryReasonHeader = "X-Slack-Retry-Reason";
    private const string NoRetryHeader = "X-Slack-No-Retry";

    /// <summary>POST /slack/commands: acknowledged at once with an empty 200; the answer goes to the response_url.</summary>
    public async Task<IResult> HandleCommandAsync(HttpContext context)
    {
        var (body, refusal) = await reader.ReadVerifiedAsync(context, answerSslCheck: true).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!SlackRequestReader.IsForm(context.Request))
        {
            return BadRequest(context, "A slash command must be a form (application/x-www-form-urlencoded).");
        }

        var form = SlackRequestReader.ParseForm(body!);
        return ToHttp(context, await AcceptCommandAsync(name => form.TryGetValue(name, out var v) ? v.ToString() : string.Empty, context.RequestAborted).ConfigureAwait(false));
    }

    /// <summary>POST /slack/events: url_verification answered; events acknowledged at once and handled in the background, each event id once.</summary>
    public async Task<IResult> HandleEventAsync(HttpContext context)
    {
        var (body, refusal) = await reader.ReadVerifiedAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var envelope = SlackRequestReader.ParseObjectStrict(body!);
        if (envelope is null)
        {
            return BadRequest(context, "The event body must be a JSON object in valid UTF-8.");
        }

        var retry = context.Request.Headers[RetryNumHeader].ToString();
        return ToHttp(context, await AcceptEventAsync(envelope, retry.Length > 0 ? retry : null, context.Request.Headers[RetryReasonHeader].ToString(), context.RequestAborted).ConfigureAwait(false));
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
        var payload = form.TryGetValue("payload", out var raw) && raw.Count == 1 ? SlackRequestReader.ParseObjectStrict(raw.ToString()) : null;
        return payload is null
            ? BadRequest(context, "The \"payload\" field must hold a JSON object.")
            : ToHttp(context, await AcceptInteractionAsync(payload, context.RequestAborted).ConfigureAwait(false));
    }

    /// <summary>A slash command's fields (form fields over HTTP, the payload's properties over Socket Mode): queued, answered via response_url.</summary>
    public async Task<SlackAccepted> AcceptCommandAsync(Func<string, string> field, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(field);
        var channel = field("channel_id");
        var user = field("user_id");
        if (channel.Length == 0 || user.Length == 0 || field("command").Length == 0)
        {
            return SlackAccepted.Malformed("The slash command lacks command, channel_id or user_id.");
        }

        Uri? responseUrl = Uri.TryCreate(field("response_url"), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && options.CurrentValue.IsAllowedResponseUrl(parsed) ? parsed : null;
        var command = new SlackCommandAnswer(
            new SlackConversation(NullIfEmpty(field("team_id")), channel),
            user,
            SlackRequestReader.ToPlainText(field("text")),
            responseUrl,
            options.CurrentValue.SlashResponseType,
            // Slack's trigger_id is unique per invocation; team, channel and user guard against a client that reuses one.
            $"cmd:{field("team_id")}:{channel}:{user}:{NullIfEmpty(field("trigger_id")) ?? Guid.NewGuid().ToString("N")}");
        await EnqueueAsync(SlackJobKind.Command, JsonSerializer.Serialize(command), [], "slash command", fallBackToDetached: true, cancellationToken).ConfigureAwait(false);
        return SlackAccepted.Accepted;
    }

    /// <summary>An Events API envelope (the HTTP body, or a Socket Mode events_api payload).</summary>
    public async Task<SlackAccepted> AcceptEventAsync(JsonObject envelope, string? retryNum = null, string? retryReason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var type = Str(envelope, "type");
        if (type is null)
        {
            return SlackAccepted.Malformed("The event body must be a JSON object with a \"type\".");
        }

        if (type == "url_verification")
        {
            var challenge = Str(envelope, "challenge");
            return challenge is null ? SlackAccepted.Malformed("url_verification without a challenge.") : new SlackAccepted(SlackAcceptance.Accepted, Challenge: challenge);
        }

        if (type != "event_callback")
        {
            LogIgnored(logger, type);
            return SlackAccepted.Ignored;
        }

        if (envelope["event"] is not JsonObject ev || Str(ev, "type") is not { } eventType)
        {
            return SlackAccepted.Malformed("event_callback without an event object.");
        }

        var eventId = Str(envelope, "event_id");
        if (retryNum is not null)
        {
            LogRetry(logger, eventId ?? "(no id)", retryNum, retryReason ?? string.Empty);
        }

        var team = Str(envelope, "team_id") ?? Str(ev, "team");
        if (eventType is "app_uninstalled" or "tokens_revoked")
        {
            return await AcceptRevocationAsync(team, eventType, ev, eventId, cancellationToken).ConfigureAwait(false);
        }

        var message = SlackIncomingMessage.From(envelope, ev, options.CurrentValue.BotUserId);
        if (message is null)
        {
            LogIgnored(logger, $"{eventType}/{Str(ev, "subtype") ?? "-"}");
            return SlackAccepted.Ignored;
        }

        // One message can also arrive as two events (a mention in a DM: app_mention and message.im) or without an id.
        // Both ids are marked seen with the work recorded, in one transaction shared by every host.
        var messageKey = MessageKey(message);
        string[] keys = eventId is null ? [messageKey] : [eventId, messageKey];
        var queued = await EnqueueAsync(SlackJobKind.Message, JsonSerializer.Serialize(message), keys, $"event {eventId ?? "(no id)"} {message.Kind}", fallBackToDetached: false, cancellationToken).ConfigureAwait(false);
        switch (queued)
        {
            case Queued.Duplicate:
                LogDuplicate(logger, eventId ?? messageKey);
                return SlackAccepted.Ignored;
            case Queued.Full:
                // Slack retries a failed delivery, so nothing is lost while the queue is full.
                return new SlackAccepted(SlackAcceptance.Busy);
            default:
                return SlackAccepted.Accepted;
        }
    }

    /// <summary>An interaction payload (the form's payload field, or a Socket Mode interactive payload).</summary>
    public async Task<SlackAccepted> AcceptInteractionAsync(JsonObject payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var type = Str(payload, "type");
        if (type is null)
        {
            return SlackAccepted.Malformed("The \"payload\" field must hold a JSON object with a \"type\".");
        }

        if (type != "block_actions")
        {
            LogIgnored(logger, "interaction " + type);
            return SlackAccepted.Ignored;
        }

        var click = SlackButtonClick.From(payload);
        if (click is null)
        {
            LogIgnored(logger, "block_actions without a KazBrief button");
            return SlackAccepted.Ignored;
        }

        // The key is fixed now, so that a host taking the work over posts under the same key (never twice).
        var key = $"click:{click.Conversation.ChannelId}:{click.MessageTs}:{click.ActionTs ?? Guid.NewGuid().ToString("N")}";
        await EnqueueAsync(SlackJobKind.Click, JsonSerializer.Serialize(new ClickJob(click, key)), [], $"button {click.CommandText}", fallBackToDetached: true, cancellationToken).ConfigureAwait(false);
        return SlackAccepted.Accepted;
    }

    private async Task<SlackAccepted> AcceptRevocationAsync(string? team, string eventType, JsonObject ev, string? eventId, CancellationToken cancellationToken)
    {
        // tokens_revoked also reports user tokens, which the bot never holds; only a revoked bot token matters.
        var botRevoked = eventType == "app_uninstalled" || (ev["tokens"] as JsonObject)?["bot"] is JsonArray { Count: > 0 };
        if (team is null || !botRevoked)
        {
            return SlackAccepted.Ignored;
        }

        var queued = await EnqueueAsync(
            SlackJobKind.Revocation,
            JsonSerializer.Serialize(new RevocationJob(team, eventType)),
            eventId is null ? [] : [eventId],
            $"{eventType} for team {team}",
            fallBackToDetached: true,
            cancellationToken).ConfigureAwait(false);
        return queued == Queued.Duplicate ? SlackAccepted.Ignored : SlackAccepted.Accepted;
    }

    private async Task RevokeAsync(RevocationJob job, CancellationToken cancellationToken)
    {
        var deleted = _installations is not null && await _installations.DeleteAsync(job.Team, cancellationToken).ConfigureAwait(false);
        var paused = await blocked.PauseTeamAsync(job.Team, job.EventType, cancellationToken).ConfigureAwait(false);
        LogRevoked(logger, job.Team, job.EventType, deleted, paused);
    }

    private async Task AnswerCommandAsync(SlackCommandAnswer command, CancellationToken cancellationToken)
    {
        var conversation = command.Conversation.ToRef(command.UserId);
        var reply = await RouteSafelyAsync(command.Text, conversation, cancellationToken).ConfigureAwait(false);
        var messages = SlackBlockRenderer.Render(reply);
        if (await IsNewlySubscribedAsync(command, cancellationToken).ConfigureAwait(false))
        {
            await ConfirmSubscriptionAsync(command, conversation, messages, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RespondAsync(command.Conversation, command.UserId, command.ResponseUrl, messages, command.ResponseType, command.DeliveryKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A subscribe from a slash command must prove the bot can post there: the confirmation goes out with chat.postMessage,
    /// the very call the digests will use. When Slack refuses it, the subscription is paused and the user told how to invite the bot.
    /// </summary>
    private async Task ConfirmSubscriptionAsync(SlackCommandAnswer command, ConversationRef conversation, IReadOnlyList<SlackMessage> messages, CancellationToken cancellationToken)
    {
        var posted = command.ResponseType == "ephemeral"
            ? await PostEphemeralAsync(command.Conversation, command.UserId, messages, cancellationToken).ConfigureAwait(false)
            : await sender.PostMessagesAsync(command.Conversation.TeamId, command.Conversation.ChannelId, null, messages, command.DeliveryKey, cancellationToken).ConfigureAwait(false);
        if (posted.Outcome == DeliveryOutcome.Blocked)
        {
            await _subscriptions!.PauseAsync(SlackChannel.Name, conversation.ConversationId, $"{posted.Error}: the bot cannot post here", cancellationToken).ConfigureAwait(false);
            var help = SlackNotices.Message(SlackNotices.InviteHelp(command.Conversation.ChannelId));
            await RespondAsync(command.Conversation, command.UserId, command.ResponseUrl, [help], "ephemeral", command.DeliveryKey + ":help", cancellationToken).ConfigureAwait(false);
        }
        else if (posted.Outcome != DeliveryOutcome.Delivered)
        {
            await RespondAsync(command.Conversation, command.UserId, command.ResponseUrl, messages, "ephemeral", command.DeliveryKey + ":ephemeral", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsNewlySubscribedAsync(SlackCommandAnswer command, CancellationToken cancellationToken)
    {
        var first = command.Text.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return _subscriptions is not null
            && string.Equals(first, "subscribe", StringComparison.OrdinalIgnoreCase)
            && await _subscriptions.FindAsync(SlackChannel.Name, command.Conversation.ChannelId, cancellationToken).ConfigureAwait(false) is { Paused: false };
    }

    /// <summary>
    /// Answers through the response_url; when it is missing or refused (expired, used up), through the Web API instead:
    /// an ephemeral answer as chat.postEphemeral, a public one as chat.postMessage, and as a direct message where the bot cannot post.
    /// </summary>
    private async Task RespondAsync(SlackConversation where, string? userId, Uri? responseUrl, IReadOnlyList<SlackMessage> messages, string responseType, string deliveryKey, CancellationToken cancellationToken)
    {
        if (responseUrl is not null)
        {
            var result = await sender.RespondAsync(responseUrl, CapForResponseUrl(messages, MaxResponseUrlPosts), responseType, cancellationToken).ConfigureAwait(false);
            if (result.Ok || result.Kind == SlackCallKind.Ambiguous)
            {
                // Ambiguous: it may have been shown, and a response_url post cannot be looked up; better silent than twice.
                return;
            }

            LogResponseUrlRefused(logger, result.Error ?? result.Status?.ToString() ?? "unknown");
        }

        var fallback = responseType == "ephemeral" && userId is not null
            ? await PostEphemeralAsync(where, userId, messages, cancellationToken).ConfigureAwait(false)
            : await sender.PostMessagesAsync(where.TeamId, where.ChannelId, where.ThreadTs, messages, deliveryKey, cancellationToken).ConfigureAwait(false);

        if (fallback.Outcome == DeliveryOutcome.Blocked && userId is not null)
        {
            // Not a member of that channel: the user still gets the answer, in the app's direct messages.
            await sender.PostMessagesAsync(where.TeamId, userId, null, messages, deliveryKey + ":dm", cancellationToken).ConfigureAwait(false);
        }
    }

    // Ephemeral messages cannot be looked up afterwards, so an unconfirmed one is never sent again.
    private async Task<DeliveryResult> PostEphemeralAsync(SlackConversation where, string userId, IReadOnlyList<SlackMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var r = await api.PostEphemeralAsync(where.TeamId, where.ChannelId, userId, message, where.ThreadTs, cancellationToken).ConfigureAwait(false);
            if (!r.Ok)
            {
                return r.ToDelivery();
            }
        }

        return DeliveryResult.Delivered;
    }

    private async Task AnswerInThreadAsync(SlackIncomingMessage message, string deliveryKey, CancellationToken cancellationToken)
    {
        var conversation = message.Conversation.ToRef(message.UserId);
        var reply = await RouteSafelyAsync(message.Text, conversation, cancellationToken).ConfigureAwait(false);
        var result = await sender.PostAsync(message.Conversation.TeamId, message.Conversation.ChannelId, message.ReplyThreadTs, reply, deliveryKey, cancellationToken).ConfigureAwait(false);
        await HandleOutcomeAsync(conversation, message.Conversation with { ThreadTs = message.ReplyThreadTs }, deliveryKey, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task AnswerClickAsync(SlackButtonClick click, string key, CancellationToken cancellationToken)
    {
        var conversation = click.Conversation.ToRef(click.UserId);
        var reply = await RouteSafelyAsync(click.CommandText, conversation, cancellationToken).ConfigureAwait(false);
        var responseUrl = click.ResponseUrl is not null && options.CurrentValue.IsAllowedResponseUrl(click.ResponseUrl) ? click.ResponseUrl : null;
        if (click.IsEphemeral || (click.Conversation.ThreadTs is null && responseUrl is not null))
        {
            // The response_url works even where the bot is not a member; under an ephemeral answer the follow-up stays ephemeral.
            await RespondAsync(click.Conversation, click.UserId, responseUrl, SlackBlockRenderer.Render(reply), click.IsEphemeral ? "ephemeral" : "in_channel", key, cancellationToken).ConfigureAwait(false);
            return;
        }

        var thread = click.Conversation.ThreadTs ?? click.MessageTs;
        var result = await sender.PostAsync(click.Conversation.TeamId, click.Conversation.ChannelId, thread, reply, key, cancellationToken).ConfigureAwait(false);
        await HandleOutcomeAsync(conversation, click.Conversation with { ThreadTs = thread }, key, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleOutcomeAsync(ConversationRef conversation, SlackConversation where, string deliveryKey, DeliveryResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome == DeliveryOutcome.Blocked)
        {
            await blocked.PauseAsync(conversation, result.Error ?? "blocked", cancellationToken).ConfigureAwait(false);
        }
        else if (result.Outcome == DeliveryOutcome.Rejected && SlackNotices.CanNotify(result.Error))
        {
            // Say so where the answer was due, instead of leaving the user with silence.
            await sender.PostMessagesAsync(where.TeamId, where.ChannelId, where.ThreadTs, [SlackNotices.Message(SlackNotices.Refused(result.Error))], deliveryKey + ":refused", cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Records the work (and marks its dedupe keys seen) in the shared journal before Slack is acknowledged, then queues it
    /// on this host. A host that dies before finishing leaves the row, and another host takes it over when its lease ends.
    /// </summary>
    private async Task<Queued> EnqueueAsync(SlackJobKind kind, string payload, IReadOnlyList<string> dedupeKeys, string description, bool fallBackToDetached, CancellationToken cancellationToken)
    {
        var slack = options.CurrentValue;
        var id = await journal.TryAcceptAsync(dedupeKeys, kind, payload, queue.Owner, slack.WorkLease, slack.EventDedupeWindow, cancellationToken).ConfigureAwait(false);
        if (id is not { } jobId)
        {
            return Queued.Duplicate;
        }

        var job = new SlackJob(jobId, kind, payload, 1);
        if (queue.TryEnqueue(new SlackWorkItem(description, ct => RunLeasedAsync(job, ct))))
        {
            return Queued.Queued;
        }

        if (!fallBackToDetached)
        {
            await journal.ForgetAsync(jobId, dedupeKeys, CancellationToken.None).ConfigureAwait(false);
            return Queued.Full;
        }

        // The request is already acknowledged; losing the answer is worse than running it outside the queue.
        LogQueueFull(logger, description);
        _ = Task.Run(() => RunLeasedAsync(job, lifetime.ApplicationStopping));
        return Queued.Queued;
    }

    /// <summary>Queues on this host work that another host acknowledged and abandoned (claimed from the journal); false when the queue is full.</summary>
    internal bool TryResume(SlackJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        LogResumed(logger, job.Id, job.Kind, job.Attempts);
        return queue.TryEnqueue(new SlackWorkItem($"resumed {SlackWorkJournal.Name(job.Kind)} work {job.Id}", ct => RunLeasedAsync(job, ct)));
    }

    /// <summary>Runs one journaled job, renewing its lease while it runs; the row goes when it is done or has failed (logged).
    /// Abandoned at shutdown, the row is released at once for another host.</summary>
    private async Task RunLeasedAsync(SlackJob job, CancellationToken cancellationToken)
    {
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewWhileRunningAsync(job.Id, renewal.Token);
        var finished = false;
        try
        {
            await RunJobAsync(job, cancellationToken).ConfigureAwait(false);
            finished = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch
        {
            finished = true; // Logged by the worker; running it again would fail the same way.
            throw;
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            if (finished)
            {
                await journal.CompleteAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await journal.ReleaseAsync(job.Id, queue.Owner, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task RenewWhileRunningAsync(long id, CancellationToken cancellationToken)
    {
        var lease = options.CurrentValue.WorkLease;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, cancellationToken).ConfigureAwait(false);
                if (!await journal.RenewAsync(id, queue.Owner, lease, cancellationToken).ConfigureAwait(false))
                {
                    LogLeaseLost(logger, id);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The work ended.
        }
#pragma warning disable CA1031 // A failed renewal (database briefly unreachable) must not fail the work; the next one may succeed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRenewFailed(logger, ex, id);
        }
    }

    private Task RunJobAsync(SlackJob job, CancellationToken cancellationToken) => job.Kind switch
    {
        SlackJobKind.Message when JsonSerializer.Deserialize<SlackIncomingMessage>(job.Payload) is { } message =>
            AnswerInThreadAsync(message, "event:" + MessageKey(message), cancellationToken),
        SlackJobKind.Command when JsonSerializer.Deserialize<SlackCommandAnswer>(job.Payload) is { } command =>
            AnswerCommandAsync(command, cancellationToken),
        SlackJobKind.Click when JsonSerializer.Deserialize<ClickJob>(job.Payload) is { } click =>
            AnswerClickAsync(click.Click, click.Key, cancellationToken),
        SlackJobKind.Revocation when JsonSerializer.Deserialize<RevocationJob>(job.Payload) is { } revocation =>
            RevokeAsync(revocation, cancellationToken),
        _ => throw new InvalidOperationException($"Slack work {job.Id} ({job.Kind}) has an unreadable payload."),
    };

    private static string MessageKey(SlackIncomingMessage message) => $"message:{message.Conversation.ChannelId}:{message.Ts}";

    /// <summary>Keeps a reply within the response_url's post limit; the last post says where to read the rest.</summary>
    internal static IReadOnlyList<SlackMessage> CapForResponseUrl(IReadOnlyList<SlackMessage> messages, int maxPosts)
    {
        if (messages.Count <= maxPosts)
        {
            return messages;
        }

        const string notice = "This answer is too long for one slash command reply. Send the same request to me in a direct message to read all of it.";
        var kept = messages.Take(maxPosts - 1).ToList();
        kept.Add(SlackNotices.Message(notice));
        return kept;
    }

    private static IResult ToHttp(HttpContext context, SlackAccepted accepted) => accepted.Kind switch
    {
        SlackAcceptance.Malformed => BadRequest(context, accepted.Detail ?? "Malformed Slack payload."),
        SlackAcceptance.Busy => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
        _ when accepted.Challenge is not null => Results.Json(new JsonObject { ["challenge"] = accepted.Challenge }),
        _ => Results.Ok(),
    };

    private static IResult BadRequest(HttpContext context, string detail)
    {
        // A malformed request will not get better by retrying it.
        context.Response.Headers[NoRetryHeader] = "1";
        return Results.Problem(title: "Malformed Slack request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    internal static string? Str(JsonObject? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A slash command to answer: where, who, what, and where the answer goes.</summary>
    private sealed record SlackCommandAnswer(SlackConversation Conversation, string UserId, string Text, Uri? ResponseUrl, string ResponseType, string DeliveryKey);

    /// <summary>A button click to answer and the delivery key its answer is posted under.</summary>
    private sealed record ClickJob(SlackButtonClick Click, string Key);

    /// <summary>A workspace that uninstalled the app or revoked its bot token.</summary>
    private sealed record RevocationJob(string Team, string EventType);

    private enum Queued
    {
        Queued,
        Duplicate,
        Full,
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking over acknowledged Slack work {Id} ({Kind}, attempt {Attempt}): the host that acknowledged it stopped before finishing")]
    private static partial void LogResumed(ILogger logger, long id, SlackJobKind kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack work {Id}: its lease was taken over by another host while it ran")]
    private static partial void LogLeaseLost(ILogger logger, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack work {Id}: renewing its lease failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the response_url ({Error}); answering through the Web API instead")]
    private static partial void LogResponseUrlRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack team {Team}: {Event}; installation deleted: {Deleted}; subscriptions paused: {Paused}")]
    private static partial void LogRevoked(ILogger logger, string team, string @event, bool deleted, int paused);
}
