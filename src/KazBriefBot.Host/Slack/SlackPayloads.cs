using System.Text.Json.Nodes;

namespace KazBriefBot.Host.Slack;

/// <summary>A user message the bot answers: an app_mention or a direct message, with the mention removed.</summary>
public sealed record SlackIncomingMessage(string Kind, SlackConversation Conversation, string UserId, string Text, string Ts, string ReplyThreadTs)
{
    // Subtypes that still carry a person's message; every other subtype (bot_message, message_changed, channel_join…) is ignored.
    private static readonly HashSet<string> UserSubtypes = new(StringComparer.Ordinal) { "file_share", "thread_broadcast" };

    /// <summary>The message to answer, or null when the event is not one the bot answers (bots, itself, edits, channel chatter).</summary>
    public static SlackIncomingMessage? From(JsonObject envelope, JsonObject ev, string? configuredBotUserId)
    {
        var type = SlackEndpoints.Str(ev, "type");
        var isMention = type == "app_mention";
        var isDirect = type == "message" && SlackEndpoints.Str(ev, "channel_type") == "im";
        if (!isMention && !isDirect)
        {
            return null;
        }

        var botUserId = configuredBotUserId ?? BotUserIdFrom(envelope);
        var subtype = SlackEndpoints.Str(ev, "subtype");
        var user = SlackEndpoints.Str(ev, "user");
        var channel = SlackEndpoints.Str(ev, "channel");
        var ts = SlackEndpoints.Str(ev, "ts");
        if (ev["bot_id"] is not null || ev["bot_profile"] is not null
            || (subtype is not null && !UserSubtypes.Contains(subtype))
            || string.IsNullOrEmpty(user) || user == botUserId
            || string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(ts))
        {
            return null;
        }

        var threadTs = SlackEndpoints.Str(ev, "thread_ts");
        var team = SlackEndpoints.Str(envelope, "team_id") ?? SlackEndpoints.Str(ev, "team");
        var text = SlackRequestReader.ToPlainText(SlackRequestReader.StripBotMention(SlackEndpoints.Str(ev, "text"), botUserId));
        return new SlackIncomingMessage(type!, new SlackConversation(team, channel, threadTs), user, text, ts, threadTs ?? ts);
    }

    private static string? BotUserIdFrom(JsonObject envelope)
    {
        if (envelope["authorizations"] is JsonArray authorizations)
        {
            foreach (var authorization in authorizations.OfType<JsonObject>())
            {
                if (authorization["is_bot"] is JsonValue isBot && isBot.TryGetValue<bool>(out var b) && b)
                {
                    return SlackEndpoints.Str(authorization, "user_id");
                }
            }
        }

        return null;
    }
}

/// <summary>A click on one of our follow-up buttons: the command text to route and where to answer.</summary>
/// <param name="IsEphemeral">The button sat under an ephemeral message (container.is_ephemeral): its follow-up stays ephemeral.</param>
public sealed record SlackButtonClick(string CommandText, SlackConversation Conversation, string? UserId, string? MessageTs, Uri? ResponseUrl, bool IsEphemeral = false, string? ActionTs = null)
{
    /// <summary>The click, or null when the payload holds no KazBrief button with a command (menus, other apps' buttons).</summary>
    public static SlackButtonClick? From(JsonObject payload)
    {
        var action = (payload["actions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(a =>
            SlackEndpoints.Str(a, "type") == "button"
            && (SlackEndpoints.Str(a, "action_id") ?? string.Empty).StartsWith(SlackBlockRenderer.FollowUpActionPrefix, StringComparison.Ordinal)
            && !string.IsNullOrWhiteSpace(SlackEndpoints.Str(a, "value")));
        if (action is null)
        {
            return null;
        }

        var container = payload["container"] as JsonObject;
        var channel = SlackEndpoints.Str(payload["channel"] as JsonObject, "id") ?? SlackEndpoints.Str(container, "channel_id");
        if (string.IsNullOrEmpty(channel))
        {
            return null;
        }

        var team = SlackEndpoints.Str(payload["team"] as JsonObject, "id") ?? SlackEndpoints.Str(payload["user"] as JsonObject, "team_id");
        var responseUrl = Uri.TryCreate(SlackEndpoints.Str(payload, "response_url"), UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;
        return new SlackButtonClick(
            SlackEndpoints.Str(action, "value")!,
            new SlackConversation(team, channel, SlackEndpoints.Str(container, "thread_ts")),
            SlackEndpoints.Str(payload["user"] as JsonObject, "id"),
            SlackEndpoints.Str(container, "message_ts"),
            responseUrl,
            container?["is_ephemeral"] is JsonValue e && e.TryGetValue<bool>(out var ephemeral) && ephemeral,
            SlackEndpoints.Str(action, "action_ts"));
    }
}
