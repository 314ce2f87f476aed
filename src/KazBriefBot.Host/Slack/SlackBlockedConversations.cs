using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Storage;

namespace KazBriefBot.Host.Slack;

/// <summary>Reacts when Slack refuses the bot in a conversation (channel_not_found, not_in_channel, account_inactive) on the reply path.</summary>
public sealed partial class SlackBlockedConversations(IServiceProvider services, ILogger<SlackBlockedConversations> logger)
{
    // Optional so that the channel works in hosts built without subscriptions.
    private readonly SubscriptionStore? _subscriptions = services.GetService<SubscriptionStore>();

    /// <summary>Pauses the conversation's digest subscription, if any, so the scheduler stops posting there.</summary>
    public async Task PauseAsync(ConversationRef conversation, string reason, CancellationToken cancellationToken)
    {
        if (_subscriptions is null)
        {
            LogNoStore(logger, conversation.ConversationId, reason);
            return;
        }

        var paused = await _subscriptions.PauseAsync(conversation.Channel, conversation.ConversationId, reason, cancellationToken).ConfigureAwait(false);
        LogBlocked(logger, conversation.ConversationId, reason, paused);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refuses the bot in {Conversation} ({Reason}); subscription paused: {Paused}")]
    private static partial void LogBlocked(ILogger logger, string conversation, string reason, bool paused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refuses the bot in {Conversation} ({Reason}); no subscription store to pause")]
    private static partial void LogNoStore(ILogger logger, string conversation, string reason);
}
