using KazBriefBot.Engine;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KazBriefBot.Host.Tests.Scheduling;

/// <summary>A real SQLite file, a corpus folder, a fake clock and a recording poster; <see cref="Restart"/> opens everything anew over the same file.</summary>
internal sealed class SchedulerWorld : IDisposable
{
    public SchedulerWorld(DateTimeOffset start, SchedulingOptions? options = null)
    {
        Folder = Paths.NewTempFolder();
        CorpusFolder = Path.Combine(Folder, "corpus");
        Directory.CreateDirectory(CorpusFolder);
        DatabasePath = Path.Combine(Folder, "db", "kazbrief.db");
        Time = new FakeTimeProvider(start);
        Options = options ?? new SchedulingOptions();
        Engine = new BriefingEngine(new CorpusOptions { Path = CorpusFolder }, Time);
        Engine.Load();
        Poster = new RecordingPoster(Time);
        Restart();
    }

    public string Folder { get; }

    public string CorpusFolder { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; }

    public SchedulingOptions Options { get; }

    public BriefingEngine Engine { get; }

    public RecordingPoster Poster { get; }

    public SqliteDatabase Database { get; private set; } = null!;

    public SubscriptionStore Store { get; private set; } = null!;

    public DeliveryLedger Ledger { get; private set; } = null!;

    public DigestScheduler Scheduler { get; private set; } = null!;

    public static ConversationRef Teams(string conversationId = "19:chat@thread.v2") =>
        new("teams", conversationId, "29:user", """{"serviceUrl":"http://127.0.0.1:9/","tenantId":"t1"}""");

    /// <summary>A new database object, store, ledger and scheduler over the same file: what a restarted host has.</summary>
    public void Restart()
    {
        Database = new SqliteDatabase(DatabasePath);
        Store = new SubscriptionStore(Database, Time, NullLogger<SubscriptionStore>.Instance);
        Ledger = new DeliveryLedger(Database, Time);
        Scheduler = NewScheduler();
    }

    public DigestScheduler NewScheduler(IChannelPoster? poster = null) =>
        new(Store, Ledger, new DigestComposer(Engine), [poster ?? Poster], Time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<DigestScheduler>.Instance);

    public async Task<Subscription> SubscribeAsync(string time = "08:00", string zone = "Asia/Almaty", ConversationRef? conversation = null)
    {
        Assert.True(DueTimes.TryParseTime(time, out var local));
        return (await Store.SubscribeAsync(conversation ?? Teams(), local, zone)).Subscription;
    }

    /// <summary>Sets the clock (forward only) and runs one scheduler pass.</summary>
    public async Task RunAtAsync(DateTimeOffset instant, DigestScheduler? scheduler = null)
    {
        var delta = instant - Time.GetUtcNow();
        Assert.True(delta >= TimeSpan.Zero, "the fake clock only moves forward");
        Time.Advance(delta);
        await (scheduler ?? Scheduler).RunOnceAsync(CancellationToken.None);
    }

    public async Task<Delivery?> RowAsync(long subscriptionId, DateOnly day) =>
        (await Ledger.ListAsync(subscriptionId)).SingleOrDefault(d => d.LocalDay == day);

    /// <summary>Writes an article file and sets the time it was "added" (its last write time).</summary>
    public void AddArticle(string id, string text, DateTimeOffset addedAt)
    {
        var path = Path.Combine(CorpusFolder, id + ".txt");
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, addedAt.UtcDateTime);
        Engine.Load();
    }

    public void Dispose()
    {
        Engine.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>A channel poster that records what it was asked to post and answers from a script (attempt number → result).</summary>
internal sealed class RecordingPoster(TimeProvider time, string channel = "teams") : IChannelPoster
{
    private readonly Lock _gate = new();
    private readonly List<PostedDigest> _posted = [];

    public string Channel => channel;

    /// <summary>The result for the n-th call (1-based); delivered by default.</summary>
    public Func<int, DeliveryResult> Script { get; set; } = _ => DeliveryResult.Delivered;

    /// <summary>Held for this long (real time) inside each post, to make concurrent claims overlap.</summary>
    public TimeSpan Hold { get; set; }

    public IReadOnlyList<PostedDigest> Posted
    {
        get
        {
            lock (_gate)
            {
                return [.. _posted];
            }
        }
    }

    public async Task<DeliveryResult> PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        int call;
        lock (_gate)
        {
            _posted.Add(new PostedDigest(conversation, reply, time.GetUtcNow()));
            call = _posted.Count;
        }

        if (Hold > TimeSpan.Zero)
        {
            await Task.Delay(Hold, cancellationToken);
        }

        return Script(call);
    }

    /// <summary>Waits (real time) until at least <paramref name="count"/> posts were made.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Posted.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} posts within {timeout}, saw {Posted.Count}");
            await Task.Delay(20);
        }
    }
}

/// <summary>One recorded post.</summary>
internal sealed record PostedDigest(ConversationRef Conversation, Reply Reply, DateTimeOffset At);
