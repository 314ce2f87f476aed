using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// The articles that can hold a figure answering a request, so that a figure question reads only those instead of the
/// whole corpus. A superset, never a guess: a figure answers only when it has one of the request's metrics (whose
/// trigger words are then in its article) or, when the request names none, one of its terms in its sentence (then in
/// the index's postings of its article); articles naming the request's other parties are added so that whether a name is
/// some figure's party reads the same as over the whole corpus.
/// </summary>
internal static class FigureCandidates
{
    /// <summary>Article indexes, ascending (corpus order, so figures keep the order of a whole-corpus extraction).</summary>
    public static IReadOnlyList<int> For(SentenceIndex index, FigureRequest request)
    {
        var articles = index.Articles;
        var chosen = new bool[articles.Count];
        if (request.Metrics.Count > 0)
        {
            var triggers = request.Metrics.SelectMany(m => m.Triggers).Distinct(StringComparer.Ordinal).ToArray();
            Mark(articles, chosen, a => triggers.Any(t => HoldsWord(a.Text, t)));
        }
        else
        {
            foreach (var term in request.Terms)
            {
                foreach (var article in index.ArticlesWith(index.TermIdOf(term)))
                {
                    chosen[article] = true;
                }
            }
        }

        var names = request.Parties.Names.Where(n => !Countries.IsCountry(n)).ToArray();
        if (names.Length > 0)
        {
            Mark(articles, chosen, a => names.Any(n => a.Text.Contains(n, StringComparison.Ordinal) || a.Metadata.Title?.Contains(n, StringComparison.Ordinal) == true));
        }

        return [.. Enumerable.Range(0, articles.Count).Where(i => chosen[i])];
    }

    /// <summary>Whether the text has the trigger as a word ("aid") or a word's start ("export*"), in any case; looser
    /// than the tokenizer at word edges (a hyphen or digit counts as an edge), never stricter.</summary>
    internal static bool HoldsWord(string text, string trigger)
    {
        var prefix = trigger.EndsWith('*');
        var word = prefix ? trigger.AsSpan(0, trigger.Length - 1) : trigger.AsSpan();
        var span = text.AsSpan();
        for (var from = 0; from <= span.Length - word.Length;)
        {
            var at = span[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            var start = from + at;
            var end = start + word.Length;
            if ((start == 0 || !char.IsLetter(span[start - 1])) && (prefix || end == span.Length || !char.IsLetter(span[end])))
            {
                return true;
            }

            from = start + 1;
        }

        return false;
    }

    private static void Mark(IReadOnlyList<Article> articles, bool[] chosen, Func<Article, bool> holds) =>
        Parallel.For(0, articles.Count, i =>
        {
            if (!chosen[i] && holds(articles[i]))
            {
                chosen[i] = true;
            }
        });
}
