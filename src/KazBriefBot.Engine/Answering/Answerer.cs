namespace KazBriefBot.Engine.Answering;

/// <summary>Answers a question from a snapshot with up to three verbatim quotes, or says that nothing was found.</summary>
public static class Answerer
{
    public const int MaxQuotes = 3;

    public static Answer Ask(CorpusSnapshot snapshot, string question, int maxQuotes = MaxQuotes)
    {
        var hits = snapshot.Index.Search(question, maxQuotes);
        var quotes = new List<Quote>();
        foreach (var hit in hits)
        {
            var indexed = snapshot.Index.Sentences[hit.SentenceId];
            var article = snapshot.Articles[indexed.ArticleIndex];
            var s = indexed.Sentence;
            quotes.Add(new Quote(s.Text, null, Math.Round(hit.Score, 4), article.SourceFor(s.Start, s.End)));
        }

        var figures = snapshot.Figures.ForQuestion(question);
        foreach (var quote in quotes)
        {
            VerifyVerbatim(snapshot, quote);
        }

        return quotes.Count == 0 && figures.Count == 0
            ? new Answer(question, false, NothingFound(snapshot), [], [])
            : new Answer(question, true, $"{quotes.Count} quote(s) from {snapshot.Articles.Count} articles.", quotes, figures);
    }

    public static string NothingFound(CorpusSnapshot snapshot) =>
        $"I found nothing about that in the {snapshot.Articles.Count} articles I have.";

    /// <summary>Never return text that is not an exact substring of its article: a failure here is a bug, not bad input.</summary>
    internal static void VerifyVerbatim(CorpusSnapshot snapshot, Quote quote)
    {
        var article = snapshot.FindArticle(quote.Source.Id) ?? throw new InvalidOperationException($"Quote source {quote.Source.Id} is not in the corpus.");
        var span = article.Text.AsSpan(quote.Source.Start, quote.Source.End - quote.Source.Start);
        if (!span.SequenceEqual(quote.Text))
        {
            throw new InvalidOperationException($"Quote is not verbatim at {quote.Source.Id}[{quote.Source.Start}..{quote.Source.End}).");
        }
    }
}
