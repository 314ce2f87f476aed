using KazBriefBot.Engine.Commands;

namespace KazBriefBot.Host.Scheduling;

/// <summary>Posts a reply into a conversation without a user message (scheduled digests); one implementation per channel.</summary>
public interface IChannelPoster
{
    /// <summary>The channel this poster serves: "teams" or "slack" (matches ConversationRef.Channel).</summary>
    string Channel { get; }

    /// <summary>Posts the reply to the conversation; never throws for remote failures, reports them in the result.</summary>
    Task<DeliveryResult> PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken);

    /// <summary>
    /// Posts one scheduled delivery. <paramref name="deliveryKey"/> names it across attempts and restarts, so a channel that
    /// posts a reply in several parts can send on a retry only the parts an earlier attempt did not post.
    /// </summary>
    Task<DeliveryResult> PostAsync(ConversationRef conversation, Reply reply, string deliveryKey, CancellationToken cancellationToken) =>
        PostAsync(conversation, reply, cancellationToken);
}

/// <summary>How a delivery ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>The service accepted the message.</summary>
    Delivered,

    /// <summary>A transient failure (429, 5xx, timeout, connection lost): try again later.</summary>
    RetryLater,

    /// <summary>The conversation refuses the bot (Teams MessageWritesBlocked, Slack channel_not_found / not_in_channel / account_inactive): pause its subscription.</summary>
    Blocked,

    /// <summary>The service refused this message for good (Slack msg_blocks_too_long, invalid_auth, missing_scope…; Teams 413/400): never retried
    /// unchanged, while the conversation still accepts others.</summary>
    Rejected,
}

/// <summary>The result of one delivery attempt.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered);
}
