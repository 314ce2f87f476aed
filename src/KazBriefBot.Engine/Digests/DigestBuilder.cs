using System.Runtime.CompilerServices;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Digests;

/// <summary>Builds digests from a snapshot: articles ranked by importance, each with extractive key sentences, figures and topics.</summary>
public static class DigestBuilder
{
    /// <summary>At most this many figures are listed per item (those inside the key sentences first).</summary>
    public const int MaxFiguresPerItem = 5;

    /// <summary>At most this many charts are shown in a digest (the most relevant series first).</summary>
    public const int MaxCharts = 3;

    // Term statistics and sentence vectors depend only on the snapshot, which is immutable: computed once per snapshot.
    private static readonly ConditionalWeakTable<CorpusSnapshot, DigestModel> Models = new();

    /// <summary>The articles published in [from, to] (inclusive), most important first; undated articles apart when asked.</summary>
    /// <exception cref="ArgumentException">from is after to.</exception>
    public static Digest Build(CorpusSnapshot snapshot, DateOnly from, DateOnly to, bool includeUndated = false, KeySentenceWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (from > to)
        {
            throw new ArgumentException($"The range starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd}).", nameof(from));
        }

        var model = Models.GetValue(snapshot, s => new DigestModel(s.Articles));
        var dated = snapshot.Articles.Where(a => a.Metadata.Date is { } d && d >= from && d <= to).ToList();
        var items = Items(snapshot, model, dated, weights ?? KeySentenceWeights.Default, withAddedAt: false);
        var undated = includeUndated
            ? Items(snapshot, model, snapshot.Articles.Where(a => a.Metadata.Date is null).ToList(), weights ?? KeySentenceWeights.Default, withAddedAt: false)
            : [];
        return new Digest(from, to, items, Topics(items), undated) { Charts = Charts(snapshot, items.Concat(undated)) };
    }

    /// <summary>
    /// "What's new": the articles added to the corpus after since (and up to until when given), dated or not, most important first.
    /// Selection is by Article.AddedAt, so undated articles take part without being given a date.
    /// </summary>
    public static Digest WhatsNew(CorpusSnapshot snapshot, DateTimeOffset since, DateTimeOffset? until = null, KeySentenceWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var model = Models.GetValue(snapshot, s => new DigestModel(s.Articles));
        var added = snapshot.Articles.Where(a => a.AddedAt > since && (until is null || a.AddedAt <= until)).ToList();
        var items = Items(snapshot, model, added, weights ?? KeySentenceWeights.Default, withAddedAt: true);
        return new Digest(null, null, items, Topics(items), [], since) { Charts = Charts(snapshot, items) };
    }

    /// <summary>The charts of the series the items' articles bring figures to, at most <see cref="MaxCharts"/>.</summary>
    private static IReadOnlyList<Figures.FigureChart> Charts(CorpusSnapshot snapshot, IEnumerable<DigestItem> items) =>
        [.. snapshot.Figures.ChartsFor([.. items.Select(i => i.Source.Id)]).Take(MaxCharts)];

    /// <summary>The most recent publication date in the corpus, or null when no article is dated.</summary>
    public static DateOnly? LatestDate(CorpusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Articles.Select(a => a.Metadata.Date).Max();
    }

    /// <summary>Ranks the articles of one range and builds their items, most important first.</summary>
    private static List<DigestItem> Items(CorpusSnapshot snapshot, DigestModel model, List<Article> articles, KeySentenceWeights weights, bool withAddedAt)
    {
        var prepared = articles.Select(model.For).ToList();
        var figureCounts = articles.Select(a => snapshot.Figures.ForArticle(a.Id).Count).ToList();
        var importance = Importance(prepared, figureCounts);
        var order = Enumerable.Range(0, articles.Count)
            .OrderByDescending(i => importance[i])
            .ThenByDescending(i => articles[i].Metadata.Date ?? DateOnly.MinValue)
            .ThenBy(i => articles[i].Id, StringComparer.Ordinal);

        // The other articles are the range's sum minus the article itself: linear in the range size.
        var sum = TermWeights.Sum(prepared.Select(p => p.Vector));
        var sumNormSquared = sum.Values.Sum(x => x * x);
        var items = new List<DigestItem>(articles.Count);
        foreach (var i in order)
        {
            var rangeSimilarity = articles.Count > 1
                ? KeySentenceRanker.RangeSimilarity(prepared[i].SentenceVectors, sum, sumNormSquared, prepared[i].Vector)
                : null;
            items.Add(Item(snapshot, prepared[i], rangeSimilarity, weights, withAddedAt));
        }

        return items;
    }

    /// <summary>
    /// Importance of each article within its range: mostly how central it is to the other articles (mean cosine),
    /// then how many figures it carries and how long it is (log-scaled); all scaled to 0..1 within the range.
    /// </summary>
    internal static double[] Importance(IReadOnlyList<PreparedArticle> articles, IReadOnlyList<int> figureCounts)
    {
        var n = articles.Count;
        var centrality = new double[n];
        if (n > 1)
        {
            // Mean cosine to the others = (v·Σv − v·v) / (n − 1) for unit vectors: one pass instead of n².
            var sum = TermWeights.Sum(articles.Select(a => a.Vector));
            for (var i = 0; i < n; i++)
            {
                var self = articles[i].Vector.Count > 0 ? 1.0 : 0.0;
                centrality[i] = (TermWeights.Cosine(articles[i].Vector, sum) - self) / (n - 1);
            }
        }

        var maxCentrality = n > 0 ? centrality.Max() : 0;
        var maxFigures = Math.Log(1 + (n > 0 ? figureCounts.Max() : 0));
        var maxLength = Math.Log(1 + (n > 0 ? articles.Max(a => a.Candidates.Count) : 0));
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            scores[i] = (maxCentrality > 0 ? 0.6 * centrality[i] / maxCentrality : 0)
                + (maxFigures > 0 ? 0.25 * Math.Log(1 + figureCounts[i]) / maxFigures : 0)
                + (maxLength > 0 ? 0.15 * Math.Log(1 + articles[i].Candidates.Count) / maxLength : 0);
        }

        return scores;
    }

    private static DigestItem Item(CorpusSnapshot snapshot, PreparedArticle prepared, double[]? rangeSimilarity, KeySentenceWeights weights, bool withAddedAt)
    {
        var article = prepared.Article;
        var count = prepared.Candidates.Count >= 6 ? 3 : 2;
        var chosen = KeySentenceRanker.Choose(prepared.SentenceVectors, prepared.TermCounts, rangeSimilarity, count, weights);
        var highlights = chosen
            .Order()
            .Select(i => prepared.Candidates[i])
            .Select(s => new Highlight(s.Text, article.SourceFor(s.Start, s.End)))
            .ToList();

        var figures = snapshot.Figures.ForArticle(article.Id);
        var keyFigures = figures
            .Select((f, index) => (Figure: f, Index: index, InHighlight: highlights.Exists(h => f.Source.Start >= h.Source.Start && f.Source.End <= h.Source.End)))
            .OrderByDescending(x => x.InHighlight)
            .ThenBy(x => x.Index)
            .Take(MaxFiguresPerItem)
            .OrderBy(x => x.Index)
            .Select(x => x.Figure)
            .ToList();

        return new DigestItem(
            prepared.Headline,
            highlights,
            keyFigures,
            DigestTopics.Of(prepared.AllTerms),
            article.SourceFor(prepared.HeadlineStart, prepared.HeadlineEnd),
            withAddedAt ? article.AddedAt : null);
    }

    /// <summary>Each topic with the indexes of the items under it; topics with more items first.</summary>
    private static List<DigestTopic> Topics(List<DigestItem> items) =>
        DigestTopics.Names
            .Select((name, order) => (Name: name, Order: order, Items: items.Select((item, i) => (item, i)).Where(x => x.item.Topics.Contains(name)).Select(x => x.i).ToList()))
            .Where(t => t.Items.Count > 0)
            .OrderByDescending(t => t.Items.Count)
            .ThenBy(t => t.Order)
            .Select(t => new DigestTopic(t.Name, t.Items))
            .ToList();
}

/// <summary>An article with its headline span, candidate key sentences and their TF-IDF vectors.</summary>
internal sealed record PreparedArticle(
    Article Article,
    string Headline,
    int HeadlineStart,
    int HeadlineEnd,
    IReadOnlyList<Sentence> Candidates,
    IReadOnlyList<Dictionary<string, double>> SentenceVectors,
    IReadOnlyList<int> TermCounts,
    Dictionary<string, double> Vector,
    IReadOnlyList<string> AllTerms);

/// <summary>Corpus-wide term weights and each article's prepared sentences, for one snapshot.</summary>
internal sealed class DigestModel
{
    private readonly Dictionary<string, PreparedArticle> _prepared = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public DigestModel(IReadOnlyList<Article> articles)
    {
        Weights = TermWeights.FromDocuments(articles.Select(a => a.Sentences.SelectMany(s => DigestTerms.Of(s.Text))));
    }

    public TermWeights Weights { get; }

    public PreparedArticle For(Article article)
    {
        lock (_lock)
        {
            if (!_prepared.TryGetValue(article.Id, out var prepared))
            {
                prepared = Prepare(article, Weights);
                _prepared[article.Id] = prepared;
            }

            return prepared;
        }
    }

    internal static PreparedArticle Prepare(Article article, TermWeights weights)
    {
        var title = article.Metadata.Title;
        var (headline, start, end) = Headline(article, title);

        // The headline is shown apart; a sentence that overlaps it or repeats it is not a key sentence.
        var candidates = article.Sentences
            .Where(s => !(end > start && s.Start < end && s.End > start) && !string.Equals(s.Text.Trim(), headline.Trim(), StringComparison.Ordinal))
            .ToList();
        var terms = candidates.Select(s => DigestTerms.Of(s.Text)).ToList();
        var vectors = terms.Select(weights.Vector).ToList();
        var all = terms.SelectMany(t => t).Concat(DigestTerms.Of(headline)).ToList();
        return new PreparedArticle(article, headline, start, end, candidates, vectors, terms.Select(t => t.Count).ToList(), weights.Vector(all), all);
    }

    private static (string Headline, int Start, int End) Headline(Article article, string? title)
    {
        if (!string.IsNullOrWhiteSpace(title))
        {
            var at = article.Text.IndexOf(title, StringComparison.Ordinal);
            return at >= 0 ? (title, at, at + title.Length) : (title, 0, 0);
        }

        if (article.Sentences.Count == 0)
        {
            return (article.Id, 0, 0);
        }

        var first = article.Sentences[0];
        return (first.Text, first.Start, first.End);
    }
}
