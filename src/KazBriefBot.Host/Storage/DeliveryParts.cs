using System.Data.Common;
using static KazBriefBot.Host.Storage.StoredValues;

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
/// after a restart, or by another host that took the work over) sends only the parts that are missing, each at most once.
/// The parts are stored rendered at the first attempt: a retry posts the very same messages even if the reply would now be
/// composed differently.
/// </summary>
public sealed class DeliveryPartLedger(BotDatabase database, TimeProvider time)
{
    private const string Columns = "delivery_key, part, parts, target, thread, payload, status, remote_id, attempts, first_attempt_at, last_error";

    private int _sincePrune;

    /// <summary>How long part records are kept; older ones are pruned now and then.</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Records the parts of a reply unless the key already has them, and returns the stored parts in order. When the key is
    /// known, the stored payloads win over <paramref name="payloads"/> (a retry re-renders the same reply).
    /// </summary>
    public async Task<IReadOnlyList<DeliveryPart>> BeginAsync(string deliveryKey, string channel, string target, string? thread, IReadOnlyList<string> payloads, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryKey);
        ArgumentNullException.ThrowIfNull(payloads);
        var now = ToMs(time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await PruneNowAndThenAsync(connection, now, cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, "parts:" + deliveryKey, cancellationToken).ConfigureAwait(false);
        var existing = await ReadAsync(connection, transaction, deliveryKey, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            for (var i = 0; i < payloads.Count; i++)
            {
                await ExecuteAsync(
                    connection,
                    transaction,
                    """
                    INSERT INTO delivery_parts (delivery_key, part, parts, channel, target, thread, payload, status, created_at, updated_at)
                    VALUES (@key, @part, @parts, @channel, @target, @thread, @payload, 'pending', @now, @now)
                    """,
                    cancellationToken,
                    ("@key", deliveryKey), ("@part", i), ("@parts", payloads.Count), ("@channel", channel), ("@target", target),
                    ("@thread", OrNull(thread)), ("@payload", payloads[i]), ("@now", now)).ConfigureAwait(false);
            }

            existing = await ReadAsync(connection, transaction, deliveryKey, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return existing;
    }

    /// <summary>The stored parts of a reply, in order (empty when unknown).</summary>
    public async Task<IReadOnlyList<DeliveryPart>> ListAsync(string deliveryKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, deliveryKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a part as being sent now (unknown until the answer comes), counting the attempt. False when it is already posted.</summary>
    public Task<bool> MarkSendingAsync(string deliveryKey, int part, CancellationToken cancellationToken = default) =>
        Update(
            deliveryKey,
            part,
            "status = 'unknown', attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, @now)",
            "status <> 'posted'",
            cancellationToken);

    /// <summary>Records that the service accepted the part, with its id (Slack ts).</summary>
    public Task<bool> MarkPostedAsync(string deliveryKey, int part, string? remoteId, CancellationToken cancellationToken = default) =>
        Update(deliveryKey, part, "status = 'posted', remote_id = @remote, last_error = NULL", null, cancellationToken, ("@remote", OrNull(remoteId)));

    /// <summary>Records that the service refused the part outright (it was not posted), with why.</summary>
    public Task<bool> MarkNotPostedAsync(string deliveryKey, int part, string error, CancellationToken cancellationToken = default) =>
        Update(deliveryKey, part, "status = 'pending', last_error = @error", "status <> 'posted'", cancellationToken, ("@error", error));

    /// <summary>Records an attempt whose outcome is unknown (it stays unknown), with why.</summary>
    public Task<bool> MarkUnknownAsync(string deliveryKey, int part, string error, CancellationToken cancellationToken = default) =>
        Update(deliveryKey, part, "status = 'unknown', last_error = @error", "status <> 'posted'", cancellationToken, ("@error", error));

    private async Task<bool> Update(string deliveryKey, int part, string assignments, string? condition, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            null,
            $"UPDATE delivery_parts SET {assignments}, updated_at = @now WHERE delivery_key = @key AND part = @part" + (condition is null ? string.Empty : " AND " + condition),
            cancellationToken,
            [.. parameters, ("@now", ToMs(time.GetUtcNow())), ("@key", deliveryKey), ("@part", part)]).ConfigureAwait(false) == 1;
    }

    private async Task PruneNowAndThenAsync(DbConnection connection, long now, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sincePrune) % 200 != 1)
        {
            return;
        }

        await ExecuteAsync(connection, null, "DELETE FROM delivery_parts WHERE updated_at < @cutoff", cancellationToken, ("@cutoff", now - (long)Retention.TotalMilliseconds)).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<DeliveryPart>> ReadAsync(DbConnection connection, DbTransaction? transaction, string deliveryKey, CancellationToken cancellationToken) =>
        await QueryAsync(
            connection,
            transaction,
            $"SELECT {Columns} FROM delivery_parts WHERE delivery_key = @key ORDER BY part",
            reader => new DeliveryPart(
                String(reader, "delivery_key"),
                Int32(reader, "part"),
                Int32(reader, "parts"),
                String(reader, "target"),
                NullableString(reader, "thread"),
                String(reader, "payload"),
                Enum.Parse<PartStatus>(String(reader, "status"), ignoreCase: true),
                NullableString(reader, "remote_id"),
                Int32(reader, "attempts"),
                NullableMs(reader, "first_attempt_at"),
                NullableString(reader, "last_error")),
            cancellationToken,
            ("@key", deliveryKey)).ConfigureAwait(false);
}
