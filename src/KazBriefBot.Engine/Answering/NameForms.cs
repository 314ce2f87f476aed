using KazBriefBot.Engine.Indexing;

namespace KazBriefBot.Engine.Answering;

/// <summary>The forms of a name that the corpus uses: a place and the words derived from it (Asia, Asian; Ukraine,
/// Ukrainians; Kazakhstan, Kazakh, Kazakhstani) name the same thing, so an answer may use any of them. English forms these
/// with a few suffixes on the stem; which forms exist is read from the corpus, never listed per name.</summary>
internal static class NameForms
{
    // Derivational suffixes of names after stemming: American/America, Asian/Asia, Ukrainian/Ukrain(e), European/Europ(e),
    // Chinese/Chin(a) is left out (it would need a rule per name), Kazakh+stan, Kazakhstan+i, Turk+ish.
    private static readonly string[] Suffixes = ["n", "an", "ian", "ean", "i", "ish", "stan"];

    // Shorter stems are too often plain words or other names (a shared "us" must not join "usa" and "user").
    private const int MinimumStem = 4;

    /// <summary>Term ids of the term and of its derived or base forms that the corpus contains (empty when none).</summary>
    public static int[] Of(SentenceIndex index, string term)
    {
        var forms = new List<int>(2);
        Add(index, forms, term);
        if (term.Length >= MinimumStem)
        {
            foreach (var suffix in Suffixes)
            {
                Add(index, forms, term + suffix);
                if (term.Length - suffix.Length >= MinimumStem && term.EndsWith(suffix, StringComparison.Ordinal))
                {
                    Add(index, forms, term[..^suffix.Length]);
                }
            }
        }

        return [.. forms];
    }

    private static void Add(SentenceIndex index, List<int> forms, string term)
    {
        var id = index.TermIdOf(term);
        if (id >= 0 && !forms.Contains(id))
        {
            forms.Add(id);
        }
    }
}
