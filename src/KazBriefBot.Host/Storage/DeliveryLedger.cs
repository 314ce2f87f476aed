using System.Text.Json;
using Microsoft.Data.Sqlite;
using static KazBriefBot.Host.Storage.SqliteValues;

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

/// <summary>The delivery ledger: at most one row per (subscription, local day), claimed atomically before a digest is posted.</summary>
public sealed class DeliveryLedger(SqliteDatabase database, TimeProvider time)
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
        Query($"SELECT {Columns} FROM deliveries WHERE subscription_id = $id ORDER BY local_day DESC LIMIT $limit", cancellationToken, ("$id", subscriptionId), ("$limit", limit));

    /// <summary>The subscription's most recent delivered digest, or null.</summary>
    public async Task<Delivery?> LastDeliveredAsync(long subscriptionId, CancellationToken cancellationToken = default) =>
        (await Query($"SELECT {Columns} FROM deliveries WHERE subscription_id = $id AND status = 'delivered' ORDER BY local_day DESC LIMIT 1", cancellationToken, ("$id", subscriptionId)).ConfigureAwait(false))
        .FirstOrDefault();

    /// <summary>Article ids already delivered to the subscription in digests of <paramref name="fromDay"/> or later.</summary>
    public async Task<IReadOnlySet<string>> DeliveredArticleIdsAsync(long subscriptionId, DateOnly fromDay, CancellationToken cancellationToken = default)
    {
        var rows = await Query(
            $"SELECT {Columns} FROM deliveries WHERE subscription_id = $id AND status = 'delivered' AND local_day >= $day",
            cancellationToken,
            ("$id", subscriptionId),
            ("$day", Day(fromDay))).ConfigureAwait(false);
        return rows.SelectMany(r => r.ArticleIds).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Atomically claims a row for sending: it must be pending and due for its attempt, or sending with an expired lease
    /// (its claimer died). One UPDATE decides, so of two instances (or a restarted one) only one wins. Counts the attempt.
    /// </summary>
    /// <returns>The claimed row, or null when someone else holds it or it is not due.</returns>
    public Task<Delivery?> TryClaimAsync(long deliveryId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var command = Command(
            connection,
            $"""
            UPDATE deliveries SET status = 'sending', attempts = attempts + 1, lease_owner = $owner, lease_until = $until, next_attempt_at = NULL, updated_at = $now
            WHERE id = $id AND ((status = 'pending' AND coalesce(next_attempt_at, 0) <= $now) OR (status = 'sending' AND lease_until <= $now))
            RETURNING {Columns}
            """,
            ("$owner", owner), ("$until", ToMs(now + lease)), ("$now", ToMs(now)), ("$id", deliveryId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Map(reader) : null);
    }

    /// <summary>Confirms a claimed row as delivered; false when the claim was lost (lease expired and taken by another instance).</summary>
    public Task<bool> MarkDeliveredAsync(long deliveryId, string owner, IReadOnlyList<string> articleIds, CancellationToken cancellationToken = default) =>
        UpdateOwned(
            deliveryId,
            owner,
            "status = 'delivered', delivered_at = $now, last_error = NULL, lease_until = NULL, article_ids = $articles",
            cancellationToken,
            ("$articles", JsonSerializer.Serialize(articleIds)));

    /// <summary>Returns a claimed row to pending for another attempt at <paramref name="nextAttemptAt"/>, recording the error.</summary>
    public Task<bool> MarkRetryAsync(long deliveryId, string owner, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default) =>
        UpdateOwned(
            deliveryId,
            owner,
            "status = 'pending', next_attempt_at = $next, last_error = $error, lease_until = NULL",
            cancellationToken,
            ("$next", ToMs(nextAttemptAt)),
            ("$error", error));

    /// <summary>Marks a claimed row failed (final), recording why.</summary>
    public Task<bool> MarkFailedAsync(long deliveryId, string owner, string error, CancellationToken cancellationToken = default) =>
        UpdateOwned(deliveryId, owner, "status = 'failed', last_error = $error, lease_until = NULL", cancellationToken, ("$error", error));

    /// <summary>Closes an open row nobody holds (pending, or sending with an expired lease) as failed or skipped; false if it moved on meanwhile.</summary>
    public Task<bool> CloseUnclaimedAsync(long deliveryId, DeliveryStatus status, string reason, CancellationToken cancellationToken = default)
    {
        if (status is not (DeliveryStatus.Failed or DeliveryStatus.Skipped))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only failed or skipped close a row.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = ToMs(time.GetUtcNow());
        using var connection = database.Open();
        using var command = Command(
            connection,
            """
            UPDATE deliveries SET status = $status, last_error = $reason, lease_until = NULL, updated_at = $now
            WHERE id = $id AND (status = 'pending' OR (status = 'sending' AND lease_until <= $now))
            """,
            ("$status", Name(status)), ("$reason", reason), ("$now", now), ("$id", deliveryId));
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    internal static string Name(DeliveryStatus status) => status.ToString().ToLowerInvariant();

    private Task<bool> Insert(long subscriptionId, DateOnly day, DateTimeOffset dueAt, string status, string? error, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(
            connection,
            """
            INSERT INTO deliveries (subscription_id, local_day, due_at, status, last_error, updated_at)
            VALUES ($subscription, $day, $due, $status, $error, $now)
            ON CONFLICT (subscription_id, local_day) DO NOTHING
            """,
            ("$subscription", subscriptionId), ("$day", Day(day)), ("$due", ToMs(dueAt)), ("$status", status), ("$error", OrNull(error)), ("$now", ToMs(time.GetUtcNow())));
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    private Task<bool> UpdateOwned(long deliveryId, string owner, string assignments, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(
            connection,
            $"UPDATE deliveries SET {assignments}, updated_at = $now WHERE id = $id AND status = 'sending' AND lease_owner = $owner",
            [.. parameters, ("$now", ToMs(time.GetUtcNow())), ("$id", deliveryId), ("$owner", owner)]);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    private Task<IReadOnlyList<Delivery>> Query(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<Delivery>();
        while (reader.Read())
        {
            rows.Add(Map(reader));
        }

        return Task.FromResult<IReadOnlyList<Delivery>>(rows);
    }

    private static Delivery Map(SqliteDataReader reader)
    {
        var articles = NullableString(reader, "article_ids");
        return new Delivery(
            reader.GetInt64(reader.GetOrdinal("id")),
            reader.GetInt64(reader.GetOrdinal("subscription_id")),
            ParseDay(reader.GetString(reader.GetOrdinal("local_day"))),
            FromMs(reader.GetInt64(reader.GetOrdinal("due_at"))),
            Enum.Parse<DeliveryStatus>(reader.GetString(reader.GetOrdinal("status")), ignoreCase: true),
            reader.GetInt32(reader.GetOrdinal("attempts")),
            NullableString(reader, "last_error"),
            NullableMs(reader, "next_attempt_at"),
            NullableString(reader, "lease_owner"),
            NullableMs(reader, "lease_until"),
            NullableMs(reader, "delivered_at"),
            articles is null ? [] : JsonSerializer.Deserialize<string[]>(articles) ?? []);
    }
}
