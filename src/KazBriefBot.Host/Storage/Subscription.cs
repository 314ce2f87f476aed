using KazBriefBot.Engine.Commands;

namespace KazBriefBot.Host.Storage;

/// <summary>A conversation's daily digest subscription as stored.</summary>
/// <param name="Id">Stable per conversation: unsubscribing and subscribing again keeps it, so the ledger still prevents repeats.</param>
/// <param name="Conversation">Where to post, including the channel's reference JSON.</param>
/// <param name="LocalTime">When the digest is due, in <paramref name="TimeZoneId"/>.</param>
/// <param name="TimeZoneId">IANA time-zone id.</param>
/// <param name="ActiveFrom">Only digests due at or after this instant are owed (set on subscribe, schedule change and resume).</param>
public sealed record Subscription(
    long Id,
    ConversationRef Conversation,
    TimeOnly LocalTime,
    string TimeZoneId,
    DateTimeOffset ActiveFrom,
    bool Paused,
    string? PausedReason,
    DateTimeOffset? PausedAt,
    DateTimeOffset CreatedAt);

/// <summary>What a subscribe call changed.</summary>
public enum SubscribeChange
{
    /// <summary>A new subscription.</summary>
    Created,

    /// <summary>The time or time zone changed.</summary>
    Updated,

    /// <summary>Same schedule as before; only the stored reference was refreshed.</summary>
    Unchanged,

    /// <summary>A paused subscription was resumed (and possibly rescheduled).</summary>
    Resumed,
}

/// <summary>The subscription after a subscribe call and what changed.</summary>
public sealed record SubscribeResult(Subscription Subscription, SubscribeChange Change);
