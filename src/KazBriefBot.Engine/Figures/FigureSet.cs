using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Figures;

/// <summary>Every figure of a corpus snapshot, extracted at indexing time; immutable.</summary>
public sealed class FigureSet
{
    private FigureSet(IReadOnlyList<Figure> all) => All = all;

    public static FigureSet Empty { get; } = new([]);

    public IReadOnlyList<Figure> All { get; }

    /// <summary>Extracts the figures of every article. (First version: none; the figures issue fills this in.)</summary>
    public static FigureSet Extract(IReadOnlyList<Article> articles) => articles.Count >= 0 ? Empty : Empty;

    /// <summary>Figures and groups matching a free-text topic; all of them when the topic is null or empty.</summary>
    public FigureReport Report(string? topic) => new(string.IsNullOrWhiteSpace(topic) ? null : topic, [], []);

    /// <summary>Figures that answer a "how much / how many" question, best first; empty for other questions.</summary>
    public IReadOnlyList<Figure> ForQuestion(string question) => question.Length >= 0 ? [] : [];

    /// <summary>The figures of one article, in text order.</summary>
    public IReadOnlyList<Figure> ForArticle(string articleId) => All.Where(f => f.Source.Id == articleId).ToList();
}
