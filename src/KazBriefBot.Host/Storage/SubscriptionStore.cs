using KazBriefBot.Engine.Commands;
using Microsoft.Data.Sqlite;
using static KazBriefBot.Host.Storage.SqliteValues;

namespace KazBriefBot.Host.Storage;

/// <summary>Daily digest subscriptions, one per conversation (channel + conversation id), in the SQLite database.</summary>
/// <remarks>Channels call <see cref="PauseAsync"/> when a conversation refuses the bot; subscribing again resumes.</remarks>
public sealed class SubscriptionStore(SqliteDatabase database, TimeProvider time, ILogger<SubscriptionStore> logger)
{
    private const string Columns =
        "id, channel, conversation_id, user_id, reference, local_time, time_zone, active_from, paused, paused_reason, paused_at, created_at";

    /// <summary>Creates the conversation's subscription or updates its time, zone and stored reference; resumes it if paused.</summary>
    public Task<SubscribeResult> SubscribeAsync(ConversationRef conversation, TimeOnly localTime, string timeZoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = ToMs(time.GetUtcNow());
        var wanted = new TimeOnly(localTime.Hour, localTime.Minute);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var existing = Read(connection, transaction, conversation.Channel, conversation.ConversationId, activeOnly: false);
        SubscribeChange change;
        if (existing is null)
        {
            using var insert = Command(
                connection,
                """
                INSERT INTO subscriptions (channel, conversation_id, user_id, reference, local_time, time_zone, active_from, created_at, updated_at)
                VALUES ($channel, $conversation, $user, $reference, $time, $zone, $now, $now, $now)
                """,
                ("$channel", conversation.Channel), ("$conversation", conversation.ConversationId), ("$user", OrNull(conversation.UserId)),
                ("$reference", OrNull(conversation.Reference)), ("$time", Time(wanted)), ("$zone", timeZoneId), ("$now", now));
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
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
            using var update = Command(
                connection,
                """
                UPDATE subscriptions SET user_id = coalesce($user, user_id), reference = coalesce($reference, reference),
                    local_time = $time, time_zone = $zone, active = 1, paused = 0, paused_reason = NULL, paused_at = NULL,
                    active_from = CASE WHEN $restart THEN $now ELSE active_from END,
                    created_at = CASE WHEN active = 0 THEN $now ELSE created_at END, updated_at = $now
                WHERE id = $id
                """,
                ("$user", OrNull(conversation.UserId)), ("$reference", OrNull(conversation.Reference)), ("$time", Time(wanted)),
                ("$zone", timeZoneId), ("$restart", restart), ("$now", now), ("$id", subscription.Id));
            update.Transaction = transaction;
            update.ExecuteNonQuery();
        }

        var stored = Read(connection, transaction, conversation.Channel, conversation.ConversationId, activeOnly: true)!.Value.Subscription;
        transaction.Commit();
        logger.LogInformation("Subscription {Id} {Change}: {Channel}/{Conversation} daily at {Time} {Zone}", stored.Id, change, conversation.Channel, conversation.ConversationId, Time(wanted), timeZoneId);
        return Task.FromResult(new SubscribeResult(stored, change));
    }

    /// <summary>Ends the conversation's subscription; returns false when it had none. The row is kept (inactive) for the ledger.</summary>
    public Task<bool> UnsubscribeAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(
            connection,
            "UPDATE subscriptions SET active = 0, updated_at = $now WHERE channel = $channel AND conversation_id = $conversation AND active = 1",
            ("$now", ToMs(time.GetUtcNow())), ("$channel", channel), ("$conversation", conversationId));
        var changed = command.ExecuteNonQuery() == 1;
        if (changed)
        {
            logger.LogInformation("Unsubscribed {Channel}/{Conversation}", channel, conversationId);
        }

        return Task.FromResult(changed);
    }

    /// <summary>The conversation's active subscription, or null.</summary>
    public Task<Subscription?> FindAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(Read(connection, null, channel, conversationId, activeOnly: true)?.Subscription);
    }

    /// <summary>Every active subscription, paused ones included.</summary>
    public Task<IReadOnlyList<Subscription>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(connection, $"SELECT {Columns} FROM subscriptions WHERE active = 1 ORDER BY id");
        using var reader = command.ExecuteReader();
        var list = new List<Subscription>();
        while (reader.Read())
        {
            list.Add(Map(reader));
        }

        return Task.FromResult<IReadOnlyList<Subscription>>(list);
    }

    /// <summary>Stops scheduled posts to a conversation that refuses the bot (channels call it on a Blocked delivery). Returns false when there is no active subscription.</summary>
    public Task<bool> PauseAsync(string channel, string conversationId, string reason, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var now = ToMs(time.GetUtcNow());
        using var command = Command(
            connection,
            """
            UPDATE subscriptions SET paused = 1, paused_reason = $reason, paused_at = CASE WHEN paused = 1 THEN paused_at ELSE $now END, updated_at = $now
            WHERE channel = $channel AND conversation_id = $conversation AND active = 1
            """,
            ("$reason", reason), ("$now", now), ("$channel", channel), ("$conversation", conversationId));
        var changed = command.ExecuteNonQuery() == 1;
        if (changed)
        {
            logger.LogWarning("Subscription {Channel}/{Conversation} paused: {Reason}", channel, conversationId, reason);
        }

        return Task.FromResult(changed);
    }

    /// <summary>Resumes a paused subscription from now on (digests missed while paused are not sent). Returns false when it was not paused.</summary>
    public Task<bool> ResumeAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var now = ToMs(time.GetUtcNow());
        using var command = Command(
            connection,
            """
            UPDATE subscriptions SET paused = 0, paused_reason = NULL, paused_at = NULL, active_from = $now, updated_at = $now
            WHERE channel = $channel AND conversation_id = $conversation AND active = 1 AND paused = 1
            """,
            ("$now", now), ("$channel", channel), ("$conversation", conversationId));
        var changed = command.ExecuteNonQuery() == 1;
        if (changed)
        {
            logger.LogInformation("Subscription {Channel}/{Conversation} resumed", channel, conversationId);
        }

        return Task.FromResult(changed);
    }

    private static (Subscription Subscription, bool Active)? Read(SqliteConnection connection, SqliteTransaction? transaction, string channel, string conversationId, bool activeOnly)
    {
        using var command = Command(
            connection,
            $"SELECT {Columns}, active FROM subscriptions WHERE channel = $channel AND conversation_id = $conversation" + (activeOnly ? " AND active = 1" : string.Empty),
            ("$channel", channel), ("$conversation", conversationId));
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (Map(reader), reader.GetBoolean(reader.GetOrdinal("active"))) : null;
    }

    private static Subscription Map(SqliteDataReader reader) => new(
        reader.GetInt64(reader.GetOrdinal("id")),
        new ConversationRef(
            reader.GetString(reader.GetOrdinal("channel")),
            reader.GetString(reader.GetOrdinal("conversation_id")),
            NullableString(reader, "user_id"),
            NullableString(reader, "reference")),
        ParseTime(reader.GetString(reader.GetOrdinal("local_time"))),
        reader.GetString(reader.GetOrdinal("time_zone")),
        FromMs(reader.GetInt64(reader.GetOrdinal("active_from"))),
        reader.GetBoolean(reader.GetOrdinal("paused")),
        NullableString(reader, "paused_reason"),
        NullableMs(reader, "paused_at"),
        FromMs(reader.GetInt64(reader.GetOrdinal("created_at"))));
}
