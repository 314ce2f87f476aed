using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;

namespace KazBriefBot.Host.Teams;

/// <summary>Where a message goes: the endpoint, the conversation to post in, and the ids that fill the activity.</summary>
/// <param name="PostConversationId">The conversation the activity is posted to (a channel thread keeps its ";messageid=").</param>
/// <param name="BaseConversationId">The conversation that owns subscriptions and continuations (the channel itself for a thread).</param>
/// <param name="ReplyToId">The activity replied to, or null for a new message.</param>
public sealed record TeamsTarget(
    string ServiceUrl,
    string PostConversationId,
    string BaseConversationId,
    string? ReplyToId,
    OutgoingAccount? Bot,
    OutgoingAccount? User,
    string? TenantId)
{
    /// <summary>A reply in the thread of an inbound activity (which must have a service URL and conversation).</summary>
    public static TeamsTarget ReplyTo(Activity activity, TeamsConversationReference reference) => new(
        activity.ServiceUrl!,
        activity.Conversation!.Id!,
        reference.ConversationId,
        activity.Id,
        activity.Recipient?.Id is { } botId ? new OutgoingAccount(botId, activity.Recipient.Name) : null,
        activity.From?.Id is { } userId ? new OutgoingAccount(userId, activity.From.Name) : null,
        reference.TenantId);

    /// <summary>A new message in the stored conversation (scheduled digests, welcome cards).</summary>
    public static TeamsTarget NewMessage(TeamsConversationReference reference, string? postConversationId = null) => new(
        reference.ServiceUrl,
        postConversationId ?? reference.ConversationId,
        reference.ConversationId,
        null,
        reference.BotId is null ? null : new OutgoingAccount(reference.BotId, reference.BotName),
        null,
        reference.TenantId);
}

/// <summary>Composes a reply into a card that fits and posts it; a card Teams still finds too large is composed smaller and sent once, never resent as it was.</summary>
public sealed partial class TeamsSender(BotConnectorClient connector, TeamsMessageComposer composer, ILogger<TeamsSender> logger)
{
    /// <summary>Posts the first card of a reply.</summary>
    public Task<DeliveryResult> SendReplyAsync(Reply reply, TeamsTarget target, CancellationToken cancellationToken) =>
        SendCardAsync(budget => composer.Compose(reply, target.BaseConversationId, budget), target, cancellationToken);

    /// <summary>Posts the card <paramref name="compose"/> builds for a budget (UTF-16 bytes); on 413 the budget is halved, down to <see cref="TeamsMessageComposer.MinimumBytes"/>.</summary>
    public async Task<DeliveryResult> SendCardAsync(Func<int, JsonObject> compose, TeamsTarget target, CancellationToken cancellationToken)
    {
        var budget = composer.MaxBytes;
        string? previous = null;
        while (true)
        {
            var activity = TeamsMessageComposer.Message(compose(budget), target.Bot, target.User, new OutgoingConversation(target.PostConversationId, target.TenantId), target.ReplyToId);
            var payload = System.Text.Json.JsonSerializer.Serialize(activity, BotJson.Options);
            if (payload == previous)
            {
                // The card cannot get smaller: sending the same payload again would be refused again.
                return new DeliveryResult(DeliveryOutcome.Rejected, BotConnectorClient.MessageSizeTooBig);
            }

            var result = await connector.SendAsync(target.ServiceUrl, target.PostConversationId, target.ReplyToId, activity, cancellationToken);
            if (result.Outcome != DeliveryOutcome.Rejected || result.Error != BotConnectorClient.MessageSizeTooBig || budget <= TeamsMessageComposer.MinimumBytes)
            {
                return result;
            }

            // Half of what was refused (not of the budget: a card smaller than its budget would come out the same).
            var next = Math.Max(Math.Min(budget, payload.Length * 2) / 2, TeamsMessageComposer.MinimumBytes);
            LogTooBig(logger, payload.Length * 2, next);
            previous = payload;
            budget = next;
        }
    }

    /// <summary>Shows "typing…" in the conversation; best effort, never retried beyond the client's own policy.</summary>
    public Task<DeliveryResult> SendTypingAsync(TeamsTarget target, CancellationToken cancellationToken) =>
        connector.SendAsync(
            target.ServiceUrl,
            target.PostConversationId,
            replyToId: null,
            new OutgoingActivity { Type = "typing", From = target.Bot, Recipient = target.User, Conversation = new OutgoingConversation(target.PostConversationId, target.TenantId) },
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: a message of {Bytes} UTF-16 bytes was refused as too large (413); sending it composed for {Budget} bytes instead")]
    private static partial void LogTooBig(ILogger logger, int bytes, int budget);
}
