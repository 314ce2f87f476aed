using KazBriefBot.Engine.Commands;

namespace KazBriefBot.Host.Slack;

/// <summary>Reacts when Slack refuses the bot in a conversation (channel_not_found, not_in_channel, account_inactive) on the reply path.</summary>
public sealed partial class SlackBlockedConversations(ILogger<SlackBlockedConversations> logger)
{
    /// <summary>Pauses the conversation's digest subscription, if any, so the scheduler stops posting there.</summary>
    public Task PauseAsync(ConversationRef conversation, string reason, CancellationToken cancellationToken)
    {
        // TODO(slack): call SubscriptionStore.PauseAsync(conversation.Channel, conversation.ConversationId, reason) once the
        // scheduler's Storage/SubscriptionStore.cs exists; until then the scheduler pauses on its own Blocked deliveries.
        _ = cancellationToken;
        LogBlocked(logger, conversation.ConversationId, reason);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refuses the bot in {Conversation} ({Reason}); its subscription should be paused")]
    private static partial void LogBlocked(ILogger logger, string conversation, string reason);
}
