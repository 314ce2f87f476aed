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

/// <summary>Handles POST /api/messages: authenticates the request, then answers messages, card actions and installs.</summary>
public sealed partial class TeamsActivityHandler(
    BotFrameworkAuthenticator authenticator,
    ChatDispatcher dispatcher,
    TeamsMessageComposer composer,
    BotConnectorClient connector,
    SubscriptionStore subscriptions,
    IOptions<TeamsOptions> options,
    ILogger<TeamsActivityHandler> logger)
{
    /// <summary>The invoke name of Universal Actions (Action.Execute).</summary>
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    /// <summary>Activities are a few KB; anything above this is refused before parsing.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly TeamsOptions _options = options.Value;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large", detail: $"Activities are at most {MaxBodyBytes} bytes.");
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
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The body is not a JSON Bot Framework activity.");
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's body limit (chunked bodies without a length) or a broken request.
            return Results.Problem(statusCode: ex.StatusCode, title: "Bad request", detail: "The request body could not be read.");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The activity has no type.");
        }

        if (!_options.IsLocalMode)
        {
            var auth = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), activity, cancellationToken);
            if (!auth.Succeeded)
            {
                LogRefused(logger, auth.Reason ?? "invalid", activity.Type, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return Results.Unauthorized();
            }
        }

        else if (!IsLoopback(activity.ServiceUrl))
        {
            // Unauthenticated local mode must not make the bot post to arbitrary hosts: only to the Emulator or a test on this machine.
            LogNotLocal(logger);
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Local mode answers local clients only",
                detail: "Without Teams:AppId the bot replies only to service URLs on this machine (the Bot Framework Emulator). Configure Teams:AppId and Teams:AppPassword to serve Teams.");
        }

        switch (activity.Type)
        {
            case "message":
                await OnMessageAsync(activity, cancellationToken);
                return Results.Ok();
            case "invoke" when string.Equals(activity.Name, AdaptiveCardActionInvoke, StringComparison.OrdinalIgnoreCase):
                return await OnCardActionAsync(activity, cancellationToken);
            case "conversationUpdate":
                await OnConversationUpdateAsync(activity, cancellationToken);
                return Results.Ok();
            default:
                // Reactions, typing, other invokes and unknown types: acknowledged, nothing else.
                return Results.Ok();
        }
    }

    private async Task OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (TeamsConversationReference.From(activity) is null)
        {
            LogIncomplete(logger, activity.Type ?? "?");
            return;
        }

        JsonObject card;
        if (activity.Value is { ValueKind: JsonValueKind.Object } value)
        {
            // Action.Submit: the button's data arrives as the message value.
            card = await FollowUpCardAsync(activity, value, cancellationToken);
        }
        else
        {
            var text = StripBotMention(activity);
            var reply = await dispatcher.DispatchAsync(text, Conversation(activity), cancellationToken);
            card = composer.Compose(reply);
        }

        await ReplyAsync(activity, card, cancellationToken);
    }

    private async Task<IResult> OnCardActionAsync(Activity activity, CancellationToken cancellationToken)
    {
        // Universal Actions: value = { action: { type: "Action.Execute", verb, data }, trigger }; the answer is a card in the HTTP response.
        JsonElement data = default;
        var known = activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
            && verb.GetString() == AdaptiveCardRenderer.CommandVerb
            && action.TryGetProperty("data", out data) && data.ValueKind == JsonValueKind.Object;
        if (!known || TeamsConversationReference.From(activity) is null)
        {
            return Results.Json(new JsonObject
            {
                ["statusCode"] = 400,
                ["type"] = "application/vnd.microsoft.error",
                ["value"] = new JsonObject { ["code"] = "BadRequest", ["message"] = "Unknown card action." },
            }, BotJson.Options);
        }

        var card = await FollowUpCardAsync(activity, data, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = AdaptiveCardRenderer.ContentType,
            ["value"] = card,
        }, BotJson.Options);
    }

    private async Task<JsonObject> FollowUpCardAsync(Activity activity, JsonElement data, CancellationToken cancellationToken)
    {
        if (data.TryGetProperty(AdaptiveCardRenderer.MoreKey, out var more) && more.ValueKind == JsonValueKind.String)
        {
            return composer.Continue(more.GetString()!)
                ?? composer.Compose(Reply.Text("That earlier reply has expired; please ask again."));
        }

        // Buttons from other apps or older cards: answer with the help text rather than guessing.
        var command = data.TryGetProperty(AdaptiveCardRenderer.CommandKey, out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()!
            : CommandRouter.HelpCommand;
        var reply = await dispatcher.DispatchAsync(command, Conversation(activity), cancellationToken);
        return composer.Compose(reply);
    }

    private async Task OnConversationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        if (botId is null || activity.MembersAdded?.Any(m => m?.Id == botId) != true)
        {
            return;
        }

        var reference = TeamsConversationReference.From(activity);
        if (reference is null)
        {
            LogIncomplete(logger, activity.Type ?? "?");
            return;
        }

        var welcome = TeamsMessageComposer.Message(
            AdaptiveCardRenderer.WelcomeCard(),
            new OutgoingAccount(botId, activity.Recipient?.Name),
            recipient: null,
            new OutgoingConversation(activity.Conversation!.Id!, reference.TenantId),
            replyToId: null);
        var result = await connector.SendAsync(activity.ServiceUrl!, activity.Conversation.Id!, replyToId: null, welcome, cancellationToken);
        await HandleOutcomeAsync(reference, result, cancellationToken);
    }

    private async Task ReplyAsync(Activity activity, JsonObject card, CancellationToken cancellationToken)
    {
        var message = TeamsMessageComposer.Message(
            card,
            activity.Recipient?.Id is { } botId ? new OutgoingAccount(botId, activity.Recipient.Name) : null,
            activity.From?.Id is { } userId ? new OutgoingAccount(userId, activity.From.Name) : null,
            new OutgoingConversation(activity.Conversation!.Id!, TeamsConversationReference.From(activity)?.TenantId),
            activity.Id);
        var result = await connector.SendAsync(activity.ServiceUrl!, activity.Conversation.Id!, activity.Id, message, cancellationToken);
        await HandleOutcomeAsync(TeamsConversationReference.From(activity)!, result, cancellationToken);
    }

    private async Task HandleOutcomeAsync(TeamsConversationReference reference, DeliveryResult result, CancellationToken cancellationToken)
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
            default:
                LogUndelivered(logger, result.Error ?? "unknown");
                return;
        }
    }

    private static ConversationRef Conversation(Activity activity)
    {
        var reference = TeamsConversationReference.From(activity)!;
        return new ConversationRef(TeamsChannelPoster.ChannelName, reference.ConversationId, activity.From?.Id, reference.ToJson());
    }

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
                text = text.Replace(tag, " ", StringComparison.Ordinal);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: the conversation blocks the bot ({Reason}); not retried, its subscription (if any) is paused")]
    private static partial void LogBlocked(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams: a reply could not be delivered after retries: {Reason}")]
    private static partial void LogUndelivered(ILogger logger, string reason);
}
