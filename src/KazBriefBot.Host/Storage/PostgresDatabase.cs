using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace KazBriefBot.Host.Storage;

/// <summary>
/// The bot's state in a PostgreSQL database that several hosts share. Migrations are numbered like SQLite's (entry i takes
/// the schema from version i to i + 1), recorded in <c>schema_migrations</c>, and applied under a session advisory lock so
/// that hosts starting together apply each one once.
/// </summary>
/// <remarks>
/// The tables and columns mirror <see cref="SqliteDatabase.Migrations"/> (unix ms in bigint, days as ISO text, booleans
/// as boolean) so that the stores run one SQL text on both providers.
/// </remarks>
public sealed class PostgresDatabase : BotDatabase, IAsyncDisposable, IDisposable
{
    /// <summary>Schema migrations in order. Append only, never edit a shipped one; keep the numbers in step with SQLite's.</summary>
    internal static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE subscriptions (
            id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            channel         text    NOT NULL,
            conversation_id text    NOT NULL,
            user_id         text,
            reference       text,
            local_time      text    NOT NULL,               -- HH:mm in the subscription's time zone
            time_zone       text    NOT NULL,               -- IANA id
            active          boolean NOT NULL DEFAULT TRUE,  -- false after unsubscribe; the row is kept so the ledger still counts
            active_from     bigint  NOT NULL,               -- unix ms: only digests due at or after this are owed
            paused          boolean NOT NULL DEFAULT FALSE,
            paused_reason   text,
            paused_at       bigint,
            created_at      bigint  NOT NULL,
            updated_at      bigint  NOT NULL,
            UNIQUE (channel, conversation_id)
        );
        CREATE TABLE deliveries (
            id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            subscription_id bigint  NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
            local_day       text    NOT NULL,               -- yyyy-MM-dd in the subscription's time zone
            due_at          bigint  NOT NULL,               -- unix ms
            status          text    NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'skipped')),
            attempts        integer NOT NULL DEFAULT 0,
            last_error      text,
            next_attempt_at bigint,                         -- unix ms; pending rows wait until then
            lease_owner     text,                           -- the scheduler instance (host) that claimed a sending row
            lease_until     bigint,                         -- unix ms; an unconfirmed claim older than this is taken over
            delivered_at    bigint,
            article_ids     text,                           -- JSON array of the article ids the delivered digest held
            updated_at      bigint  NOT NULL,
            UNIQUE (subscription_id, local_day)
        );
        CREATE INDEX deliveries_open ON deliveries (status) WHERE status IN ('pending', 'sending');
        """,
        """
        CREATE TABLE delivery_parts (
            delivery_key    text    NOT NULL,               -- 'digest:17', 'event:Ev123', …: one reply, across attempts, restarts and hosts
            part            integer NOT NULL,               -- 0-based position in the reply
            parts           integer NOT NULL,
            channel         text    NOT NULL,
            target          text    NOT NULL,               -- where the part goes (Slack: channel id)
            thread          text,
            payload         text    NOT NULL,               -- the rendered part, so a retry sends the very same message
            status          text    NOT NULL CHECK (status IN ('pending', 'unknown', 'posted')),
            remote_id       text,
            attempts        integer NOT NULL DEFAULT 0,
            first_attempt_at bigint,
            last_error      text,
            created_at      bigint  NOT NULL,
            updated_at      bigint  NOT NULL,
            PRIMARY KEY (delivery_key, part)
        );
        CREATE INDEX delivery_parts_updated ON delivery_parts (updated_at);
        CREATE TABLE slack_installations (
            team_id         text    PRIMARY KEY,
            team_name       text,
            enterprise_id   text,
            app_id          text,
            bot_user_id     text    NOT NULL,
            bot_token       text    NOT NULL,               -- ASP.NET Core Data Protection ciphertext, never the token itself
            scopes          text,
            installed_by    text,
            installed_at    bigint  NOT NULL,
            updated_at      bigint  NOT NULL
        );
        """,
        """
        CREATE TABLE teams_continuations (
            id              text    PRIMARY KEY,
            conversation_id text    NOT NULL,
            payload         text    NOT NULL,
            created_at      bigint  NOT NULL
        );
        CREATE INDEX teams_continuations_created ON teams_continuations (created_at);
        """,
        """
        CREATE TABLE slack_events (
            event_key       text    PRIMARY KEY,
            expires_at      bigint  NOT NULL
        );
        CREATE INDEX slack_events_expires ON slack_events (expires_at);
        CREATE TABLE slack_work (
            id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind            text    NOT NULL CHECK (kind IN ('message', 'command', 'click', 'revocation')),
            payload         text    NOT NULL,
            attempts        integer NOT NULL DEFAULT 1,
            lease_owner     text    NOT NULL,
            lease_until     bigint  NOT NULL,
            created_at      bigint  NOT NULL,
            updated_at      bigint  NOT NULL
        );
        CREATE INDEX slack_work_lease ON slack_work (lease_until);
        -- PostgreSQL only: the Data Protection key ring, so every host decrypts the Slack tokens any host stored.
        CREATE TABLE data_protection_keys (
            id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name   text,
            xml             text    NOT NULL,
            created_at      bigint  NOT NULL
        );
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;
    private readonly Lazy<int> _schemaVersion;

    /// <param name="connectionString">Npgsql connection string; it is never logged (see <see cref="Location"/>).</param>
    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = DescribeLocation(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
        _schemaVersion = new Lazy<int>(Migrate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Count;

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override string Location { get; }

    public override int SchemaVersion => CurrentVersion;

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public override int EnsureCreated() => _schemaVersion.Value;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        EnsureCreated();
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public override DbConnection OpenSync()
    {
        EnsureCreated();
        return _dataSource.OpenConnection();
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Held until commit or rollback: two hosts writing the same name (one conversation, one reply) take turns.
            await StoredValues.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("@key", LockKey(lockName))).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A session advisory lock on a connection kept open while leading: if the host dies, PostgreSQL drops the
    /// connection and with it the lock, and another host's next try takes it.</summary>
    public override async Task<LeaderLock?> TryLeadAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureCreated();
        var key = LockKey(name);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = StoredValues.Command(connection, "SELECT pg_try_advisory_lock(@key)", ("@key", key));
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new AdvisoryLeaderLock(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    private static string DescribeLocation(NpgsqlConnectionStringBuilder builder) =>
        string.Create(CultureInfo.InvariantCulture, $"postgres://{builder.Username ?? "(default user)"}@{builder.Host ?? "(default host)"}:{builder.Port}/{builder.Database ?? "(default database)"}");

    private int Migrate()
    {
        using var connection = _dataSource.OpenConnection();
        var migrationLock = LockKey("migrations");
        Execute(connection, null, "SELECT pg_advisory_lock(@key)", ("@key", migrationLock));
        try
        {
            Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)");
            while (true)
            {
                int version;
                using (var read = StoredValues.Command(connection, "SELECT coalesce(max(version), 0) FROM schema_migrations"))
                {
                    version = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
                }

                if (version > CurrentVersion)
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL database {Location} has schema version {version}, newer than this build supports ({CurrentVersion}). Use a newer build or another database.");
                }

                if (version == CurrentVersion)
                {
                    return version;
                }

                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, Migrations[version]);
                Execute(
                    connection,
                    transaction,
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)",
                    ("@version", version + 1),
                    ("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                transaction.Commit();
            }
        }
        finally
        {
            Execute(connection, null, "SELECT pg_advisory_unlock(@key)", ("@key", migrationLock));
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = StoredValues.Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private sealed class AdvisoryLeaderLock(NpgsqlConnection connection, long key) : LeaderLock
    {
        public override async Task<bool> StillHeldAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                // The lock lives as long as this session; a session that answers still holds it.
                await using var command = StoredValues.Command(connection, "SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                return false;
            }
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = StoredValues.Command(connection, "SELECT pg_advisory_unlock(@key)", ("@key", key));
                await command.ExecuteScalarAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection is gone, and the lock with it.
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
