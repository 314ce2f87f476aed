using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Figures;

/// <summary>Every figure of a corpus snapshot, extracted at indexing time and reconciled into groups; immutable.</summary>
public sealed class FigureSet
{
    internal const int MaxAnswerFigures = 5;

    private readonly Lazy<IReadOnlyList<HashSet<string>>> _quoteTerms;
    private readonly Lazy<HashSet<string>> _partyNames;
    private readonly Lazy<IReadOnlyList<FigureChart>> _allCharts;

    private FigureSet(IReadOnlyList<Figure> all, IReadOnlyList<FigureGroup> groups, IReadOnlyDictionary<string, string> articleTexts, IEnumerable<string>? otherParties = null)
    {
        All = all;
        Groups = groups;
        ArticleTexts = articleTexts;
        _quoteTerms = new(() => [.. all.Select(f => TextAnalyzer.Terms(f.Quote).ToHashSet(StringComparer.Ordinal))]);
        _partyNames = new(() => all.SelectMany(f => f.Parties.Names).Concat(otherParties ?? []).ToHashSet(StringComparer.Ordinal));
        _allCharts = new(() => Report(null).Charts);
    }

    public static FigureSet Empty { get; } = new([], [], new Dictionary<string, string>());

    public IReadOnlyList<Figure> All { get; }

    /// <summary>All reconciled groups; their Figures index into <see cref="All"/>.</summary>
    public IReadOnlyList<FigureGroup> Groups { get; }

    private IReadOnlyDictionary<string, string> ArticleTexts { get; }

    /// <summary>Extracts the figures of every article, checks each is verbatim, and reconciles them into groups.</summary>
    public static FigureSet Extract(IReadOnlyList<Article> articles) => Extract(articles, null);

    /// <summary>As <see cref="Extract(IReadOnlyList{Article})"/>, reading each article's figures through a cache shared with
    /// other extractions of the same articles (a question's candidate articles, then the whole corpus).</summary>
    public static FigureSet Extract(IReadOnlyList<Article> articles, ArticleFigureCache? cache)
    {
        ArgumentNullException.ThrowIfNull(articles);
        // Articles are read in parallel (each on its own); the figures keep article order, so the set is the same as a sequential read.
        var all = articles.AsParallel().AsOrdered()
            .SelectMany(article => cache is null ? Of(article) : cache.Of(article))
            .ToList();

        return new FigureSet(all, FigureReconciler.Group(all), TextsOf(articles, all));
    }

    /// <summary>The figures of some articles for answering questions only (<see cref="ForRequest"/>): not reconciled, so
    /// without groups. <paramref name="partiesElsewhere"/> are names that figures of other articles have as a party
    /// (a name some figure has as a party must be the party of an answer, not merely named in its article).</summary>
    internal static FigureSet ForAnswering(IReadOnlyList<Article> articles, ArticleFigureCache cache, IReadOnlyCollection<string> partiesElsewhere)
    {
        // sequential: see FigureCandidates (a question's few articles; no parallel work from a pool thread)
        var all = articles.SelectMany(cache.Of).ToList();
        return new FigureSet(all, [], TextsOf(articles, all), partiesElsewhere);
    }

    private static Dictionary<string, string> TextsOf(IReadOnlyList<Article> articles, IReadOnlyList<Figure> all)
    {
        var withFigures = all.Select(f => f.Source.Id).ToHashSet(StringComparer.Ordinal);
        return articles.Where(a => withFigures.Contains(a.Id)).GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
    }

    /// <summary>Figures and groups matching a free-text topic (all when it is empty), whole groups, with their summary.</summary>
    public FigureReport Report(string? topic)
    {
        var trimmed = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();
        var request = FigureRequest.Parse(trimmed ?? string.Empty);
        var matched = request.IsEmpty ? Enumerable.Range(0, All.Count).ToHashSet() : MatchTopic(request);

        // whole groups, so that conflicting sources always appear side by side
        var figures = new List<Figure>();
        var groups = new List<FigureGroup>();
        var position = new Dictionary<int, int>();
        foreach (var g in Groups.Where(g => g.Figures.Any(matched.Contains)))
        {
            var indexes = new List<int>();
            foreach (var i in g.Figures)
            {
                if (!position.TryGetValue(i, out var at))
                {
                    at = position[i] = figures.Count;
                    figures.Add(All[i]);
                }

                indexes.Add(at);
            }

            groups.Add(g with { Figures = indexes });
        }

        var summary = FigureSummary.Lines(figures, groups, request);
        return new FigureReport(trimmed, figures, groups) { Summary = summary, Charts = FigureCharts.Build(figures, groups, summary) };
    }

    /// <summary>
    /// The charts of every series (over the whole corpus) to which one of these articles brings a figure, standalone: their
    /// points keep quote and source but no index into a report (a digest has none).
    /// </summary>
    public IReadOnlyList<FigureChart> ChartsFor(IReadOnlyCollection<string> articleIds)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        var ids = articleIds.ToHashSet(StringComparer.Ordinal);
        return [.. _allCharts.Value
            .Where(c => c.Points.Any(p => ids.Contains(p.Origin.Id)))
            .Select(c => c with
            {
                Line = -1,
                Periods = [.. c.Periods.Select(p => p with { Group = -1, Points = [.. p.Points.Select(x => x with { Figure = null })] })],
            })];
    }

    /// <summary>
    /// Figures that answer a "how much / how many / what share" question, best first: those of the metric it names, of the
    /// parties it names (China is not the United States; the direction of a flow counts), and of its year when it gives one.
    /// Empty for other questions, and when the corpus has no figure of those parties.
    /// </summary>
    public IReadOnlyList<Figure> ForQuestion(string question)
    {
        if (All.Count == 0 || !MayAnswer(question))
        {
            return [];
        }

        return ForRequest(FigureRequest.Parse(question));
    }

    /// <summary>As <see cref="ForQuestion"/> for a parsed question that <see cref="MayAnswer"/> accepted.</summary>
    internal IReadOnlyList<Figure> ForRequest(FigureRequest request) => [.. Ranked(request).Take(MaxAnswerFigures).Select(s => s.Figure)];

    /// <summary>Every figure good enough to answer the request (its score within reach of the best), best first.</summary>
    internal IReadOnlyList<(Figure Figure, double Score)> Ranked(FigureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Metrics.Count == 0 && request.Terms.Count == 0)
        {
            return [];
        }

        var scored = new List<(Figure Figure, double Score, int Index)>();
        for (var i = 0; i < All.Count; i++)
        {
            if (Score(request, i) is { } score)
            {
                scored.Add((All[i], score, i));
            }
        }

        var threshold = Threshold(scored.Count == 0 ? 0 : scored.Max(s => s.Score));
        return [.. scored
            .Where(s => s.Score >= threshold)
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Figure.Source.Date ?? DateOnly.MinValue)
            .ThenBy(s => s.Index)
            .Select(s => (s.Figure, s.Score))];
    }

    /// <summary>The lowest score that answers when the best figure scores <paramref name="best"/>.</summary>
    internal static double Threshold(double best) => Math.Max(1.5, best * 0.6);

    /// <summary>The most a figure can score for the request when its sentence holds <paramref name="termHits"/> of the
    /// request's terms (what <see cref="Score"/> gives with every other part at its best).</summary>
    internal static double Ceiling(FigureRequest request, int termHits) =>
        (request.Metrics.Count > 0 ? 2.0 : 0) + termHits + (request.Parties.IsEmpty ? 0 : 1) + (request.Kind is null ? 0.5 : 1.5) + (request.Years.Count > 0 ? 1.5 : 0);

    /// <summary>Whether <see cref="ForQuestion"/> can return anything for the question, decided from the question alone
    /// (so that a snapshot extracts its figures only for the questions that may use them).</summary>
    public static bool MayAnswer(string question) =>
        !string.IsNullOrWhiteSpace(question) && (AnswerTypeCues.Detect(question) == ExpectedAnswer.Quantity || AsksForFigures(question));

    /// <summary>The figures of one article, in text order.</summary>
    public IReadOnlyList<Figure> ForArticle(string articleId) => All.Where(f => f.Source.Id == articleId).ToList();

    // "figures", "statistics", "the number of MPs"; not a rank ("number one", "world number 2", "No 1").
    private static bool AsksForFigures(string question)
    {
        var tokens = NumberTokenizer.Tokenize(question);
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Kind == NumberTokenKind.Word ? Porter2Stemmer.Stem(tokens[i].Lower) : null;
            if (word is "figur" or "statist"
                || (word == "number" && !(i + 1 < tokens.Count && (tokens[i + 1].Kind == NumberTokenKind.Digits || NumberGrammar.IsNumberWord(tokens[i + 1].Lower)))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How well figure i answers the request; null when it cannot (another metric, other parties).</summary>
    private double? Score(FigureRequest request, int i)
    {
        var f = All[i];
        if (!PartiesFit(request, f))
        {
            return null;
        }

        var metricHit = request.Metrics.Any(m => m.Name == f.Metric);
        if (request.Metrics.Count > 0 && !metricHit)
        {
            return null;
        }

        var termHits = request.Terms.Count(_quoteTerms.Value[i].Contains);
        if (!metricHit && termHits == 0)
        {
            return null;
        }

        var score = (metricHit ? 2.0 : 0) + termHits + (request.Parties.IsEmpty ? 0 : 1);
        score += request.Kind is { } kind ? (f.Kind == kind ? 1.5 : -0.5) : (f.Kind == FigureKind.Level ? 0.5 : 0);
        if (request.Years.Count > 0)
        {
            score += request.Years.Any(y => f.Period?.Contains(y.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) == true) ? 1.5 : -1;
        }

        return score;
    }

    /// <summary>
    /// Every party the request names must be a party of the figure (in the request's direction), except names no figure
    /// has as a party at all (people, places the corpus only mentions): those must at least be named in the figure's article.
    /// </summary>
    private bool PartiesFit(FigureRequest request, Figure f)
    {
        if (request.Parties.IsEmpty)
        {
            return true;
        }

        var known = request.Parties.Names.Where(n => Countries.IsCountry(n) || _partyNames.Value.Contains(n)).ToList();
        var unknown = request.Parties.Names.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0 && !(ArticleTexts.TryGetValue(f.Source.Id, out var text) && unknown.All(n => text.Contains(n, StringComparison.Ordinal))))
        {
            return false;
        }

        if (known.Count == 0)
        {
            return true;
        }

        var asked = known.Count == request.Parties.Names.Count ? request.Parties : new Parties(known, false);
        return f.Parties.Covers(asked);
    }

    /// <summary>Figures of the topic's metric and parties; else those whose sentence has every topic term; else any.</summary>
    private HashSet<int> MatchTopic(FigureRequest request)
    {
        var byIdentity = Enumerable.Range(0, All.Count)
            .Where(i => (request.Metrics.Count == 0 || request.Metrics.Any(m => m.Name == All[i].Metric)) && PartiesFit(request, All[i]))
            .ToHashSet();
        if (request.Metrics.Count > 0 || !request.Parties.IsEmpty)
        {
            return byIdentity;
        }

        var every = byIdentity.Where(i => request.Terms.All(_quoteTerms.Value[i].Contains) || request.Terms.All(TextAnalyzer.Terms(All[i].Metric).Contains)).ToHashSet();
        return every.Count > 0 ? every : [.. byIdentity.Where(i => request.Terms.Any(_quoteTerms.Value[i].Contains))];
    }

    /// <summary>The verbatim figures of one article, in text order.</summary>
    internal static IReadOnlyList<Figure> Of(Article article) => [.. FigureExtractor.Extract(article).Where(f => IsVerbatim(article, f))];

    private static bool IsVerbatim(Article article, Figure f) =>
        f.Source.End <= article.Text.Length
        && article.Text.AsSpan(f.Source.Start, f.Source.End - f.Source.Start).SequenceEqual(f.Quote)
        && f.Quote.Contains(f.Text, StringComparison.Ordinal);
}
