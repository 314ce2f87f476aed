using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;

namespace KazBriefBot.Host.Teams;

/// <summary>Posts scheduled replies (digests) into a Teams conversation from its stored conversation reference.</summary>
public sealed class TeamsChannelPoster(TeamsSender sender) : IChannelPoster
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

        return await sender.SendReplyAsync(reply, TeamsTarget.NewMessage(reference), cancellationToken);
    }
}
