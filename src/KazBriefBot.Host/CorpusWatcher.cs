using System.Threading.Channels;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Corpus;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host;

/// <summary>How the host follows changes in the corpus folder (configuration section "Corpus").</summary>
public sealed class CorpusWatchOptions
{
    /// <summary>Rebuild the index when files in the corpus folder change.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>Quiet time after the last change before rebuilding, so a burst of writes causes one rebuild.</summary>
    public int ReloadDelayMs { get; set; } = 300;
}

/// <summary>Counts of background rebuilds and the reason of the last failed one.</summary>
public sealed record CorpusReloadStatus(int Succeeded, int Failed, DateTimeOffset? LastFailedAt, string? LastError);

/// <summary>Loads the corpus at start and rebuilds the index in the background when files in the corpus folder change;
/// after each successful load it asks <see cref="SemanticIndexer"/> to embed the new snapshot.</summary>
/// <remarks>The engine swaps snapshots atomically: requests in flight finish on the snapshot they took, and a failed rebuild keeps the old one.</remarks>
public sealed class CorpusWatcher(
    BriefingEngine engine,
    IOptions<CorpusOptions> corpusOptions,
    IOptions<CorpusWatchOptions> watchOptions,
    SemanticIndexer semanticIndexer,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<CorpusWatcher> logger) : BackgroundService
{
    // One pending signal is enough: any number of changes before the rebuild starts cause one rebuild.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private FileSystemWatcher? _watcher;
    private CorpusReloadStatus _status = new(0, 0, null, null);

    public CorpusReloadStatus Status => Volatile.Read(ref _status);

    /// <summary>Whether changes in the corpus folder are being followed.</summary>
    public bool IsWatching => _watcher is not null;

    /// <summary>How long loading and indexing the corpus took at start.</summary>
    public TimeSpan InitialLoadTime { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Load before the server accepts requests: the options validator has already checked the folder exists.
        var started = time.GetTimestamp();
        var snapshot = engine.Load();
        InitialLoadTime = time.GetElapsedTime(started);
        // Figures are not needed to serve: extract them once the server listens (not competing with the start for the
        // cores), so the first figure question does not wait.
        lifetime.ApplicationStarted.Register(snapshot.PrepareFiguresInBackground);
        semanticIndexer.Request();
        if (watchOptions.Value.Watch)
        {
            StartWatching(snapshot.Folder);
        }

        return base.StartAsync(cancellationToken);
    }

    private void StartWatching(string folder)
    {
        try
        {
            _watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Created += OnChanged;
            _watcher.Changed += OnChanged;
            _watcher.Deleted += OnChanged;
            _watcher.Renamed += OnRenamed;
            _watcher.Error += OnError;
            _watcher.EnableRaisingEvents = true;
            logger.LogInformation("Watching {Folder} for article changes", folder);
        }
        catch (IOException ex)
        {
            // E.g. the system's inotify limit: the host still serves the loaded index, it just will not reload by itself.
            _watcher?.Dispose();
            _watcher = null;
            logger.LogWarning(ex, "Cannot watch {Folder}; the index will not reload when articles change", folder);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        _changes.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var quiet = TimeSpan.FromMilliseconds(watchOptions.Value.ReloadDelayMs);
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                // Debounce: wait until the folder has been quiet for the whole delay.
                do
                {
                    _changes.Reader.TryRead(out _);
                    await Task.Delay(quiet, time, stoppingToken);
                }
                while (_changes.Reader.TryRead(out _));

                Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Reload()
    {
        var previous = engine.Current;
        try
        {
            var snapshot = engine.Load();
            snapshot.PrepareFiguresInBackground();
            var status = Status;
            Volatile.Write(ref _status, status with { Succeeded = status.Succeeded + 1 });
            // The new snapshot answers lexically until its sentences are embedded (most come from the cache).
            semanticIndexer.Request();
            logger.LogInformation("Corpus reloaded: {Articles} articles, {Sentences} sentences (was {OldArticles}, {OldSentences})", snapshot.Articles.Count, snapshot.SentenceCount, previous.Articles.Count, previous.SentenceCount);
        }
#pragma warning disable CA1031 // A failed rebuild must never take the old index (or the host) down; it is logged and reported by /readyz.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var status = Status;
            Volatile.Write(ref _status, new CorpusReloadStatus(status.Succeeded, status.Failed + 1, time.GetUtcNow(), ex.Message));
            logger.LogError(ex, "Corpus reload failed; keeping the previous index ({Articles} articles built at {BuiltAt})", previous.Articles.Count, previous.BuiltAt);
        }
    }

    private bool IsArticleFile(string? path) =>
        path is not null && corpusOptions.Value.Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (IsArticleFile(e.FullPath))
        {
            _changes.Writer.TryWrite(true);
        }
    }

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        if (IsArticleFile(e.FullPath) || IsArticleFile(e.OldFullPath))
        {
            _changes.Writer.TryWrite(true);
        }
    }

    private void OnError(object? sender, ErrorEventArgs e)
    {
        // Events may have been lost (buffer overflow): rebuild to be sure the index matches the folder.
        logger.LogWarning(e.GetException(), "Corpus folder watcher reported an error; rebuilding the index");
        _changes.Writer.TryWrite(true);
    }
}
