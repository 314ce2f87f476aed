using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// The articles that can hold a figure answering a request, so that a figure question reads only those instead of the
/// whole corpus. A superset, never a guess (<see cref="FigureSet.ForRequest"/> decides): a figure answers only when it
/// has one of the request's metrics (whose trigger words are then in its article) or, when the request names none, one
/// of its terms in its sentence (then in the index's postings of its article); and only when each party the request
/// names is the figure's party or named in its article (so its article holds the name, or a form of the country).
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
            Mark(articles, chosen, a => triggers.Any(t => HoldsWord(a.Text, t, StringComparison.OrdinalIgnoreCase)));
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

        foreach (var name in request.Parties.Names)
        {
            var starts = NameStarts(name);
            for (var i = 0; i < articles.Count; i++)
            {
                if (chosen[i] && !Names(articles[i], starts))
                {
                    chosen[i] = false;
                }
            }
        }

        return [.. Enumerable.Range(0, articles.Count).Where(i => chosen[i])];
    }

    /// <summary>How many of the request's terms each candidate article holds: the most its figures' sentences can hold.</summary>
    public static int[] TermHits(SentenceIndex index, FigureRequest request, IReadOnlyList<int> candidates)
    {
        var position = new Dictionary<int, int>(candidates.Count);
        for (var k = 0; k < candidates.Count; k++)
        {
            position[candidates[k]] = k;
        }

        var hits = new int[candidates.Count];
        foreach (var term in request.Terms)
        {
            foreach (var article in index.ArticlesWith(index.TermIdOf(term)))
            {
                if (position.TryGetValue(article, out var k))
                {
                    hits[k]++;
                }
            }
        }

        return hits;
    }

    /// <summary>Articles in which a figure could have this (non-country) name as a party: they write its first word.</summary>
    public static IEnumerable<Article> Naming(IReadOnlyList<Article> articles, string name)
    {
        var starts = NameStarts(name);
        return articles.Where(a => Names(a, starts));
    }

    /// <summary>
    /// Whether the text has the trigger as a word ("aid") or a word's start ("export*"); looser than the tokenizer at word
    /// edges (only a letter continues a word here), never stricter.
    /// </summary>
    internal static bool HoldsWord(string text, string trigger, StringComparison comparison)
    {
        var prefix = trigger.EndsWith('*');
        var word = prefix ? trigger.AsSpan(0, trigger.Length - 1) : trigger.AsSpan();
        var span = text.AsSpan();
        for (var from = 0; from <= span.Length - word.Length;)
        {
            var at = span[from..].IndexOf(word, comparison);
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

    // A party is read from capitalised words (or a country's forms, case-sensitive); its first letter run, as a word
    // start, is in every article that can name it, however the rest is spaced, dotted or joined ("U.S.", "TimeWarner").
    private static string[] NameStarts(string name)
    {
        var forms = Countries.IsCountry(name) ? Countries.FormsOf(name) : [name];
        return [.. forms.Select(FirstLetterRun).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).Select(w => w + "*")];
    }

    private static string FirstLetterRun(string form)
    {
        var start = 0;
        while (start < form.Length && !char.IsLetter(form[start]))
        {
            start++;
        }

        var end = start;
        while (end < form.Length && char.IsLetter(form[end]))
        {
            end++;
        }

        return form[start..end];
    }

    private static bool Names(Article article, string[] starts) =>
        starts.Any(s => HoldsWord(article.Text, s, StringComparison.Ordinal) || (article.Metadata.Title is { } title && HoldsWord(title, s, StringComparison.Ordinal)));

    // Sequential on purpose: a question is answered on a pool thread (the host's request, the CLI's questions in
    // parallel), and parallel work started from there waits for threads the pool is slow to add.
    private static void Mark(IReadOnlyList<Article> articles, bool[] chosen, Func<Article, bool> holds)
    {
        for (var i = 0; i < articles.Count; i++)
        {
            if (!chosen[i] && holds(articles[i]))
            {
                chosen[i] = true;
            }
        }
    }
}
