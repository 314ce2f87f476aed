using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;
using KazBriefBot.Engine.Semantic;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazBriefBot.Engine;

/// <summary>The briefing engine: holds the current corpus snapshot and answers questions, figures and digests from it.</summary>
public sealed class BriefingEngine : IDisposable
{
    private readonly CorpusOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = 2048 });
    private readonly Lock _reloadLock = new();
    private readonly ISentenceEmbedder? _embedder;
    private readonly string? _embeddingCacheFolder;
    private readonly SemaphoreSlim _embedGate = new(1, 1);
    private readonly Lock _cacheLock = new();
    private EmbeddingCache? _embeddingCache;
    private CorpusSnapshot? _current;
    private EmbeddingProgress _progress;
    private (long Version, string Error)? _semanticFailure;

    /// <param name="options">Where the corpus is and how to read it.</param>
    /// <param name="time">The clock (digests, "today").</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="embedder">The sentence-embedding model for hybrid retrieval; null keeps retrieval lexical.</param>
    /// <param name="embeddingCacheFolder">Folder for the on-disk vector cache; null keeps vectors in memory only.</param>
    public BriefingEngine(CorpusOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null, ISentenceEmbedder? embedder = null,
        string? embeddingCacheFolder = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<BriefingEngine>();
        _embedder = embedder;
        _embeddingCacheFolder = embeddingCacheFolder;
    }

    /// <summary>Whether answers use the semantic part yet, with progress while sentences are being embedded.</summary>
    public SemanticStatus SemanticStatus
    {
        get
        {
            if (_embedder is null)
            {
                return new SemanticStatus(SemanticState.Off, null, 0, 0, null);
            }

            var snapshot = Volatile.Read(ref _current);
            var total = snapshot?.SentenceCount ?? 0;
            if (snapshot?.Semantic is not null)
            {
                return new SemanticStatus(SemanticState.Ready, _embedder.ModelId, total, total, null);
            }

            var failure = _semanticFailure;
            if (snapshot is not null && failure is { } f && f.Version == snapshot.Version)
            {
                return new SemanticStatus(SemanticState.Failed, _embedder.ModelId, 0, total, f.Error);
            }

            var progress = _progress;
            return new SemanticStatus(SemanticState.Building, _embedder.ModelId, progress.Total == total ? progress.Done : 0, total, null);
        }
    }

    /// <summary>The snapshot in use; a request takes it once and finishes on it even if a reload swaps in a new one.</summary>
    public CorpusSnapshot Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("The corpus has not been loaded yet.");

    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    /// <summary>How long the last successful <see cref="Load"/> took, by phase (null before the first).</summary>
    public LoadTimings? LastLoad { get; private set; }

    public TimeProvider Time => _time;

    /// <summary>Loads the corpus folder, builds a new snapshot and swaps it in atomically.</summary>
    /// <exception cref="DirectoryNotFoundException">The corpus folder does not exist.</exception>
    public CorpusSnapshot Load()
    {
        lock (_reloadLock)
        {
            // A reload reuses what the previous snapshot read from files that have not changed since.
            var previous = Volatile.Read(ref _current);
            var reuse = previous is not null && string.Equals(previous.Folder, _options.Path, StringComparison.Ordinal) ? previous : null;
            var started = _time.GetTimestamp();
            var allocated = GC.GetTotalAllocatedBytes();
            var loader = new CorpusLoader(_options, _loggers.CreateLogger<CorpusLoader>());
            var loaded = loader.Load(_options.Path, reuse?.Articles);
            var read = _time.GetElapsedTime(started);
            var readAllocated = GC.GetTotalAllocatedBytes() - allocated;
            var snapshot = CorpusSnapshot.Build(_options.Path, loaded, _time.GetUtcNow(), reuse);
            var total = _time.GetElapsedTime(started);
            Volatile.Write(ref _current, snapshot);
            LastLoad = new LoadTimings(read, total - read, reuse is null ? 0 : loaded.Articles.Count(a => reuse.Index.Holds(a)))
            {
                ReadAllocatedBytes = readAllocated,
                IndexAllocatedBytes = GC.GetTotalAllocatedBytes() - allocated - readAllocated,
            };
            _logger.LogInformation("Corpus loaded from {Folder}: {Articles} articles, {Sentences} sentences, {Skipped} skipped, in {Elapsed:0} ms ({Reused} articles reused)",
                _options.Path, snapshot.Articles.Count, snapshot.SentenceCount, snapshot.Skipped.Count, total.TotalMilliseconds, LastLoad.ReusedArticles);
            return snapshot;
        }
    }

    /// <summary>Embeds the sentences of the current snapshot that the cache lacks and swaps in the same snapshot with
    /// vectors (hybrid answers from then on). Returns false when there is no embedder or embedding failed (logged; answers
    /// stay lexical). A reload during the work is followed: the newest snapshot is the one that ends up embedded.</summary>
    public async Task<bool> EmbedAsync(IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_embedder is null)
        {
            return false;
        }

        await _embedGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        CorpusSnapshot? lexical = null;
        try
        {
            while (true)
            {
                lexical = Current;
                if (lexical.Semantic is not null)
                {
                    return true;
                }

                var started = _time.GetTimestamp();
                var report = new Progress(this, progress);
                var snapshot = lexical;
                var cache = EmbeddingCacheFor(_embedder);
                var semantic = await Task.Run(() => SemanticIndex.Build(snapshot.Index, _embedder, cache, report, cancellationToken), cancellationToken).ConfigureAwait(false);
                SaveCache(cache);
                var upgraded = lexical.WithSemantic(semantic);
                if (ReferenceEquals(Interlocked.CompareExchange(ref _current, upgraded, lexical), lexical))
                {
                    _logger.LogInformation("Semantic retrieval ready ({Model}): {Sentences} sentences, {Computed} embedded now, {Cached} from the cache, in {Elapsed:0} ms",
                        _embedder.ModelId, snapshot.SentenceCount, semantic.Computed, snapshot.SentenceCount - semantic.Computed, _time.GetElapsedTime(started).TotalMilliseconds);
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // A model failure must never take lexical answers down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _semanticFailure = (lexical?.Version ?? -1, ex.Message);
            _logger.LogError(ex, "Embedding the corpus failed; answers stay lexical");
            return false;
        }
        finally
        {
            _embedGate.Release();
        }
    }

    private EmbeddingCache EmbeddingCacheFor(ISentenceEmbedder embedder)
    {
        lock (_cacheLock)
        {
            return _embeddingCache ??= _embeddingCacheFolder is null
                ? EmbeddingCache.InMemory(embedder.ModelId, embedder.Dimensions)
                : EmbeddingCache.Open(_embeddingCacheFolder, embedder.ModelId, embedder.Dimensions, _loggers.CreateLogger<EmbeddingCache>());
        }
    }

    private void SaveCache(EmbeddingCache cache)
    {
        try
        {
            cache.Save();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The vectors are in memory; only the next start pays for the missing file.
            _logger.LogWarning("Could not write the embedding cache {Path}: {Reason}", cache.Path, ex.Message);
        }
    }

    /// <summary>Records progress for <see cref="SemanticStatus"/> and passes it on.</summary>
    private sealed class Progress(BriefingEngine engine, IProgress<EmbeddingProgress>? next) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value)
        {
            engine._progress = value;
            next?.Report(value);
        }
    }

    /// <summary>Rebuilds the snapshot; on failure keeps the old one, logs why and returns false.</summary>
    public bool TryReload()
    {
        try
        {
            Load();
            return true;
        }
#pragma warning disable CA1031 // A failed rebuild must never take the old index down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Corpus reload failed; keeping the previous index");
            return false;
        }
    }

    /// <summary>Answers a question (skip = quotes already shown, for "more quotes"); repeated questions on the same
    /// snapshot come from the cache.</summary>
    public Answer Ask(string question, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(question);
        var snapshot = Current;
        var key = new AnswerKey(snapshot.Version, QuestionKey(question), skip);
        if (_answers.TryGetValue(key, out Answer? cached) && cached is not null)
        {
            return cached with { Question = question };
        }

        var answer = Answerer.Ask(snapshot, question, skip, Answerer.MaxQuotes);
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return answer;
    }

    public FigureReport Figures(string? topic) => Current.Figures.Report(topic);

    public Digest Digest(DateOnly from, DateOnly to, bool includeUndated = false) => DigestBuilder.Build(Current, from, to, includeUndated);

    /// <summary>Normalized form of a question for caching: trimmed, lower case, single spaces, no trailing punctuation.</summary>
    public static string QuestionKey(string question) =>
        string.Join(' ', question.Trim().TrimEnd('?', '!', '.').ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public void Dispose()
    {
        _answers.Dispose();
        _embedGate.Dispose();
    }

    /// <summary>Cache key: an answer is only valid for the snapshot it was computed on.</summary>
    private sealed record AnswerKey(long SnapshotVersion, string Question, int Skip);
}

/// <summary>Where a load spent its time: reading and parsing the files, then analysing and indexing their sentences.</summary>
/// <param name="ReusedArticles">Articles taken over from the previous snapshot (files unchanged since).</param>
public sealed record LoadTimings(TimeSpan ReadAndParse, TimeSpan Index, int ReusedArticles)
{
    /// <summary>Bytes allocated while reading and parsing (most of it garbage: what the GC must clear).</summary>
    public long ReadAllocatedBytes { get; init; }

    /// <summary>Bytes allocated while indexing.</summary>
    public long IndexAllocatedBytes { get; init; }
}
