using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;

namespace KazBriefBot.Host.Slack;

/// <summary>Where a Slack conversation lives: the workspace, the channel and, for a thread, its parent ts (stored as ConversationRef.Reference).</summary>
public sealed record SlackConversation(string? TeamId, string ChannelId, string? ThreadTs = null)
{
    /// <summary>The channel-neutral reference the router and the subscription store keep.</summary>
    public ConversationRef ToRef(string? userId)
    {
        var reference = new JsonObject { ["team_id"] = TeamId, ["channel_id"] = ChannelId };
        if (ThreadTs is not null)
        {
            reference["thread_ts"] = ThreadTs;
        }

        return new ConversationRef(SlackChannel.Name, ChannelId, userId, reference.ToJsonString());
    }

    /// <summary>Reads a stored reference; falls back to the conversation id as the channel when the JSON is absent or broken.</summary>
    public static SlackConversation? FromRef(ConversationRef conversation)
    {
        if (!string.IsNullOrWhiteSpace(conversation.Reference))
        {
            try
            {
                var node = JsonNode.Parse(conversation.Reference) as JsonObject;
                var channel = Str(node, "channel_id");
                if (!string.IsNullOrEmpty(channel))
                {
                    return new SlackConversation(Str(node, "team_id"), channel, Str(node, "thread_ts"));
                }
            }
            catch (JsonException)
            {
                // Fall through to the conversation id.
            }
        }

        return string.IsNullOrWhiteSpace(conversation.ConversationId) ? null : new SlackConversation(null, conversation.ConversationId);
    }

    private static string? Str(JsonObject? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>Delivers rendered replies: chat.postMessage per message part, or posts to a response_url.</summary>
public sealed partial class SlackReplySender(SlackApiClient api, ILogger<SlackReplySender> logger)
{
    /// <summary>Posts every part of the reply to the channel (in the thread when given); stops at the first failure and reports it.</summary>
    public async Task<DeliveryResult> PostAsync(string channel, string? threadTs, Reply reply, CancellationToken cancellationToken)
    {
        foreach (var message in SlackBlockRenderer.Render(reply))
        {
            var result = await api.PostMessageAsync(channel, message, threadTs, cancellationToken).ConfigureAwait(false);
            if (!result.Ok)
            {
                LogNotDelivered(logger, channel, result.Error ?? "unknown");
                return result.ToDelivery();
            }
        }

        return DeliveryResult.Delivered;
    }

    /// <summary>Posts every part of the reply to a response_url (Slack accepts up to five posts within 30 minutes).</summary>
    public async Task<DeliveryResult> RespondAsync(Uri responseUrl, IEnumerable<SlackMessage> messages, string responseType, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var result = await api.PostToResponseUrlAsync(responseUrl, message, responseType, cancellationToken).ConfigureAwait(false);
            if (!result.Ok)
            {
                LogNotDelivered(logger, "response_url", result.Error ?? "unknown");
                return result.ToDelivery();
            }
        }

        return DeliveryResult.Delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack reply to {Target} not delivered: {Error}")]
    private static partial void LogNotDelivered(ILogger logger, string target, string error);
}

/// <summary>Posts scheduled digests to Slack channels with chat.postMessage.</summary>
public sealed class SlackChannelPoster(SlackReplySender sender) : IChannelPoster
{
    public string Channel => SlackChannel.Name;

    public Task<DeliveryResult> PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        var target = SlackConversation.FromRef(conversation);
        return target is null
            ? Task.FromResult(new DeliveryResult(DeliveryOutcome.Blocked, "channel_not_found"))
            : sender.PostAsync(target.ChannelId, target.ThreadTs, reply, cancellationToken);
    }
}
