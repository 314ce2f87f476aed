using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Digests;

/// <summary>Builds digests from a snapshot. (First version: first sentences; the digest issue replaces the choice.)</summary>
public static class DigestBuilder
{
    public static Digest Build(CorpusSnapshot snapshot, DateOnly from, DateOnly to, bool includeUndated = false)
    {
        var items = snapshot.Articles
            .Where(a => a.Metadata.Date is { } d && d >= from && d <= to)
            .Select(a => Item(snapshot, a))
            .ToList();
        var undated = includeUndated ? snapshot.Articles.Where(a => a.Metadata.Date is null).Select(a => Item(snapshot, a)).ToList() : [];
        return new Digest(from, to, items, [], undated);
    }

    /// <summary>The most recent publication date in the corpus, or null when no article is dated.</summary>
    public static DateOnly? LatestDate(CorpusSnapshot snapshot) => snapshot.Articles.Select(a => a.Metadata.Date).Max();

    private static DigestItem Item(CorpusSnapshot snapshot, Article article)
    {
        var highlights = article.Sentences.Take(2).Select(s => new Highlight(s.Text, article.SourceFor(s.Start, s.End))).ToList();
        return new DigestItem(article.Metadata.Title ?? article.Id, highlights, snapshot.Figures.ForArticle(article.Id), [], article.SourceFor(0, 0));
    }
}
