using System.Collections.Concurrent;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// The figures of each article, extracted once per article and shared by every extraction over a snapshot's articles:
/// the candidate articles of a figure question first, the whole corpus when the figures command or a digest needs it.
/// Keyed by the article instance, which a snapshot never changes.
/// </summary>
public sealed class ArticleFigureCache
{
    private readonly ConcurrentDictionary<Article, Lazy<IReadOnlyList<Figure>>> _figures = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many articles have been read so far.</summary>
    public int Count => _figures.Count;

    public IReadOnlyList<Figure> Of(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return _figures.GetOrAdd(article, a => new Lazy<IReadOnlyList<Figure>>(() => FigureSet.Of(a), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
