using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KazBriefBot.Host.Storage;

/// <summary>The bot's SQLite file: opens connections and brings the schema up to the current version on first use.</summary>
/// <remarks>
/// The schema version lives in <c>PRAGMA user_version</c>; each entry of <see cref="Migrations"/> moves it up by one and
/// runs in its own IMMEDIATE transaction, so two processes starting together cannot both apply it. Every migration has a
/// PostgreSQL twin of the same number in <see cref="PostgresDatabase.Migrations"/>.
/// </remarks>
public sealed class SqliteDatabase : BotDatabase
{
    /// <summary>Schema migrations in order; entry i takes user_version from i to i + 1. Append only, never edit a shipped one.</summary>
    internal static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE subscriptions (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            channel         TEXT    NOT NULL,
            conversation_id TEXT    NOT NULL,
            user_id         TEXT,
            reference       TEXT,
            local_time      TEXT    NOT NULL,               -- HH:mm in the subscription's time zone
            time_zone       TEXT    NOT NULL,               -- IANA id
            active          INTEGER NOT NULL DEFAULT 1,     -- 0 after unsubscribe; the row is kept so the ledger still counts
            active_from     INTEGER NOT NULL,               -- unix ms: only digests due at or after this are owed
            paused          INTEGER NOT NULL DEFAULT 0,
            paused_reason   TEXT,
            paused_at       INTEGER,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            UNIQUE (channel, conversation_id)
        );
        CREATE TABLE deliveries (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
            local_day       TEXT    NOT NULL,               -- yyyy-MM-dd in the subscription's time zone
            due_at          INTEGER NOT NULL,               -- unix ms
            status          TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'skipped')),
            attempts        INTEGER NOT NULL DEFAULT 0,
            last_error      TEXT,
            next_attempt_at INTEGER,                        -- unix ms; pending rows wait until then
            lease_owner     TEXT,                           -- the scheduler instance that claimed a sending row
            lease_until     INTEGER,                        -- unix ms; an unconfirmed claim older than this is retried
            delivered_at    INTEGER,
            article_ids     TEXT,                           -- JSON array of the article ids the delivered digest held
            updated_at      INTEGER NOT NULL,
            UNIQUE (subscription_id, local_day)
        );
        CREATE INDEX deliveries_open ON deliveries (status) WHERE status IN ('pending', 'sending');
        """,
        """
        CREATE TABLE delivery_parts (
            delivery_key    TEXT    NOT NULL,               -- 'digest:17', 'event:Ev123', …: one reply, across attempts and restarts
            part            INTEGER NOT NULL,               -- 0-based position in the reply
            parts           INTEGER NOT NULL,
            channel         TEXT    NOT NULL,               -- 'slack'
            target          TEXT    NOT NULL,               -- where the part goes (Slack: channel id)
            thread          TEXT,                           -- Slack thread_ts, if any
            payload         TEXT    NOT NULL,               -- the rendered part, so a retry sends the very same message
            status          TEXT    NOT NULL CHECK (status IN ('pending', 'unknown', 'posted')),
            remote_id       TEXT,                           -- Slack ts once posted
            attempts        INTEGER NOT NULL DEFAULT 0,
            first_attempt_at INTEGER,                       -- unix ms; where a lookup of an unconfirmed post starts
            last_error      TEXT,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            PRIMARY KEY (delivery_key, part)
        );
        CREATE INDEX delivery_parts_updated ON delivery_parts (updated_at);
        CREATE TABLE slack_installations (
            team_id         TEXT    PRIMARY KEY,
            team_name       TEXT,
            enterprise_id   TEXT,
            app_id          TEXT,
            bot_user_id     TEXT    NOT NULL,
            bot_token       TEXT    NOT NULL,               -- ASP.NET Core Data Protection ciphertext, never the token itself
            scopes          TEXT,
            installed_by    TEXT,                           -- the Slack user id who installed
            installed_at    INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL
        );
        """,
        """
        -- Teams "More" buttons: the rest of a reply too long for one message, shared by every instance and kept across restarts.
        CREATE TABLE teams_continuations (
            id              TEXT    PRIMARY KEY,            -- random, unguessable key carried in the button's data
            conversation_id TEXT    NOT NULL,               -- the base conversation the reply was posted in; other conversations cannot read it
            payload         TEXT    NOT NULL,               -- JSON: the card elements still to show and the follow-up buttons
            created_at      INTEGER NOT NULL                -- unix ms; rows older than the retention are purged
        );
        CREATE INDEX teams_continuations_created ON teams_continuations (created_at);
        """,
        """
        -- Slack event ids (and message keys) already accepted, so a retry of one event is answered once.
        CREATE TABLE slack_events (
            event_key       TEXT    PRIMARY KEY,            -- 'Ev123…' or 'message:C1:1700000000.000100'
            expires_at      INTEGER NOT NULL                -- unix ms; after this a repeat counts as new
        );
        CREATE INDEX slack_events_expires ON slack_events (expires_at);
        -- Slack work acknowledged and not finished yet: a host that dies after the acknowledgement leaves its row, and
        -- once the lease runs out another host (or the restarted one) does the work.
        CREATE TABLE slack_work (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            kind            TEXT    NOT NULL CHECK (kind IN ('message', 'command', 'click', 'revocation')),
            payload         TEXT    NOT NULL,               -- JSON of what to answer (may hold a response_url: deleted when done)
            attempts        INTEGER NOT NULL DEFAULT 1,
            lease_owner     TEXT    NOT NULL,               -- the host working on it
            lease_until     INTEGER NOT NULL,               -- unix ms; renewed while the work runs
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL
        );
        CREATE INDEX slack_work_lease ON slack_work (lease_until);
        """,
    ];

    private readonly string _connectionString;
    private readonly Lazy<int> _schemaVersion;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
        _schemaVersion = new Lazy<int>(Migrate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Count;

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string Location => FilePath;

    public override int SchemaVersion => CurrentVersion;

    public override string SkipLocked => string.Empty;

    /// <summary>Creates or upgrades the schema if not done yet and returns its version.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer build (unknown schema version).</exception>
    public override int EnsureCreated() => _schemaVersion.Value;

    /// <summary>Opens a connection to an up-to-date database (foreign keys on, waits on locks held by other writers).</summary>
    public SqliteConnection Open()
    {
        EnsureCreated();
        return OpenRaw();
    }

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<DbConnection>(Open());
    }

    public override DbConnection OpenSync() => Open();

    // The lock name is not needed: IMMEDIATE takes the file's one write lock at BEGIN, which keeps out every other writer.
    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    /// <summary>
    /// Several processes may share one file on one machine, so the leader holds an exclusive lock on a file beside the
    /// database; the operating system releases it when the process dies.
    /// </summary>
    public override Task<LeaderLock?> TryLeadAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureCreated();
        try
        {
            var stream = new FileStream(FilePath + "." + name + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult<LeaderLock?>(new FileLeaderLock(stream));
        }
        catch (IOException)
        {
            return Task.FromResult<LeaderLock?>(null);
        }
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private int Migrate()
    {
        var folder = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = OpenRaw();

        // WAL lets the scheduler write while handlers read; the mode is stored in the file, so setting it once is enough.
        Execute(connection, "PRAGMA journal_mode = WAL;");
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = UserVersion(connection, transaction);
            if (version > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"The database {FilePath} has schema version {version}, newer than this build supports ({CurrentVersion}). Use a newer build or another Storage:Path.");
            }

            if (version == CurrentVersion)
            {
                transaction.Commit();
                return version;
            }

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations[version] + string.Create(CultureInfo.InvariantCulture, $"\nPRAGMA user_version = {version + 1};");
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static int UserVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class FileLeaderLock(FileStream stream) : LeaderLock
    {
        public override Task<bool> StillHeldAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

        public override ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
