using System.Data.Common;
using System.Text.Json;
using static KazBriefBot.Host.Storage.StoredValues;

namespace KazBriefBot.Host.Storage;

/// <summary>State of one (subscription, day) digest in the ledger.</summary>
public enum DeliveryStatus
{
    /// <summary>Owed and waiting for its (next) attempt.</summary>
    Pending,

    /// <summary>Claimed by a scheduler instance that is posting it now (or died doing so: retried when the lease runs out).</summary>
    Sending,

    /// <summary>The channel accepted it. Final.</summary>
    Delivered,

    /// <summary>Given up after the last attempt, blocked, or expired. Final, logged.</summary>
    Failed,

    /// <summary>Missed by more than the grace period (the host was down). Final.</summary>
    Skipped,
}

/// <summary>One ledger row: the digest of a subscription's local day and how its delivery went.</summary>
public sealed record Delivery(
    long Id,
    long SubscriptionId,
    DateOnly LocalDay,
    DateTimeOffset DueAt,
    DeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<string> ArticleIds);

/// <summary>
/// The delivery ledger: at most one row per (subscription, local day), claimed atomically before a digest is posted. Every
/// host sharing the database sees the same rows, so a day's digest is claimed by one host at a time (a conditional UPDATE
/// decides; under PostgreSQL the second claimer waits for the first's row lock, then finds the row no longer claimable).
/// </summary>
public sealed class DeliveryLedger(BotDatabase database, TimeProvider time)
{
    private const string Columns =
        "id, subscription_id, local_day, due_at, status, attempts, last_error, next_attempt_at, lease_owner, lease_until, delivered_at, article_ids";

    /// <summary>Records that the day's digest is owed (pending); returns false when the day already has a row (whatever its state).</summary>
    public Task<bool> RecordDueAsync(long subscriptionId, DateOnly day, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        Insert(subscriptionId, day, dueAt, "pending", null, cancellationToken);

    /// <summary>Records that the day's digest was missed beyond the grace period; returns false when the day already has a row.</summary>
    public Task<bool> RecordSkippedAsync(long subscriptionId, DateOnly day, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken = default) =>
        Insert(subscriptionId, day, dueAt, "skipped", reason, cancellationToken);

    /// <summary>Pending rows and sending rows (claimed, unconfirmed) of every subscription, oldest due first.</summary>
    public Task<IReadOnlyList<Delivery>> ListOpenAsync(CancellationToken cancellationToken = default) =>
        Query($"SELECT {Columns} FROM deliveries WHERE status IN ('pending', 'sending') ORDER BY due_at, id", cancellationToken);

    /// <summary>The subscription's rows, newest day first.</summary>
    public Task<IReadOnlyList<Delivery>> ListAsync(long subscriptionId, int limit = 31, CancellationToken cancellationToken = default) =>
        Query($"SELECT {Columns} FROM deliveries WHERE subscription_id = @id ORDER BY local_day DESC LIMIT @limit", cancellationToken, ("@id", subscriptionId), ("@limit", limit));

    /// <summary>The subscription's most recent delivered digest, or null.</summary>
    public async Task<Delivery?> LastDeliveredAsync(long subscriptionId, CancellationToken cancellationToken = default) =>
        (await Query($"SELECT {Columns} FROM deliveries WHERE subscription_id = @id AND status = 'delivered' ORDER BY local_day DESC LIMIT 1", cancellationToken, ("@id", subscriptionId)).ConfigureAwait(false))
        .FirstOrDefault();

    /// <summary>Article ids already delivered to the subscription in digests of <paramref name="fromDay"/> or later.</summary>
    public async Task<IReadOnlySet<string>> DeliveredArticleIdsAsync(long subscriptionId, DateOnly fromDay, CancellationToken cancellationToken = default)
    {
        var rows = await Query(
            $"SELECT {Columns} FROM deliveries WHERE subscription_id = @id AND status = 'delivered' AND local_day >= @day",
            cancellationToken,
            ("@id", subscriptionId),
            ("@day", Day(fromDay))).ConfigureAwait(false);
        return rows.SelectMany(r => r.ArticleIds).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Atomically claims a row for sending: it must be pending and due for its attempt, or sending with an expired lease
    /// (its claimer died: the lease is taken over). One UPDATE decides, so of two instances or hosts (or a restarted one)
    /// only one wins. Counts the attempt.
    /// </summary>
    /// <returns>The claimed row, or null when someone else holds it or it is not due.</returns>
    public async Task<Delivery?> TryClaimAsync(long deliveryId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var rows = await Query(
            $"""
            UPDATE deliveries SET status = 'sending', attempts = attempts + 1, lease_owner = @owner, lease_until = @until, next_attempt_at = NULL, updated_at = @now
            WHERE id = @id AND ((status = 'pending' AND coalesce(next_attempt_at, 0) <= @now) OR (status = 'sending' AND lease_until <= @now))
            RETURNING {Columns}
            """,
            cancellationToken,
            ("@owner", owner), ("@until", ToMs(now + lease)), ("@now", ToMs(now)), ("@id", deliveryId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Confirms a claimed row as delivered; false when the claim was lost (lease expired and taken by another instance).</summary>
    public Task<bool> MarkDeliveredAsync(long deliveryId, string owner, IReadOnlyList<string> articleIds, CancellationToken cancellationToken = default) =>
        UpdateOwned(
            deliveryId,
            owner,
            "status = 'delivered', delivered_at = @now, last_error = NULL, lease_until = NULL, article_ids = @articles",
            cancellationToken,
            ("@articles", JsonSerializer.Serialize(articleIds)));

    /// <summary>Returns a claimed row to pending for another attempt at <paramref name="nextAttemptAt"/>, recording the error.</summary>
    public Task<bool> MarkRetryAsync(long deliveryId, string owner, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default) =>
        UpdateOwned(
            deliveryId,
            owner,
            "status = 'pending', next_attempt_at = @next, last_error = @error, lease_until = NULL",
            cancellationToken,
            ("@next", ToMs(nextAttemptAt)),
            ("@error", error));

    /// <summary>Marks a claimed row failed (final), recording why.</summary>
    public Task<bool> MarkFailedAsync(long deliveryId, string owner, string error, CancellationToken cancellationToken = default) =>
        UpdateOwned(deliveryId, owner, "status = 'failed', last_error = @error, lease_until = NULL", cancellationToken, ("@error", error));

    /// <summary>Closes an open row nobody holds (pending, or sending with an expired lease) as failed or skipped; false if it moved on meanwhile.</summary>
    public async Task<bool> CloseUnclaimedAsync(long deliveryId, DeliveryStatus status, string reason, CancellationToken cancellationToken = default)
    {
        if (status is not (DeliveryStatus.Failed or DeliveryStatus.Skipped))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only failed or skipped close a row.");
        }

        var now = ToMs(time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            null,
            """
            UPDATE deliveries SET status = @status, last_error = @reason, lease_until = NULL, updated_at = @now
            WHERE id = @id AND (status = 'pending' OR (status = 'sending' AND lease_until <= @now))
            """,
            cancellationToken,
            ("@status", Name(status)), ("@reason", reason), ("@now", now), ("@id", deliveryId)).ConfigureAwait(false) == 1;
    }

    internal static string Name(DeliveryStatus status) => status.ToString().ToLowerInvariant();

    private async Task<bool> Insert(long subscriptionId, DateOnly day, DateTimeOffset dueAt, string status, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            null,
            """
            INSERT INTO deliveries (subscription_id, local_day, due_at, status, last_error, updated_at)
            VALUES (@subscription, @day, @due, @status, @error, @now)
            ON CONFLICT (subscription_id, local_day) DO NOTHING
            """,
            cancellationToken,
            ("@subscription", subscriptionId), ("@day", Day(day)), ("@due", ToMs(dueAt)), ("@status", status), ("@error", OrNull(error)), ("@now", ToMs(time.GetUtcNow()))).ConfigureAwait(false) == 1;
    }

    private async Task<bool> UpdateOwned(long deliveryId, string owner, string assignments, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            null,
            $"UPDATE deliveries SET {assignments}, updated_at = @now WHERE id = @id AND status = 'sending' AND lease_owner = @owner",
            cancellationToken,
            [.. parameters, ("@now", ToMs(time.GetUtcNow())), ("@id", deliveryId), ("@owner", owner)]).ConfigureAwait(false) == 1;
    }

    private async Task<IReadOnlyList<Delivery>> Query(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, sql, Map, cancellationToken, parameters).ConfigureAwait(false);
    }

    private static Delivery Map(DbDataReader reader)
    {
        var articles = NullableString(reader, "article_ids");
        return new Delivery(
            Int64(reader, "id"),
            Int64(reader, "subscription_id"),
            ParseDay(String(reader, "local_day")),
            FromMs(Int64(reader, "due_at")),
            Enum.Parse<DeliveryStatus>(String(reader, "status"), ignoreCase: true),
            Int32(reader, "attempts"),
            NullableString(reader, "last_error"),
            NullableMs(reader, "next_attempt_at"),
            NullableString(reader, "lease_owner"),
            NullableMs(reader, "lease_until"),
            NullableMs(reader, "delivered_at"),
            articles is null ? [] : JsonSerializer.Deserialize<string[]>(articles) ?? []);
    }
}
