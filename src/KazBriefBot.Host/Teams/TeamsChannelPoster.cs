using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;

namespace KazBriefBot.Host.Teams;

/// <summary>Posts scheduled replies (digests) into a Teams conversation from its stored conversation reference.</summary>
public sealed class TeamsChannelPoster(BotConnectorClient connector, TeamsMessageComposer composer) : IChannelPoster
{
    public const string ChannelName = "teams";

    public string Channel => ChannelName;

    public async Task<DeliveryResult> PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        var reference = TeamsConversationReference.Parse(conversation.Reference);
        if (reference is null)
        {
            // Without a service URL there is nowhere to post; retrying cannot help, so the subscription is paused.
            return new DeliveryResult(DeliveryOutcome.Blocked, "no Teams conversation reference stored for this subscription");
        }

        var card = composer.Compose(reply);
        var activity = TeamsMessageComposer.Message(
            card,
            reference.BotId is null ? null : new OutgoingAccount(reference.BotId, reference.BotName),
            recipient: null,
            new OutgoingConversation(reference.ConversationId, reference.TenantId),
            replyToId: null);
        return await connector.SendAsync(reference.ServiceUrl, reference.ConversationId, replyToId: null, activity, cancellationToken);
    }
}
