using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;

namespace KazBriefBot.Host.Commands;

/// <summary>unsubscribe: stops this conversation's daily digest.</summary>
public sealed class UnsubscribeHandler(SubscriptionStore store) : IHostCommandHandler
{
    public string Name => "unsubscribe";

    public string Usage => "unsubscribe";

    public string Summary => "Stop the daily digest in this conversation.";

    public async Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var conversation = invocation.Conversation;
        if (!SubscriptionSchedule.CanReceiveScheduledPosts(conversation.Channel))
        {
            return Reply.Text(SubscriptionText.CannotReceive(conversation.Channel));
        }

        var removed = await store.UnsubscribeAsync(conversation.Channel, conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        return Reply.Text(removed
            ? "Unsubscribed: no more daily digests in this conversation. Type `subscribe` to start again."
            : "This conversation has no digest subscription; nothing to stop.");
    }
}
