using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Reliability;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Teams;

/// <summary>
/// Handles POST /api/messages: authenticates the request and acknowledges it at once; the answer is prepared and posted
/// by the <see cref="TeamsReplyQueue"/> under the host's lifetime. Invoke responses follow the Bot Builder SDK's
/// ActivityHandler: adaptiveCard/action is answered 200 (or 400 with an error body), any other invoke 501.
/// </summary>
public sealed partial class TeamsActivityHandler(
    BotFrameworkAuthenticator authenticator,
    ChatDispatcher dispatcher,
    TeamsMessageComposer composer,
    TeamsSender sender,
    TeamsReplyQueue queue,
    SubscriptionStore subscriptions,
    IOptions<TeamsOptions> options,
    TimeProvider time,
    ILogger<TeamsActivityHandler> logger)
{
    /// <summary>The invoke name of Universal Actions (Action.Execute).</summary>
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    /// <summary>The invoke response type of a short message shown to the user who pressed the button.</summary>
    public const string MessageResponseType = "application/vnd.microsoft.activity.message";

    /// <summary>The invoke response type of an error.</summary>
    public const string ErrorResponseType = "application/vnd.microsoft.error";

    /// <summary>What the clicker sees on the card while the follow-up is posted for everyone.</summary>
    public const string FollowUpPostedText = "On it: the answer is posted in the conversation.";

    /// <summary>Activities are a few KB; anything above this is refused before parsing.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The Bot Framework channel of Teams.</summary>
    public const string TeamsChannelId = "msteams";

    /// <summary>The channel id the Bot Framework Emulator sends (accepted in local mode only).</summary>
    public const string EmulatorChannelId = "emulator";

    private static readonly TimeSpan TypingRepeat = TimeSpan.FromSeconds(3);
    private readonly TeamsOptions _options = options.Value;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (activity, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!_options.IsLocalMode)
        {
            var auth = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), activity!, cancellationToken);
            if (!auth.Succeeded)
            {
                LogRefused(logger, auth.Reason ?? "invalid", activity!.Type!, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return Results.Unauthorized();
            }
        }
        else if (!IsLoopback(activity!.ServiceUrl))
        {
            // Unauthenticated local mode must not make the bot post to arbitrary hosts: only to the Emulator or a test on this machine.
            LogNotLocal(logger);
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Local mode answers local clients only",
                detail: "Without Teams:AppId the bot replies only to service URLs on this machine (the Bot Framework Emulator). Configure Teams:AppId and its credential to serve Teams.");
        }

        if (!ChannelAllowed(activity!.ChannelId))
        {
            LogWrongChannel(logger, activity.ChannelId ?? "(none)");
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unsupported channel",
                detail: _options.IsLocalMode
                    ? "This endpoint serves Microsoft Teams (channelId \"msteams\") and, in local mode, the Bot Framework Emulator (\"emulator\")."
                    : "This endpoint serves Microsoft Teams (channelId \"msteams\").");
        }

        return activity.Type switch
        {
            "message" => OnMessage(activity),
            "invoke" when string.Equals(activity.Name, AdaptiveCardActionInvoke, StringComparison.Ordinal) => OnCardAction(activity),
            "invoke" => Results.StatusCode(StatusCodes.Status501NotImplemented), // as ActivityHandler: an invoke nobody handles
            "conversationUpdate" => await OnConversationUpdateAsync(activity, cancellationToken),
            "installationUpdate" => await OnInstallationUpdateAsync(activity, cancellationToken),

            // Reactions, typing and unknown types: acknowledged, nothing else.
            _ => Results.Ok(),
        };
    }

    private async Task<(Activity? Activity, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large", detail: $"Activities are at most {MaxBodyBytes} bytes."));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, BotJson.Options, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or DecoderFallbackException)
        {
            // InvalidOperationException/DecoderFallbackException: text that is not valid UTF-8.
            LogMalformed(logger, ex.GetType().Name);
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The body is not a JSON Bot Framework activity."));
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's body limit (chunked bodies without a length) or a broken request.
            return (null, Results.Problem(statusCode: ex.StatusCode, title: "Bad request", detail: "The request body could not be read."));
        }
        catch (IOException)
        {
            // The client went away before the whole body arrived: nothing complete to act on.
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "The request body was cut off."));
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The activity has no type."));
        }

        return (activity, null);
    }

    private bool ChannelAllowed(string? channelId) =>
        string.Equals(channelId, TeamsChannelId, StringComparison.OrdinalIgnoreCase)
        || (_options.IsLocalMode && string.Equals(channelId, EmulatorChannelId, StringComparison.OrdinalIgnoreCase));

    private IResult OnMessage(Activity activity)
    {
        if (TeamsConversationReference.From(activity) is not { } reference)
        {
            LogIncomplete(logger, activity.Type ?? "?");
            return Results.Ok();
        }

        queue.Enqueue(activity.Conversation!.Id!, ct => ReplyToMessageAsync(activity, reference, ct));
        return Results.Ok();
    }

    private async Task ReplyToMessageAsync(Activity activity, TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        var target = TeamsTarget.ReplyTo(activity, reference);
        if (activity.Value is { ValueKind: JsonValueKind.Object } value)
        {
            // Action.Submit (clients without Universal Actions): the button's data arrives as the message value.
            await FollowUpAsync(activity, reference, target, value, cancellationToken);
            return;
        }

        var text = StripBotMention(activity);
        var reply = await PrepareAsync(target, ct => dispatcher.DispatchAsync(text, Conversation(activity, reference), ct), cancellationToken);
        await DeliverAsync(reference, target, await sender.SendReplyAsync(reply, target, cancellationToken), cancellationToken);
    }

    /// <summary>Universal Actions: value = { action: { type: "Action.Execute", verb, data }, trigger }. Checked as the SDK checks it, answered at once, followed up for everyone.</summary>
    private IResult OnCardAction(Activity activity)
    {
        if (activity.Value is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return InvokeError("BadRequest", "Missing value property");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return InvokeError("BadRequest", "Value property is not properly formed");
        }

        if (!value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return InvokeError("BadRequest", "Missing action property");
        }

        var type = action.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "Action.Execute")
        {
            return InvokeError("NotSupported", $"The action '{type}' is not supported.");
        }

        if (!action.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String || verb.GetString() != AdaptiveCardRenderer.CommandVerb
            || !action.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return InvokeError("BadRequest", $"Unknown card action: KazBriefBot's buttons use the verb '{AdaptiveCardRenderer.CommandVerb}' with object data.");
        }

        if (TeamsConversationReference.From(activity) is not { } reference)
        {
            return InvokeError("BadRequest", "The activity has no service URL or conversation to answer in.");
        }

        // The invoke response would replace the card for the clicker only; the follow-up goes to the conversation for everyone.
        var target = TeamsTarget.ReplyTo(activity, reference);
        queue.Enqueue(activity.Conversation!.Id!, ct => FollowUpAsync(activity, reference, target, data, ct));
        return Results.Json(new JsonObject { ["statusCode"] = 200, ["type"] = MessageResponseType, ["value"] = FollowUpPostedText }, BotJson.Options);
    }

    private static IResult InvokeError(string code, string message) => Results.Json(
        new JsonObject
        {
            ["statusCode"] = 400,
            ["type"] = ErrorResponseType,
            ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
        },
        BotJson.Options,
        statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A button's follow-up (Action.Execute or Action.Submit alike): "More" continues a stored reply, other buttons run their command.</summary>
    private async Task FollowUpAsync(Activity activity, TeamsConversationReference reference, TeamsTarget target, JsonElement data, CancellationToken cancellationToken)
    {
        DeliveryResult result;
        if (data.TryGetProperty(AdaptiveCardRenderer.MoreKey, out var more) && more.ValueKind == JsonValueKind.String)
        {
            var key = more.GetString()!;
            result = await sender.SendCardAsync(
                budget => composer.Continue(key, reference.ConversationId, budget)
                    ?? composer.Compose(Reply.Text("That earlier reply has expired; please ask again."), reference.ConversationId, budget),
                target,
                cancellationToken);
        }
        else
        {
            // Buttons from other apps or older cards: answer with the help text rather than guessing.
            var command = data.TryGetProperty(AdaptiveCardRenderer.CommandKey, out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!
                : CommandRouter.HelpCommand;
            var reply = await PrepareAsync(target, ct => dispatcher.DispatchAsync(command, Conversation(activity, reference), ct), cancellationToken);
            result = await sender.SendReplyAsync(reply, target, cancellationToken);
        }

        await DeliverAsync(reference, target, result, cancellationToken);
    }

    /// <summary>Prepares a reply off the caller's thread; if it takes longer than Teams:TypingDelay, "typing…" is shown until it is ready.</summary>
    private async Task<Reply> PrepareAsync(TeamsTarget target, Func<CancellationToken, Task<Reply>> prepare, CancellationToken cancellationToken)
    {
        var preparing = Task.Run(() => prepare(cancellationToken), cancellationToken);
        using var ready = new CancellationTokenSource();
        var typing = TypeUntilReadyAsync(target, ready.Token, cancellationToken);
        try
        {
            return await preparing;
        }
        finally
        {
            // A typing activity already on its way is let through, so it never lands after the answer.
            await ready.CancelAsync();
            await typing;
        }
    }

    private async Task TypeUntilReadyAsync(TeamsTarget target, CancellationToken ready, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_options.TypingDelay, time, ready);
            while (!ready.IsCancellationRequested)
            {
                await sender.SendTypingAsync(target, cancellationToken);
                await Task.Delay(TypingRepeat, time, ready);
            }
        }
        catch (OperationCanceledException)
        {
            // The answer is ready (or the work was cancelled).
        }
    }

    private async Task<IResult> OnConversationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        if (botId is null)
        {
            return Results.Ok();
        }

        var eventType = EventType(activity);
        if (activity.MembersRemoved?.Any(m => m?.Id == botId) == true || eventType == "teamDeleted")
        {
            await PauseAsync(activity, eventType == "teamDeleted" ? "Teams: the team was deleted" : "Teams: the bot was removed from the conversation", cancellationToken);
            return Results.Ok();
        }

        if (activity.MembersAdded?.Any(m => m?.Id == botId) != true)
        {
            return Results.Ok();
        }

        if (TeamsConversationReference.From(activity) is not { } reference)
        {
            LogIncomplete(logger, activity.Type ?? "?");
            return Results.Ok();
        }

        var target = TeamsTarget.NewMessage(reference, activity.Conversation!.Id);
        queue.Enqueue(activity.Conversation.Id!, async ct =>
            await DeliverAsync(reference, target, await sender.SendCardAsync(_ => AdaptiveCardRenderer.WelcomeCard(), target, ct), ct));
        return Results.Ok();
    }

    private async Task<IResult> OnInstallationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        // "remove" is an uninstall; "remove-upgrade" is half of a version upgrade and leaves the app installed.
        if (string.Equals(activity.Action, "remove", StringComparison.OrdinalIgnoreCase))
        {
            await PauseAsync(activity, "Teams: the app was uninstalled", cancellationToken);
        }

        return Results.Ok();
    }

    /// <summary>Pauses at once the digests the bot can no longer post: the conversation's, and for a team every channel of the team.</summary>
    private async Task PauseAsync(Activity activity, string reason, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id is { Length: > 0 } id ? TeamsConversationReference.BaseConversationId(id) : null;
        var teamId = TeamsConversationReference.TeamIdOf(activity);
        var paused = 0;
        foreach (var subscription in await subscriptions.ListActiveAsync(cancellationToken))
        {
            var conversation = subscription.Conversation;
            if (conversation.Channel != TeamsChannelPoster.ChannelName || subscription.Paused)
            {
                continue;
            }

            var matches = conversation.ConversationId == conversationId
                || (teamId is not null && (conversation.ConversationId == teamId || TeamsConversationReference.Parse(conversation.Reference)?.TeamId == teamId));
            if (matches && await subscriptions.PauseAsync(conversation.Channel, conversation.ConversationId, reason, cancellationToken))
            {
                paused++;
            }
        }

        LogRemoved(logger, reason, paused);
    }

    private static string? EventType(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("eventType", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()
            : null;

    private async Task DeliverAsync(TeamsConversationReference reference, TeamsTarget target, DeliveryResult result, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                return;
            case DeliveryOutcome.Blocked:
                // The conversation refuses the bot: stop its scheduled digests instead of failing every day (subscribing again resumes).
                LogBlocked(logger, result.Error ?? "blocked");
                await subscriptions.PauseAsync(TeamsChannelPoster.ChannelName, reference.ConversationId, "Teams: " + (result.Error ?? "blocked"), cancellationToken);
                return;
            case DeliveryOutcome.Rejected:
                // This one message was refused (too large after shrinking, or the thread it replies to is gone); the conversation is fine.
                LogRejected(logger, result.Error ?? "rejected", target.ReplyToId is null ? "new message" : "thread reply");
                return;
            default:
                LogUndelivered(logger, result.Error ?? "unknown");
                return;
        }
    }

    private static ConversationRef Conversation(Activity activity, TeamsConversationReference reference) =>
        new(TeamsChannelPoster.ChannelName, reference.ConversationId, activity.From?.Id, reference.ToJson());

    /// <summary>Removes the bot's own @mention from the text: the mention entity of the recipient names the exact "&lt;at&gt;…&lt;/at&gt;" text.</summary>
    public static string StripBotMention(Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (botId is null
                || entity.ValueKind != JsonValueKind.Object
                || !entity.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "mention"
                || !entity.TryGetProperty("mentioned", out var mentioned) || mentioned.ValueKind != JsonValueKind.Object
                || !mentioned.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() != botId)
            {
                continue;
            }

            var tag = entity.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : mentioned.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? $"<at>{n.GetString()}</at>" : null;
            if (!string.IsNullOrEmpty(tag))
            {
                // Clients differ in the case of the tag ("<at>" / "<AT>"); the SDK's RemoveRecipientMention ignores case too.
                text = text.Replace(tag, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        return text.Replace("&nbsp;", " ", StringComparison.Ordinal).Replace('\u00A0', ' ').Trim();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: malformed activity refused: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: local mode refused an activity whose serviceUrl is not on this machine")]
    private static partial void LogNotLocal(ILogger logger);

    /// <summary>True for a missing service URL (nothing will be sent) or one on a loopback address.</summary>
    private static bool IsLoopback(string? serviceUrl) =>
        string.IsNullOrEmpty(serviceUrl) || (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && uri.IsLoopback);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: request refused (401): {Reason}; activity type {Type} from {Remote}")]
    private static partial void LogRefused(ILogger logger, string reason, string type, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: {Type} activity without service URL or conversation ignored")]
    private static partial void LogIncomplete(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: activity from channel {Channel} refused (400)")]
    private static partial void LogWrongChannel(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: {Reason}; {Count} subscription(s) paused")]
    private static partial void LogRemoved(ILogger logger, string reason, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: the Bot Connector refused one message ({Reason}, {Kind}); not resent, subscriptions unaffected")]
    private static partial void LogRejected(ILogger logger, string reason, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: the conversation blocks the bot ({Reason}); not retried, its subscription (if any) is paused")]
    private static partial void LogBlocked(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams: a reply could not be delivered after retries: {Reason}")]
    private static partial void LogUndelivered(ILogger logger, string reason);
}
