using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Figures;

/// <summary>Every figure of a corpus snapshot, extracted at indexing time and reconciled into groups; immutable.</summary>
public sealed class FigureSet
{
    private const int MaxAnswerFigures = 5;

    private static readonly string[] QuantityPhrases =
    [
        "how much", "how many", "how large", "how big", "how high", "how fast", "what was the value", "what is the value", "what s the value",
        "what was the amount", "what is the amount", "what was the total", "what is the total", "what was the volume", "what is the volume",
        "what was the number", "what is the number", "what was the size", "what is the size", "value of", "volume of", "amount of",
        "figures", "figure", "statistics", "stats", "numbers",
    ];

    private FigureSet(IReadOnlyList<Figure> all, IReadOnlyList<FigureGroup> groups)
    {
        All = all;
        Groups = groups;
    }

    public static FigureSet Empty { get; } = new([], []);

    public IReadOnlyList<Figure> All { get; }

    /// <summary>All reconciled groups; their Figures index into <see cref="All"/>.</summary>
    public IReadOnlyList<FigureGroup> Groups { get; }

    /// <summary>Extracts the figures of every article, checks each is verbatim, and reconciles them into groups.</summary>
    public static FigureSet Extract(IReadOnlyList<Article> articles)
    {
        var all = new List<Figure>();
        foreach (var article in articles)
        {
            all.AddRange(FigureExtractor.Extract(article).Where(f => IsVerbatim(article, f)));
        }

        return new FigureSet(all, FigureReconciler.Group(all));
    }

    /// <summary>Figures and groups matching a free-text topic; all of them when the topic is null or empty.</summary>
    public FigureReport Report(string? topic)
    {
        var trimmed = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();
        var matched = trimmed is null ? Enumerable.Range(0, All.Count).ToHashSet() : MatchTopic(trimmed);

        // whole groups, so that conflicting sources always appear side by side
        var figures = new List<Figure>();
        var groups = new List<FigureGroup>();
        foreach (var g in Groups.Where(g => g.Figures.Any(matched.Contains)))
        {
            var indexes = new List<int>();
            foreach (var i in g.Figures)
            {
                indexes.Add(figures.Count);
                figures.Add(All[i]);
            }

            groups.Add(g with { Figures = indexes });
        }

        return new FigureReport(trimmed, figures, groups);
    }

    /// <summary>Figures that answer a "how much / how many / what was the value" question, best first; empty for other questions.</summary>
    public IReadOnlyList<Figure> ForQuestion(string question)
    {
        if (All.Count == 0 || string.IsNullOrWhiteSpace(question))
        {
            return [];
        }

        var folded = " " + string.Join(' ', FigureTerms.Words(question)) + " ";
        if (!QuantityPhrases.Any(p => folded.Contains(" " + p + " ", StringComparison.Ordinal)))
        {
            return [];
        }

        var terms = FigureTerms.ContentStems(question, FigureTerms.QuestionNoise).ToHashSet(StringComparer.Ordinal);
        if (terms.Count == 0)
        {
            return [];
        }

        var wantsCount = folded.Contains(" how many ", StringComparison.Ordinal) || folded.Contains(" number ", StringComparison.Ordinal);
        var wantsAmount = folded.Contains(" how much ", StringComparison.Ordinal) || folded.Contains(" value ", StringComparison.Ordinal);
        var scored = new List<(Figure Figure, double Score, int Index)>();
        for (var i = 0; i < All.Count; i++)
        {
            var f = All[i];
            var metricHits = terms.Count(FigureTerms.Stems(f.Metric).ToHashSet(StringComparer.Ordinal).Contains);
            var sentenceHits = terms.Count(FigureTerms.Stems(f.Quote).ToHashSet(StringComparer.Ordinal).Contains);
            if (metricHits == 0 && sentenceHits == 0)
            {
                continue;
            }

            var score = (2.0 * metricHits) + sentenceHits;
            if ((wantsCount && f.Kind == Units.Count) || (wantsAmount && f.Kind == Units.Money))
            {
                score += 1.5;
            }
            else if (wantsCount)
            {
                score -= 1;
            }

            score -= f.Qualifier == Qualifiers.Forecast ? 0.5 : 0;
            scored.Add((f, score, i));
        }

        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Max(s => s.Score);
        return [.. scored
            .Where(s => s.Score >= Math.Max(1.5, best * 0.6))
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Figure.Source.Date ?? DateOnly.MinValue)
            .ThenBy(s => s.Index)
            .Take(MaxAnswerFigures)
            .Select(s => s.Figure)];
    }

    /// <summary>The figures of one article, in text order.</summary>
    public IReadOnlyList<Figure> ForArticle(string articleId) => All.Where(f => f.Source.Id == articleId).ToList();

    /// <summary>Figures whose metric has every topic term; else any topic term; else sentences with every topic term.</summary>
    private HashSet<int> MatchTopic(string topic)
    {
        var terms = FigureTerms.ContentStems(topic, FigureTerms.TopicNoise).ToList();
        if (terms.Count == 0)
        {
            return Enumerable.Range(0, All.Count).ToHashSet();
        }

        var metricStems = All.Select(f => FigureTerms.Stems(f.Metric).ToHashSet(StringComparer.Ordinal)).ToList();
        var every = Enumerable.Range(0, All.Count).Where(i => terms.All(metricStems[i].Contains)).ToHashSet();
        if (every.Count > 0)
        {
            return every;
        }

        var any = Enumerable.Range(0, All.Count).Where(i => terms.Any(metricStems[i].Contains)).ToHashSet();
        if (any.Count > 0)
        {
            return any;
        }

        return Enumerable.Range(0, All.Count)
            .Where(i => terms.All(FigureTerms.Stems(All[i].Quote).ToHashSet(StringComparer.Ordinal).Contains))
            .ToHashSet();
    }

    private static bool IsVerbatim(Article article, Figure f) =>
        f.Source.End <= article.Text.Length
        && article.Text.AsSpan(f.Source.Start, f.Source.End - f.Source.Start).SequenceEqual(f.Quote)
        && f.Quote.Contains(f.Text, StringComparison.Ordinal);
}
