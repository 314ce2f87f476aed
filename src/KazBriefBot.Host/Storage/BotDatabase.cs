using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace KazBriefBot.Host.Storage;

/// <summary>Which database keeps the bot's state.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file (Storage:Path): one host, or several processes on one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (Storage:ConnectionString) shared by several hosts.</summary>
    Postgres,
}

/// <summary>
/// The bot's database, SQLite or PostgreSQL. The stores write one SQL text for both (same tables, columns stored as unix
/// ms, ISO days and text); what really differs lives here: opening connections, versioned migrations, how a write
/// transaction keeps out other writers, the row-locking clause of a queue claim, and the leader lock of a singleton job.
/// </summary>
public abstract class BotDatabase
{
    /// <summary>Which provider this is.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>Where the data is, safe to log: a file path, or host, port and database (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>The schema version this build writes for this provider.</summary>
    public abstract int SchemaVersion { get; }

    /// <summary>
    /// Appended to the SELECT of a queue claim (<c>UPDATE … WHERE id IN (SELECT … LIMIT n {SkipLocked})</c>): PostgreSQL's
    /// <c>FOR UPDATE SKIP LOCKED</c>, so two hosts claiming at once take different rows; nothing for SQLite, whose writers
    /// run one at a time anyway.
    /// </summary>
    public abstract string SkipLocked { get; }

    /// <summary>Creates or upgrades the schema if not done yet and returns its version.</summary>
    /// <exception cref="InvalidOperationException">The database was written by a newer build (unknown schema version).</exception>
    public abstract int EnsureCreated();

    /// <summary>Opens a connection to an up-to-date database.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens a connection synchronously (for callers that cannot await).</summary>
    public abstract DbConnection OpenSync();

    /// <summary>
    /// Begins a transaction that reads and then writes, kept apart from every other writer of <paramref name="lockName"/>:
    /// SQLite takes its write lock at BEGIN (IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock on the name.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tries to become the one host that runs the singleton job <paramref name="name"/> (feed polling). Null when another
    /// host holds it. The lock is held until the returned object is disposed, or until this process or its connection dies.
    /// </summary>
    public abstract Task<LeaderLock?> TryLeadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A stable 64-bit key for a name (PostgreSQL advisory locks take a bigint).</summary>
    public static long LockKey(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("kazbrief:" + name));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}

/// <summary>A held leader lock (see <see cref="BotDatabase.TryLeadAsync"/>).</summary>
public abstract class LeaderLock : IAsyncDisposable
{
    /// <summary>True while the lock is still held; false once its connection was lost (another host may now lead).</summary>
    public abstract Task<bool> StillHeldAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}
