using KazBriefBot.Engine.Corpus;
using KazBriefBot.Host.Storage;
using KazBriefBot.Ingestion;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Ingestion;

/// <summary>One configured feed's record since the host started, as /readyz shows it.</summary>
public sealed record FeedStatus(
    string Url,
    string? Outlet,
    int Polls,
    int FailedPolls,
    int ConsecutiveFailures,
    int Added,
    int Updated,
    int Unchanged,
    int Duplicates,
    int Filtered,
    int FailedItems,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset NextPollAt,
    string? LastError);

/// <summary>Polls the feeds of Ingest:Feeds in the background on the host's clock and writes their articles into the corpus
/// folder; the corpus watcher then reloads the index as for any other change.</summary>
/// <remarks>Feeds are polled one at a time. A feed that fails (unreachable, refused, malformed) waits twice as long after
/// each failure, up to Ingest:MaxBackoffMinutes, and at least what the server's Retry-After asked; the other feeds go on.
/// Only one host polls: the one holding the database's "feed-polling" leader lock (a PostgreSQL advisory lock, or a lock
/// file beside the SQLite file), so two hosts never fetch and write the same articles; the others try again every
/// Storage:LeaderRetryInterval and take over when the leader stops or dies.</remarks>
public sealed class FeedPoller(
    Ingestor ingestor,
    IOptions<IngestOptions> options,
    IOptions<CorpusOptions> corpusOptions,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<FeedPoller> logger,
    BotDatabase? database = null,
    IOptions<StorageOptions>? storage = null) : BackgroundService
{
    /// <summary>The leader lock's name.</summary>
    public const string LockName = "feed-polling";

    private readonly Lock _lock = new();
    private FeedStatus[] _feeds = [];
    private volatile bool _leading;

    /// <summary>True while this host holds the feed-polling lock (always, without a database).</summary>
    public bool IsLeader => _leading;

    /// <summary>Every configured feed, in configuration order.</summary>
    public IReadOnlyList<FeedStatus> Status
    {
        get
        {
            lock (_lock)
            {
                return [.. _feeds];
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feeds = options.Value.Feeds;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _feeds = feeds.Select(f => new FeedStatus(f.Url, f.Outlet, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, now, null)).ToArray();
        }

        if (feeds.Count == 0)
        {
            return;
        }

        var folder = Path.GetFullPath(corpusOptions.Value.Path, environment.ContentRootPath);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var leader = await LeadAsync(stoppingToken);
                logger.LogInformation("Polling {Count} feeds into {Folder}", feeds.Count, folder);
                try
                {
                    await PollWhileLeadingAsync(feeds, folder, leader, stoppingToken);
                }
                finally
                {
                    _leading = false;
                    if (leader is not null)
                    {
                        await leader.DisposeAsync();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; a file being written is renamed whole or not at all.
        }
    }

    /// <summary>Waits until this host holds the feed-polling lock; null (no lock needed) without a database.</summary>
    private async Task<LeaderLock?> LeadAsync(CancellationToken stoppingToken)
    {
        if (database is null)
        {
            _leading = true;
            return null;
        }

        var standingBy = false;
        while (true)
        {
            try
            {
                if (await database.TryLeadAsync(LockName, stoppingToken) is { } held)
                {
                    _leading = true;
                    logger.LogInformation("This host holds the feed-polling lock ({Location})", database.Location);
                    return held;
                }

                if (!standingBy)
                {
                    logger.LogInformation("Another host polls the feeds; this one stands by and tries again every {Interval}", RetryInterval);
                    standingBy = true;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Taking the feed-polling lock failed; trying again in {Interval}", RetryInterval);
            }

            await Task.Delay(RetryInterval, time, stoppingToken);
        }
    }

    private TimeSpan RetryInterval => storage?.Value.LeaderRetryInterval ?? TimeSpan.FromSeconds(30);

    /// <summary>Polls as long as the lock holds; returns when it was lost (the database connection broke).</summary>
    private async Task PollWhileLeadingAsync(IReadOnlyList<FeedSource> feeds, string folder, LeaderLock? leader, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Status.Min(s => s.NextPollAt) - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            if (leader is not null && !await leader.StillHeldAsync(stoppingToken))
            {
                logger.LogWarning("The feed-polling lock was lost (database connection closed); another host may poll now");
                return;
            }

            for (var i = 0; i < feeds.Count; i++)
            {
                if (Status[i].NextPollAt <= time.GetUtcNow())
                {
                    await PollAsync(i, feeds[i], folder, stoppingToken);
                }
            }
        }
    }

    private async Task PollAsync(int index, FeedSource feed, string folder, CancellationToken stoppingToken)
    {
        IngestReport report;
        try
        {
            report = await ingestor.IngestFeedAsync(new Uri(feed.Url), NullIfEmpty(feed.Outlet), folder, stoppingToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            // The corpus folder itself is unwritable or gone: a feed failure, retried with back-off.
            report = new IngestReport(feed.Url, [], $"cannot write into the corpus folder: {ex.Message}");
        }

        var interval = TimeSpan.FromMinutes(feed.PollIntervalMinutes ?? options.Value.PollIntervalMinutes);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var s = _feeds[index];
            var failed = report.Error is not null;
            var failures = failed ? s.ConsecutiveFailures + 1 : 0;
            var next = now + NextInterval(interval, failures, TimeSpan.FromMinutes(options.Value.MaxBackoffMinutes), report.RetryAfter);
            _feeds[index] = s with
            {
                Polls = s.Polls + 1,
                FailedPolls = s.FailedPolls + (failed ? 1 : 0),
                ConsecutiveFailures = failures,
                Added = s.Added + report.Count(IngestStatus.Added),
                Updated = s.Updated + report.Count(IngestStatus.Updated),
                Unchanged = s.Unchanged + report.Count(IngestStatus.Unchanged),
                Duplicates = s.Duplicates + report.Count(IngestStatus.Duplicate),
                Filtered = s.Filtered + report.Count(IngestStatus.Filtered),
                FailedItems = s.FailedItems + report.Count(IngestStatus.Failed),
                LastPolledAt = now,
                NextPollAt = next,
                LastError = failed ? report.Error : report.Items.LastOrDefault(i => i.Status == IngestStatus.Failed)?.Reason ?? (failures == 0 ? null : s.LastError),
            };

            if (failed)
            {
                logger.LogWarning("Feed {Feed} failed ({Failures} in a row): {Reason}; next poll at {Next}", feed.Url, failures, report.Error, next);
            }
        }
    }

    /// <summary>The wait before the next poll: the interval after a success, doubling with each consecutive failure up to
    /// <paramref name="maxBackoff"/>, and never shorter than the server's Retry-After.</summary>
    internal static TimeSpan NextInterval(TimeSpan interval, int consecutiveFailures, TimeSpan maxBackoff, TimeSpan? retryAfter)
    {
        var wait = interval;
        for (var i = 0; i < consecutiveFailures && wait < maxBackoff; i++)
        {
            wait *= 2;
        }

        if (consecutiveFailures > 0 && wait > maxBackoff)
        {
            wait = maxBackoff;
        }

        return retryAfter is { } asked && asked > wait ? asked : wait;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
