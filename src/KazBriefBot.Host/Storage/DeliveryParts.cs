using Microsoft.Data.Sqlite;
using static KazBriefBot.Host.Storage.SqliteValues;

namespace KazBriefBot.Host.Storage;

/// <summary>What is known of one part of a multi-part reply.</summary>
public enum PartStatus
{
    /// <summary>Never sent, or refused outright (the service said no, so it was not posted).</summary>
    Pending,

    /// <summary>Sent, but the answer never came (timeout, lost connection, 5xx): it may be posted. Resolved before any re-post.</summary>
    Unknown,

    /// <summary>The service accepted it (its id is known). Never sent again.</summary>
    Posted,
}

/// <summary>One part of a reply as recorded before and after each attempt.</summary>
public sealed record DeliveryPart(
    string DeliveryKey,
    int Part,
    int Parts,
    string Target,
    string? Thread,
    string Payload,
    PartStatus Status,
    string? RemoteId,
    int Attempts,
    DateTimeOffset? FirstAttemptAt,
    string? LastError);

/// <summary>
/// Per-part records of replies that a channel posts as several messages, so that a retry (by the scheduler, by the sender,
/// or after a restart) sends only the parts that are missing, each at most once. The parts are stored rendered at the first
/// attempt: a retry posts the very same messages even if the reply would now be composed differently.
/// </summary>
public sealed class DeliveryPartLedger(SqliteDatabase database, TimeProvider time)
{
    private const string Columns = "delivery_key, part, parts, target, thread, payload, status, remote_id, attempts, first_attempt_at, last_error";

    private int _sincePrune;

    /// <summary>How long part records are kept; older ones are pruned now and then.</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Records the parts of a reply unless the key already has them, and returns the stored parts in order. When the key is
    /// known, the stored payloads win over <paramref name="payloads"/> (a retry re-renders the same reply).
    /// </summary>
    public Task<IReadOnlyList<DeliveryPart>> BeginAsync(string deliveryKey, string channel, string target, string? thread, IReadOnlyList<string> payloads, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryKey);
        ArgumentNullException.ThrowIfNull(payloads);
        cancellationToken.ThrowIfCancellationRequested();
        var now = ToMs(time.GetUtcNow());
        using var connection = database.Open();
        PruneNowAndThen(connection, now);
        using var transaction = connection.BeginTransaction(deferred: false);
        var existing = Read(connection, transaction, deliveryKey);
        if (existing.Count == 0)
        {
            for (var i = 0; i < payloads.Count; i++)
            {
                using var insert = Command(
                    connection,
                    """
                    INSERT INTO delivery_parts (delivery_key, part, parts, channel, target, thread, payload, status, created_at, updated_at)
                    VALUES ($key, $part, $parts, $channel, $target, $thread, $payload, 'pending', $now, $now)
                    """,
                    ("$key", deliveryKey), ("$part", i), ("$parts", payloads.Count), ("$channel", channel), ("$target", target),
                    ("$thread", OrNull(thread)), ("$payload", payloads[i]), ("$now", now));
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            existing = Read(connection, transaction, deliveryKey);
        }

        transaction.Commit();
        return Task.FromResult<IReadOnlyList<DeliveryPart>>(existing);
    }

    /// <summary>The stored parts of a reply, in order (empty when unknown).</summary>
    public Task<IReadOnlyList<DeliveryPart>> ListAsync(string deliveryKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult<IReadOnlyList<DeliveryPart>>(Read(connection, null, deliveryKey));
    }

    /// <summary>Marks a part as being sent now (unknown until the answer comes), counting the attempt. False when it is already posted.</summary>
    public Task<bool> MarkSendingAsync(string deliveryKey, int part, CancellationToken cancellationToken = default) =>
        Update(
            deliveryKey,
            part,
            "status = 'unknown', attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, $now)",
            "status <> 'posted'",
            cancellationToken);

    /// <summary>Records that the service accepted the part, with its id (Slack ts).</summary>
    public Task<bool> MarkPostedAsync(string deliveryKey, int part, string? remoteId, CancellationToken cancellationToken = default) =>
        Update(deliveryKey, part, "status = 'posted', remote_id = $remote, last_error = NULL", null, cancellationToken, ("$remote", OrNull(remoteId)));

    /// <summary>Records that the service refused the part outright (it was not posted), with why.</summary>
    public Task<bool> MarkNotPostedAsync(string deliveryKey, int part, string error, CancellationToken cancellationToken = default) =>
        Update(deliveryKey, part, "status = 'pending', last_error = $error", "status <> 'posted'", cancellationToken, ("$error", error));

    /// <summary>Records an attempt whose outcome is unknown (it stays unknown), with why.</summary>
    public Task<bool> MarkUnknownAsync(string deliveryKey, int part, string error, CancellationToken cancellationToken = default) =>
        Update(deliveryKey, part, "status = 'unknown', last_error = $error", "status <> 'posted'", cancellationToken, ("$error", error));

    private Task<bool> Update(string deliveryKey, int part, string assignments, string? condition, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(
            connection,
            $"UPDATE delivery_parts SET {assignments}, updated_at = $now WHERE delivery_key = $key AND part = $part" + (condition is null ? string.Empty : " AND " + condition),
            [.. parameters, ("$now", ToMs(time.GetUtcNow())), ("$key", deliveryKey), ("$part", part)]);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    private void PruneNowAndThen(SqliteConnection connection, long now)
    {
        if (Interlocked.Increment(ref _sincePrune) % 200 != 1)
        {
            return;
        }

        using var prune = Command(connection, "DELETE FROM delivery_parts WHERE updated_at < $cutoff", ("$cutoff", now - (long)Retention.TotalMilliseconds));
        prune.ExecuteNonQuery();
    }

    private static List<DeliveryPart> Read(SqliteConnection connection, SqliteTransaction? transaction, string deliveryKey)
    {
        using var command = Command(connection, $"SELECT {Columns} FROM delivery_parts WHERE delivery_key = $key ORDER BY part", ("$key", deliveryKey));
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var parts = new List<DeliveryPart>();
        while (reader.Read())
        {
            parts.Add(new DeliveryPart(
                reader.GetString(reader.GetOrdinal("delivery_key")),
                reader.GetInt32(reader.GetOrdinal("part")),
                reader.GetInt32(reader.GetOrdinal("parts")),
                reader.GetString(reader.GetOrdinal("target")),
                NullableString(reader, "thread"),
                reader.GetString(reader.GetOrdinal("payload")),
                Enum.Parse<PartStatus>(reader.GetString(reader.GetOrdinal("status")), ignoreCase: true),
                NullableString(reader, "remote_id"),
                reader.GetInt32(reader.GetOrdinal("attempts")),
                NullableMs(reader, "first_attempt_at"),
                NullableString(reader, "last_error")));
        }

        return parts;
    }
}
