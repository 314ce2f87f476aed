using System.Globalization;
using System.Text;

namespace KazBriefBot.Engine.Figures;

/// <summary>Folding (case, diacritics) and a light suffix-stripping stemmer for matching topics and questions to figures.</summary>
public static class FigureTerms
{
    /// <summary>Words that say "give me numbers" rather than what about.</summary>
    public static readonly IReadOnlySet<string> TopicNoise = new HashSet<string>(StringComparer.Ordinal)
    {
        "figure", "figures", "number", "numbers", "statistic", "statistics", "stat", "stats", "summary", "summarise", "summarize", "the", "of", "on", "about",
        "a", "an", "and", "for", "in", "me", "give", "show", "list", "all", "data",
    };

    /// <summary>Question words and names present in nearly every sentence of the corpus.</summary>
    public static readonly IReadOnlySet<string> QuestionNoise = new HashSet<string>(TopicNoise, StringComparer.Ordinal)
    {
        "how", "much", "many", "large", "big", "high", "fast", "what", "was", "is", "were", "are", "be", "been", "value", "amount", "total", "volume", "size",
        "has", "have", "had", "did", "does", "do", "to", "with", "between", "by", "from", "it", "its", "s", "u", "us", "united", "states", "america",
        "american", "americans", "kazakhstan", "kazakh", "kazakhstani", "there", "that", "this", "so", "far", "get", "which", "who",
    };

    public static IEnumerable<string> Words(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0)
            {
                yield return sb.ToString();
                sb.Clear();
            }
        }

        if (sb.Length > 0)
        {
            yield return sb.ToString();
        }
    }

    public static IEnumerable<string> Stems(string text) => Words(text).Select(Stem);

    public static IEnumerable<string> ContentStems(string text, IReadOnlySet<string> noise) =>
        Words(text).Where(w => !noise.Contains(w)).Select(Stem).Distinct();

    /// <summary>investments/investors/invested → invest; companies → company; exports → export.</summary>
    public static string Stem(string w)
    {
        if (w.Length <= 3)
        {
            return w;
        }

        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^3] + "y";
        }

        foreach (var suffix in new[] { "ments", "ment", "ors", "ers", "ings", "ing", "ed", "es", "or", "er", "s" })
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal) && w.Length - suffix.Length >= 3
                && !(suffix == "s" && (w.EndsWith("ss", StringComparison.Ordinal) || w.EndsWith("us", StringComparison.Ordinal))))
            {
                var stem = w[..^suffix.Length];
                var keepE = suffix == "es" && !(stem.EndsWith('s') || stem.EndsWith('x') || stem.EndsWith("ch", StringComparison.Ordinal) || stem.EndsWith("sh", StringComparison.Ordinal));
                return keepE ? w[..^1] : stem;
            }
        }

        return w;
    }
}
