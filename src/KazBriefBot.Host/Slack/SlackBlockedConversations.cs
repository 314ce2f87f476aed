using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;

namespace KazBriefBot.Host.Slack;

/// <summary>Reacts when Slack refuses the bot in a conversation (channel_not_found, not_in_channel, account_inactive) on the reply path,
/// and when a workspace uninstalls the app.</summary>
public sealed partial class SlackBlockedConversations(IServiceProvider services, SlackApiClient api, ILogger<SlackBlockedConversations> logger)
{
    // Optional so that the channel works in hosts built without subscriptions.
    private readonly SubscriptionStore? _subscriptions = services.GetService<SubscriptionStore>();

    /// <summary>Pauses the conversation's digest subscription, if any, so the scheduler stops posting there, and tells its subscriber.</summary>
    public async Task<bool> PauseAsync(ConversationRef conversation, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (_subscriptions is null)
        {
            LogNoStore(logger, conversation.ConversationId, reason);
            return false;
        }

        var before = await _subscriptions.FindAsync(conversation.Channel, conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        var paused = await _subscriptions.PauseAsync(conversation.Channel, conversation.ConversationId, reason, cancellationToken).ConfigureAwait(false);
        LogBlocked(logger, conversation.ConversationId, reason, paused);
        if (paused && before is { Paused: false, Conversation.UserId: { Length: > 0 } subscriber } && SlackConversation.FromRef(before.Conversation) is { } target)
        {
            await SlackNotices.TellSubscriberAsync(api, target, subscriber, new DeliveryResult(DeliveryOutcome.Blocked, reason), logger, cancellationToken).ConfigureAwait(false);
        }

        return paused;
    }

    /// <summary>Pauses every active Slack subscription of the team (the app was uninstalled or its tokens revoked); returns how many.</summary>
    public async Task<int> PauseTeamAsync(string teamId, string reason, CancellationToken cancellationToken)
    {
        if (_subscriptions is null)
        {
            return 0;
        }

        var count = 0;
        foreach (var subscription in await _subscriptions.ListActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            if (subscription.Conversation.Channel == SlackChannel.Name && !subscription.Paused
                && SlackConversation.FromRef(subscription.Conversation)?.TeamId == teamId
                && await _subscriptions.PauseAsync(SlackChannel.Name, subscription.Conversation.ConversationId, reason, cancellationToken).ConfigureAwait(false))
            {
                count++;
            }
        }

        LogTeamPaused(logger, teamId, reason, count);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refuses the bot in {Conversation} ({Reason}); subscription paused: {Paused}")]
    private static partial void LogBlocked(ILogger logger, string conversation, string reason, bool paused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refuses the bot in {Conversation} ({Reason}); no subscription store to pause")]
    private static partial void LogNoStore(ILogger logger, string conversation, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack team {Team}: {Reason}; {Count} subscriptions paused")]
    private static partial void LogTeamPaused(ILogger logger, string team, string reason, int count);
}
