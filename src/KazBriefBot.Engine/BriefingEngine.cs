using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;
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
    private CorpusSnapshot? _current;

    public BriefingEngine(CorpusOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<BriefingEngine>();
    }

    /// <summary>The snapshot in use; a request takes it once and finishes on it even if a reload swaps in a new one.</summary>
    public CorpusSnapshot Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("The corpus has not been loaded yet.");

    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    public TimeProvider Time => _time;

    /// <summary>Loads the corpus folder, builds a new snapshot and swaps it in atomically.</summary>
    /// <exception cref="DirectoryNotFoundException">The corpus folder does not exist.</exception>
    public CorpusSnapshot Load()
    {
        lock (_reloadLock)
        {
            var loader = new CorpusLoader(_options, _loggers.CreateLogger<CorpusLoader>());
            var loaded = loader.Load(_options.Path);
            var snapshot = CorpusSnapshot.Build(_options.Path, loaded, _time.GetUtcNow());
            Volatile.Write(ref _current, snapshot);
            _logger.LogInformation("Corpus loaded from {Folder}: {Articles} articles, {Sentences} sentences, {Skipped} skipped", _options.Path, snapshot.Articles.Count, snapshot.SentenceCount, snapshot.Skipped.Count);
            return snapshot;
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

    public void Dispose() => _answers.Dispose();

    /// <summary>Cache key: an answer is only valid for the snapshot it was computed on.</summary>
    private sealed record AnswerKey(long SnapshotVersion, string Question, int Skip);
}
