using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KazBriefBot.Host.Teams;

/// <summary>A Bot Framework activity as Teams sends it (only the fields the bot reads; unknown fields are ignored).</summary>
public sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ChannelId { get; set; }

    public string? ServiceUrl { get; set; }

    public ChannelAccount? From { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public string? Text { get; set; }

    public string? ReplyToId { get; set; }

    public JsonElement? Value { get; set; }

    public List<JsonElement>? Entities { get; set; }

    public JsonElement? ChannelData { get; set; }

    public List<ChannelAccount>? MembersAdded { get; set; }

    public List<ChannelAccount>? MembersRemoved { get; set; }

    /// <summary>installationUpdate: "add", "remove", "add-upgrade" or "remove-upgrade".</summary>
    public string? Action { get; set; }
}

/// <summary>A user or bot in a conversation.</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }
}

/// <summary>The conversation an activity belongs to.</summary>
public sealed class ConversationAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    public bool? IsGroup { get; set; }
}

/// <summary>An activity the bot sends to the Bot Connector.</summary>
public sealed record OutgoingActivity
{
    public string Type { get; init; } = "message";

    public OutgoingAccount? From { get; init; }

    public OutgoingAccount? Recipient { get; init; }

    public OutgoingConversation? Conversation { get; init; }

    public string? ReplyToId { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public JsonElement? ChannelData { get; init; }
}

/// <summary>An account in an outgoing activity.</summary>
public sealed record OutgoingAccount(string Id, string? Name = null);

/// <summary>A conversation in an outgoing activity.</summary>
public sealed record OutgoingConversation(string Id, string? TenantId = null);

/// <summary>A card attached to a message.</summary>
public sealed record Attachment(string ContentType, JsonElement Content);

/// <summary>JSON settings of the Bot Framework wire format (camelCase, nulls left out).</summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Sent as an HTTP body, never embedded in HTML: keep non-ASCII text compact so the 80 KB budget is spent on content.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
