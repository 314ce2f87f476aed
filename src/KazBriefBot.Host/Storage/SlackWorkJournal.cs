using System.Data.Common;
using static KazBriefBot.Host.Storage.StoredValues;

namespace KazBriefBot.Host.Storage;

/// <summary>What a piece of acknowledged Slack work answers.</summary>
public enum SlackJobKind
{
    /// <summary>A mention or direct message, answered in its thread.</summary>
    Message,

    /// <summary>A slash command, answered through its response_url.</summary>
    Command,

    /// <summary>A click on one of the bot's follow-up buttons.</summary>
    Click,

    /// <summary>app_uninstalled or tokens_revoked: forget the workspace and pause its subscriptions.</summary>
    Revocation,
}

/// <summary>One row of acknowledged Slack work, as claimed by a host.</summary>
public sealed record SlackJob(long Id, SlackJobKind Kind, string Payload, int Attempts);

/// <summary>
/// Slack's event dedupe and its acknowledged work, in the shared database. An event is accepted in one transaction that
/// marks its ids seen and records the work, so a retry of the event that reaches another host is answered once, and a host
/// killed after acknowledging leaves the row behind: when its lease runs out another host (or the restarted one) claims it.
/// </summary>
public sealed class SlackWorkJournal(BotDatabase database, TimeProvider time)
{
    /// <summary>Attempts after which a row is dropped rather than claimed again (work that kills every host that runs it).</summary>
    public const int MaxAttempts = 5;

    private int _sincePrune;

    /// <summary>
    /// Marks every key seen for <paramref name="dedupeWindow"/> and records the work, leased to <paramref name="owner"/>.
    /// Returns the row id, or null when one of the keys was already seen within its window (a retry: nothing recorded).
    /// </summary>
    public async Task<long?> TryAcceptAsync(IReadOnlyList<string> dedupeKeys, SlackJobKind kind, string payload, string owner, TimeSpan lease, TimeSpan dedupeWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dedupeKeys);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await PruneNowAndThenAsync(connection, ToMs(now), cancellationToken).ConfigureAwait(false);
        // No lock beyond the rows': a second host inserting the same key waits for the first's commit, then finds it taken.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var key in dedupeKeys)
        {
            // Inserted, or revived when its window is over; a live row (another host's, or this one's) changes nothing.
            var fresh = await ExecuteAsync(
                connection,
                transaction,
                """
                INSERT INTO slack_events (event_key, expires_at) VALUES (@key, @expires)
                ON CONFLICT (event_key) DO UPDATE SET expires_at = excluded.expires_at WHERE slack_events.expires_at <= @now
                """,
                cancellationToken,
                ("@key", key), ("@expires", ToMs(now + dedupeWindow)), ("@now", ToMs(now))).ConfigureAwait(false) == 1;
            if (!fresh)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
        }

        var id = await InsertAsync(connection, transaction, kind, payload, owner, now + lease, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Undoes an acceptance that could not be queued (Slack is asked to retry): forgets the keys and the row.</summary>
    public async Task ForgetAsync(long id, IReadOnlyList<string> dedupeKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dedupeKeys);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var key in dedupeKeys)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM slack_events WHERE event_key = @key", cancellationToken, ("@key", key)).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM slack_work WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extends the lease of a row this host works on; false when it is gone or another host took it over.</summary>
    public async Task<bool> RenewAsync(long id, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            null,
            "UPDATE slack_work SET lease_until = @until, updated_at = @now WHERE id = @id AND lease_owner = @owner",
            cancellationToken,
            ("@until", ToMs(now + lease)), ("@now", ToMs(now)), ("@id", id), ("@owner", owner)).ConfigureAwait(false) == 1;
    }

    /// <summary>Gives a row up at once (shutting down mid-work), so another host need not wait for the lease to run out.</summary>
    public async Task ReleaseAsync(long id, string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            null,
            "UPDATE slack_work SET lease_until = 0, updated_at = @now WHERE id = @id AND lease_owner = @owner",
            cancellationToken,
            ("@now", ToMs(time.GetUtcNow())), ("@id", id), ("@owner", owner)).ConfigureAwait(false);
    }

    /// <summary>The work is done (or failed and was logged): the row goes.</summary>
    public async Task CompleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "DELETE FROM slack_work WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> rows whose lease ran out (their host died or gave them up), oldest first,
    /// leasing them to <paramref name="owner"/> and counting the attempt. Two hosts claiming at once take different rows.
    /// </summary>
    public async Task<IReadOnlyList<SlackJob>> ClaimAbandonedAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(
            connection,
            null,
            $"""
            UPDATE slack_work SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1, updated_at = @now
            WHERE lease_until <= @now AND id IN (
                SELECT id FROM slack_work WHERE lease_until <= @now AND attempts < @max ORDER BY id LIMIT @limit{database.SkipLocked})
            RETURNING id, kind, payload, attempts
            """,
            reader => new SlackJob(Int64(reader, "id"), Enum.Parse<SlackJobKind>(String(reader, "kind"), ignoreCase: true), String(reader, "payload"), Int32(reader, "attempts")),
            cancellationToken,
            ("@owner", owner), ("@until", ToMs(now + lease)), ("@now", ToMs(now)), ("@max", MaxAttempts), ("@limit", limit)).ConfigureAwait(false);
    }

    /// <summary>Rows still recorded (tests and diagnostics).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT count(*) FROM slack_work");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static string Name(SlackJobKind kind) => kind.ToString().ToLowerInvariant();

    private async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, SlackJobKind kind, string payload, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var now = ToMs(time.GetUtcNow());
        await using var command = Command(
            connection,
            transaction,
            """
            INSERT INTO slack_work (kind, payload, attempts, lease_owner, lease_until, created_at, updated_at)
            VALUES (@kind, @payload, 1, @owner, @until, @now, @now)
            RETURNING id
            """,
            ("@kind", Name(kind)), ("@payload", payload), ("@owner", owner), ("@until", ToMs(leaseUntil)), ("@now", now));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task PruneNowAndThenAsync(DbConnection connection, long now, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sincePrune) % 256 != 1)
        {
            return;
        }

        await ExecuteAsync(connection, null, "DELETE FROM slack_events WHERE expires_at <= @now", cancellationToken, ("@now", now)).ConfigureAwait(false);

        // Work that failed on every attempt is dropped after a day, when its answer is long overdue anyway.
        await ExecuteAsync(connection, null, "DELETE FROM slack_work WHERE attempts >= @max AND updated_at < @cutoff", cancellationToken, ("@max", MaxAttempts), ("@cutoff", now - (long)TimeSpan.FromDays(1).TotalMilliseconds)).ConfigureAwait(false);
    }
}
