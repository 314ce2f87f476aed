using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Semantic;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine;

/// <summary>An immutable view of the corpus (articles, sentence index, figures); safe to share across threads.</summary>
/// <remarks>Figures are extracted on first use (a figure question, the figures command, a digest) or by
/// <see cref="PrepareFiguresInBackground"/> once the index serves: most questions never need them, and extracting them
/// costs more than loading and indexing together. Either way they are computed once and are the same.</remarks>
public sealed class CorpusSnapshot
{
    private static long _nextVersion;
    private readonly Lazy<FigureSet> _figures;
    private readonly FigureTiming _figureTiming;
    private readonly ArticleFigureCache _figureCache;

    private CorpusSnapshot(string folder, IReadOnlyList<Article> articles, IReadOnlyList<SkippedFile> skipped, SentenceIndex index, Lazy<FigureSet> figures,
        FigureTiming figureTiming, ArticleFigureCache figureCache, DateTimeOffset builtAt, SemanticIndex? semantic = null)
    {
        _figureTiming = figureTiming;
        _figureCache = figureCache;
        Semantic = semantic;
        Folder = folder;
        Articles = articles;
        Skipped = skipped;
        Index = index;
        _figures = figures;
        BuiltAt = builtAt;
        Version = Interlocked.Increment(ref _nextVersion);
    }

    public string Folder { get; }

    public IReadOnlyList<Article> Articles { get; }

    public IReadOnlyList<SkippedFile> Skipped { get; }

    public SentenceIndex Index { get; }

    /// <summary>Every figure of the corpus; extracted on first use (thread-safe, once per snapshot).</summary>
    public FigureSet Figures => _figures.Value;

    /// <summary>Whether the figures have been extracted yet.</summary>
    public bool FiguresReady => _figures.IsValueCreated;

    /// <summary>How long extracting the figures took, once they have been extracted.</summary>
    public TimeSpan? FiguresElapsed => _figures.IsValueCreated ? _figureTiming.Elapsed : null;

    /// <summary>How many articles' figures have been read so far (by figure questions or the whole extraction).</summary>
    public int FigureArticlesRead => _figureCache.Count;

    /// <summary>Sentence vectors for hybrid retrieval, or null while they are being computed (answers are lexical then).</summary>
    public SemanticIndex? Semantic { get; }

    public DateTimeOffset BuiltAt { get; }

    /// <summary>Distinguishes snapshots (cache keys include it).</summary>
    public long Version { get; }

    public int SentenceCount => Index.Sentences.Count;

    public static CorpusSnapshot Build(string folder, CorpusLoadResult loaded, DateTimeOffset builtAt) => Build(folder, loaded, builtAt, null);

    /// <summary>Builds the snapshot, reusing the analysis of the articles it shares with <paramref name="previous"/>
    /// (a reload after a few files changed costs a fraction of a full build).</summary>
    public static CorpusSnapshot Build(string folder, CorpusLoadResult loaded, DateTimeOffset builtAt, CorpusSnapshot? previous)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var index = SentenceIndex.Build(loaded.Articles, TextAnalyzer.Default, previous?.Index);
        var articles = loaded.Articles;
        var timing = new FigureTiming();
        var cache = new ArticleFigureCache();
        var figures = new Lazy<FigureSet>(
            () =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var set = FigureSet.Extract(articles, cache);
                timing.Elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                return set;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
        return new CorpusSnapshot(folder, loaded.Articles, loaded.Skipped, index, figures, timing, cache, builtAt);
    }

    /// <summary>
    /// The figures that answer a question (<see cref="FigureSet.ForQuestion"/>). Before the whole corpus's figures exist,
    /// only the articles that can hold an answer are read (<see cref="FigureCandidates"/>): the same figures, in the same
    /// order, at a fraction of the cost, and each article read is kept for the next question and the full extraction.
    /// </summary>
    public IReadOnlyList<Figure> FiguresForQuestion(string question)
    {
        if (_figures.IsValueCreated || !FigureSet.MayAnswer(question))
        {
            return FigureSet.MayAnswer(question) ? _figures.Value.ForQuestion(question) : [];
        }

        var request = FigureRequest.Parse(question);
        if (request.Metrics.Count == 0 && request.Terms.Count == 0)
        {
            return [];
        }

        var candidates = FigureCandidates.For(Index, request);
        if (candidates.Count > Articles.Count * 3 / 4)
        {
            return _figures.Value.ForRequest(request);
        }

        // whether a name is some figure's party is a question about the whole corpus: read the articles naming it until one is
        var parties = request.Parties.Names
            .Where(n => !Countries.IsCountry(n)
                && FigureCandidates.Naming(Articles, n).Any(a => _figureCache.Of(a).Any(f => f.Parties.Names.Contains(n, StringComparer.Ordinal))))
            .ToList();
        return ReadBestCandidatesFirst(request, candidates, parties);
    }

    /// <summary>
    /// Reads the candidates holding the most of the request's terms first, and stops as soon as no unread article can
    /// score high enough to change the answer (below the fifth figure, or below the threshold): the same answer as
    /// reading them all.
    /// </summary>
    private IReadOnlyList<Figure> ReadBestCandidatesFirst(FigureRequest request, IReadOnlyList<int> candidates, IReadOnlyCollection<string> parties)
    {
        var hits = FigureCandidates.TermHits(Index, request, candidates);
        var levels = hits.Distinct().OrderDescending().ToList();
        var read = new List<int>();
        for (var level = 0; level < levels.Count; level++)
        {
            read.AddRange(candidates.Where((_, k) => hits[k] == levels[level]));
            read.Sort();
            var ranked = FigureSet.ForAnswering([.. read.Select(i => Index.Articles[i])], _figureCache, parties).Ranked(request);
            var next = level + 1 < levels.Count ? FigureSet.Ceiling(request, levels[level + 1]) : double.NegativeInfinity;
            var threshold = FigureSet.Threshold(ranked.Count == 0 ? 0 : ranked[0].Score);
            if (next < threshold || (ranked.Count >= FigureSet.MaxAnswerFigures && next < ranked[FigureSet.MaxAnswerFigures - 1].Score))
            {
                return [.. ranked.Take(FigureSet.MaxAnswerFigures).Select(r => r.Figure)];
            }
        }

        return [];
    }

    /// <summary>Starts extracting the figures in the background (the host calls it once the index serves), so the first
    /// figures command does not wait; a no-op when they are ready.</summary>
    /// <remarks>One background thread reads the articles one after another, leaving the other cores and the thread pool
    /// to the requests that arrive meanwhile (extracting on every core made a fresh host slow to answer its first
    /// requests); the final reconciliation then finds every article read. A failure is left for the caller that needs
    /// the figures to see (the lazy value rethrows it).</remarks>
    public void PrepareFiguresInBackground()
    {
        if (_figures.IsValueCreated)
        {
            return;
        }

        var thread = new Thread(() =>
        {
            try
            {
                foreach (var article in Articles)
                {
                    _figureCache.Of(article);
                }

                _ = _figures.Value;
            }
#pragma warning disable CA1031 // a background pre-computation: whoever needs the figures gets the error
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        })
        {
            IsBackground = true,
            Name = "figures",
            Priority = ThreadPriority.BelowNormal,
        };
        thread.Start();
    }

    /// <summary>The same snapshot with sentence vectors added (a new version, so cached lexical answers are not reused).</summary>
    public CorpusSnapshot WithSemantic(SemanticIndex semantic)
    {
        ArgumentNullException.ThrowIfNull(semantic);
        if (semantic.Vectors.Count != Index.Sentences.Count)
        {
            throw new ArgumentException($"{semantic.Vectors.Count} vectors for {Index.Sentences.Count} sentences.", nameof(semantic));
        }

        return new CorpusSnapshot(Folder, Articles, Skipped, Index, _figures, _figureTiming, _figureCache, BuiltAt, semantic);
    }

    // Every quote is checked against its article by id: a lookup, not a scan of the corpus. Built on first use; two
    // threads racing build equal maps, and either may win.
    private Dictionary<string, Article> ById => _byId ??= ByIdOf(Articles);

    private Dictionary<string, Article>? _byId;

    private static Dictionary<string, Article> ByIdOf(IReadOnlyList<Article> articles)
    {
        var byId = new Dictionary<string, Article>(articles.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var article in articles)
        {
            byId.TryAdd(article.Id, article);
        }

        return byId;
    }

    /// <summary>Finds an article by full id or unique id prefix ("001").</summary>
    public Article? FindArticle(string idOrPrefix)
    {
        if (ById.TryGetValue(idOrPrefix, out var exact))
        {
            return exact;
        }

        var matches = Articles.Where(a => a.Id.StartsWith(idOrPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private sealed class FigureTiming
    {
        public TimeSpan Elapsed { get; set; }
    }
}
