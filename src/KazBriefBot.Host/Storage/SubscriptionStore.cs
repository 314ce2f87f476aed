using System.Data.Common;
using KazBriefBot.Engine.Commands;
using static KazBriefBot.Host.Storage.StoredValues;

namespace KazBriefBot.Host.Storage;

/// <summary>Daily digest subscriptions, one per conversation (channel + conversation id), in the bot's database.</summary>
/// <remarks>Channels call <see cref="PauseAsync"/> when a conversation refuses the bot; subscribing again resumes.</remarks>
public sealed class SubscriptionStore(BotDatabase database, TimeProvider time, ILogger<SubscriptionStore> logger)
{
    private const string Columns =
        "id, channel, conversation_id, user_id, reference, local_time, time_zone, active_from, paused, paused_reason, paused_at, created_at";

    /// <summary>Creates the conversation's subscription or updates its time, zone and stored reference; resumes it if paused.</summary>
    public async Task<SubscribeResult> SubscribeAsync(ConversationRef conversation, TimeOnly localTime, string timeZoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        var now = ToMs(time.GetUtcNow());
        var wanted = new TimeOnly(localTime.Hour, localTime.Minute);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Read, then insert or update: two hosts subscribing one conversation at once take turns on its name.
        await using var transaction = await database.BeginWriteAsync(connection, $"subscription:{conversation.Channel}:{conversation.ConversationId}", cancellationToken).ConfigureAwait(false);
        var existing = await ReadAsync(connection, transaction, conversation.Channel, conversation.ConversationId, activeOnly: false, cancellationToken).ConfigureAwait(false);
        SubscribeChange change;
        if (existing is null)
        {
            await ExecuteAsync(
                connection,
                transaction,
                """
                INSERT INTO subscriptions (channel, conversation_id, user_id, reference, local_time, time_zone, active_from, created_at, updated_at)
                VALUES (@channel, @conversation, @user, @reference, @time, @zone, @now, @now, @now)
                """,
                cancellationToken,
                ("@channel", conversation.Channel), ("@conversation", conversation.ConversationId), ("@user", OrNull(conversation.UserId)),
                ("@reference", OrNull(conversation.Reference)), ("@time", Time(wanted)), ("@zone", timeZoneId), ("@now", now)).ConfigureAwait(false);
            change = SubscribeChange.Created;
        }
        else
        {
            var (subscription, active) = existing.Value;
            var scheduleChanged = subscription.LocalTime != wanted || !string.Equals(subscription.TimeZoneId, timeZoneId, StringComparison.Ordinal);
            change = !active ? SubscribeChange.Created
                : subscription.Paused ? SubscribeChange.Resumed
                : scheduleChanged ? SubscribeChange.Updated
                : SubscribeChange.Unchanged;

            // A new, changed or resumed schedule owes nothing that was due before now: no surprise catch-up post.
            var restart = change != SubscribeChange.Unchanged;
            await ExecuteAsync(
                connection,
                transaction,
                """
                UPDATE subscriptions SET user_id = coalesce(@user, user_id), reference = coalesce(@reference, reference),
                    local_time = @time, time_zone = @zone, active = TRUE, paused = FALSE, paused_reason = NULL, paused_at = NULL,
                    active_from = CASE WHEN @restart THEN @now ELSE active_from END,
                    created_at = CASE WHEN active THEN created_at ELSE @now END, updated_at = @now
                WHERE id = @id
                """,
                cancellationToken,
                ("@user", OrNull(conversation.UserId)), ("@reference", OrNull(conversation.Reference)), ("@time", Time(wanted)),
                ("@zone", timeZoneId), ("@restart", restart), ("@now", now), ("@id", subscription.Id)).ConfigureAwait(false);
        }

        var stored = (await ReadAsync(connection, transaction, conversation.Channel, conversation.ConversationId, activeOnly: true, cancellationToken).ConfigureAwait(false))!.Value.Subscription;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Subscription {Id} {Change}: {Channel}/{Conversation} daily at {Time} {Zone}", stored.Id, change, conversation.Channel, conversation.ConversationId, Time(wanted), timeZoneId);
        return new SubscribeResult(stored, change);
    }

    /// <summary>Ends the conversation's subscription; returns false when it had none. The row is kept (inactive) for the ledger.</summary>
    public async Task<bool> UnsubscribeAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await ExecuteAsync(
            connection,
            null,
            "UPDATE subscriptions SET active = FALSE, updated_at = @now WHERE channel = @channel AND conversation_id = @conversation AND active = TRUE",
            cancellationToken,
            ("@now", ToMs(time.GetUtcNow())), ("@channel", channel), ("@conversation", conversationId)).ConfigureAwait(false) == 1;
        if (changed)
        {
            logger.LogInformation("Unsubscribed {Channel}/{Conversation}", channel, conversationId);
        }

        return changed;
    }

    /// <summary>The conversation's active subscription, or null.</summary>
    public async Task<Subscription?> FindAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(connection, null, channel, conversationId, activeOnly: true, cancellationToken).ConfigureAwait(false))?.Subscription;
    }

    /// <summary>Every active subscription, paused ones included.</summary>
    public async Task<IReadOnlyList<Subscription>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, $"SELECT {Columns} FROM subscriptions WHERE active = TRUE ORDER BY id", Map, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops scheduled posts to a conversation that refuses the bot (channels call it on a Blocked delivery). Returns false when there is no active subscription.</summary>
    public async Task<bool> PauseAsync(string channel, string conversationId, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await ExecuteAsync(
            connection,
            null,
            """
            UPDATE subscriptions SET paused = TRUE, paused_reason = @reason, paused_at = CASE WHEN paused THEN paused_at ELSE @now END, updated_at = @now
            WHERE channel = @channel AND conversation_id = @conversation AND active = TRUE
            """,
            cancellationToken,
            ("@reason", reason), ("@now", ToMs(time.GetUtcNow())), ("@channel", channel), ("@conversation", conversationId)).ConfigureAwait(false) == 1;
        if (changed)
        {
            logger.LogWarning("Subscription {Channel}/{Conversation} paused: {Reason}", channel, conversationId, reason);
        }

        return changed;
    }

    /// <summary>Resumes a paused subscription from now on (digests missed while paused are not sent). Returns false when it was not paused.</summary>
    public async Task<bool> ResumeAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await ExecuteAsync(
            connection,
            null,
            """
            UPDATE subscriptions SET paused = FALSE, paused_reason = NULL, paused_at = NULL, active_from = @now, updated_at = @now
            WHERE channel = @channel AND conversation_id = @conversation AND active = TRUE AND paused = TRUE
            """,
            cancellationToken,
            ("@now", ToMs(time.GetUtcNow())), ("@channel", channel), ("@conversation", conversationId)).ConfigureAwait(false) == 1;
        if (changed)
        {
            logger.LogInformation("Subscription {Channel}/{Conversation} resumed", channel, conversationId);
        }

        return changed;
    }

    private static async Task<(Subscription Subscription, bool Active)?> ReadAsync(DbConnection connection, DbTransaction? transaction, string channel, string conversationId, bool activeOnly, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            connection,
            transaction,
            $"SELECT {Columns}, active FROM subscriptions WHERE channel = @channel AND conversation_id = @conversation" + (activeOnly ? " AND active = TRUE" : string.Empty),
            reader => (Map(reader), Boolean(reader, "active")),
            cancellationToken,
            ("@channel", channel), ("@conversation", conversationId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static Subscription Map(DbDataReader reader) => new(
        Int64(reader, "id"),
        new ConversationRef(
            String(reader, "channel"),
            String(reader, "conversation_id"),
            NullableString(reader, "user_id"),
            NullableString(reader, "reference")),
        ParseTime(String(reader, "local_time")),
        String(reader, "time_zone"),
        FromMs(Int64(reader, "active_from")),
        Boolean(reader, "paused"),
        NullableString(reader, "paused_reason"),
        NullableMs(reader, "paused_at"),
        FromMs(Int64(reader, "created_at")));
}
