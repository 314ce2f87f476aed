using System.Text.Json;

namespace KazBriefBot.Host.Teams;

/// <summary>What the bot needs to post into a Teams conversation later (stored as ConversationRef.Reference at subscribe time).</summary>
/// <param name="ServiceUrl">The Bot Connector endpoint of the conversation's region.</param>
/// <param name="ConversationId">Where proactive posts go: the chat, or the channel itself for a channel thread.</param>
/// <param name="TenantId">The Microsoft 365 tenant.</param>
/// <param name="BotId">The bot's account id in the conversation ("28:app-id").</param>
/// <param name="BotName">The bot's display name.</param>
/// <param name="ChannelId">The Bot Framework channel ("msteams").</param>
/// <param name="TeamId">The team of a channel conversation (channelData.team.id), so that removing the bot from the team pauses every channel's digest.</param>
public sealed record TeamsConversationReference(string ServiceUrl, string ConversationId, string? TenantId, string? BotId, string? BotName, string ChannelId = "msteams", string? TeamId = null)
{
    /// <summary>Builds the reference of an inbound activity, or null when the activity lacks a service URL or conversation.</summary>
    public static TeamsConversationReference? From(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl) || string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return null;
        }

        var tenant = activity.Conversation.TenantId ?? TenantFromChannelData(activity);
        return new TeamsConversationReference(
            activity.ServiceUrl,
            BaseConversationId(activity.Conversation.Id),
            tenant,
            activity.Recipient?.Id,
            activity.Recipient?.Name,
            activity.ChannelId ?? "msteams",
            TeamIdOf(activity));
    }

    /// <summary>The team an activity comes from (channelData.team.id), or null outside teams.</summary>
    public static string? TeamIdOf(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("team", out var team) && team.ValueKind == JsonValueKind.Object
        && team.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>A channel thread's id is "19:…@thread.tacv2;messageid=…"; subscriptions and proactive posts belong to the channel itself.</summary>
    public static string BaseConversationId(string conversationId)
    {
        var marker = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? conversationId : conversationId[..marker];
    }

    public string ToJson() => JsonSerializer.Serialize(this, BotJson.Options);

    /// <summary>Reads a stored reference; null when the JSON is missing or not a Teams reference.</summary>
    public static TeamsConversationReference? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var reference = JsonSerializer.Deserialize<TeamsConversationReference>(json, BotJson.Options);
            return reference is { ServiceUrl.Length: > 0, ConversationId.Length: > 0 } ? reference : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? TenantFromChannelData(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
