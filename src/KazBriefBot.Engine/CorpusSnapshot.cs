using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Semantic;

namespace KazBriefBot.Engine;

/// <summary>An immutable, fully built view of the corpus (articles, sentence index, figures); safe to share across threads.</summary>
public sealed class CorpusSnapshot
{
    private static long _nextVersion;

    private CorpusSnapshot(string folder, IReadOnlyList<Article> articles, IReadOnlyList<SkippedFile> skipped, SentenceIndex index, FigureSet figures,
        DateTimeOffset builtAt, SemanticIndex? semantic = null)
    {
        Semantic = semantic;
        Folder = folder;
        Articles = articles;
        Skipped = skipped;
        Index = index;
        Figures = figures;
        BuiltAt = builtAt;
        Version = Interlocked.Increment(ref _nextVersion);
    }

    public string Folder { get; }

    public IReadOnlyList<Article> Articles { get; }

    public IReadOnlyList<SkippedFile> Skipped { get; }

    public SentenceIndex Index { get; }

    public FigureSet Figures { get; }

    /// <summary>Sentence vectors for hybrid retrieval, or null while they are being computed (answers are lexical then).</summary>
    public SemanticIndex? Semantic { get; }

    public DateTimeOffset BuiltAt { get; }

    /// <summary>Distinguishes snapshots (cache keys include it).</summary>
    public long Version { get; }

    public int SentenceCount => Index.Sentences.Count;

    public static CorpusSnapshot Build(string folder, CorpusLoadResult loaded, DateTimeOffset builtAt)
    {
        var index = SentenceIndex.Build(loaded.Articles);
        var figures = FigureSet.Extract(loaded.Articles);
        return new CorpusSnapshot(folder, loaded.Articles, loaded.Skipped, index, figures, builtAt);
    }

    /// <summary>The same snapshot with sentence vectors added (a new version, so cached lexical answers are not reused).</summary>
    public CorpusSnapshot WithSemantic(SemanticIndex semantic)
    {
        ArgumentNullException.ThrowIfNull(semantic);
        if (semantic.Vectors.Count != Index.Sentences.Count)
        {
            throw new ArgumentException($"{semantic.Vectors.Count} vectors for {Index.Sentences.Count} sentences.", nameof(semantic));
        }

        return new CorpusSnapshot(Folder, Articles, Skipped, Index, Figures, BuiltAt, semantic);
    }

    /// <summary>Finds an article by full id or unique id prefix ("001").</summary>
    public Article? FindArticle(string idOrPrefix)
    {
        var exact = Articles.FirstOrDefault(a => string.Equals(a.Id, idOrPrefix, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        var matches = Articles.Where(a => a.Id.StartsWith(idOrPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
