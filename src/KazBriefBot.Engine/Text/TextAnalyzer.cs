using System.Globalization;
using System.Text;

namespace KazBriefBot.Engine.Text;

/// <summary>Turns text into index terms: folded case and diacritics, stopwords removed.</summary>
public static class TextAnalyzer
{
    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is", "are", "was", "were",
        "be", "been", "it", "its", "this", "that", "as", "what", "who", "how", "did", "do", "does", "about", "me", "tell",
    };

    /// <summary>Index terms of a text, in order.</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0)
            {
                Flush();
            }
        }

        Flush();
        return terms;

        void Flush()
        {
            if (sb.Length == 0)
            {
                return;
            }

            var term = sb.ToString();
            sb.Clear();
            if (!Stopwords.Contains(term))
            {
                terms.Add(term);
            }
        }
    }
}
