using System.Runtime.CompilerServices;
using System.Text;

namespace KazBriefBot.Engine.Text;

/// <summary>The Porter2 ("Snowball English") stemmer, as published at snowballstem.org; input is a folded lower-case word.</summary>
/// <remarks>Follows the original published algorithm (R1 exceptions gener/commun/arsen), which is also what
/// Lucene's Tartarus EnglishStemmer implements, so the two can be compared word for word.</remarks>
public static class Porter2Stemmer
{
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["skis"] = "ski", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie",
        ["idly"] = "idl", ["gently"] = "gentl", ["ugly"] = "ugli", ["early"] = "earli", ["only"] = "onli", ["singly"] = "singl",
        ["sky"] = "sky", ["news"] = "news", ["howe"] = "howe", ["atlas"] = "atlas", ["cosmos"] = "cosmos", ["bias"] = "bias", ["andes"] = "andes",
    };

    private static readonly HashSet<string> Step1AInvariants = new(StringComparer.Ordinal)
    {
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    };

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"),
        ("entli", "ent"), ("ation", "ate"), ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"),
        ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"), ("alli", "al"),
        ("bli", "ble"), ("ogi", "og"), ("li", string.Empty),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ative", string.Empty),
        ("ical", "ic"), ("ness", string.Empty), ("ful", string.Empty),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic",
    ];

    private static readonly string[] Step0Suffixes = ["'s'", "'s", "'"];

    private static readonly string[] Step1BSuffixes = ["eedly", "ingly", "edly", "eed", "ing", "ed"];

    /// <summary>Stems one lower-case word (letters a–z; other characters are left alone).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }

        if (Exceptions.TryGetValue(word, out var exception))
        {
            return exception;
        }

        var w = new StringBuilder(word);
        if (w[0] == '\'')
        {
            w.Remove(0, 1);
        }

        // Mark consonant y: initial y, or y after a vowel, becomes Y.
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] == 'y' && (i == 0 || IsVowel(w[i - 1])))
            {
                w[i] = 'Y';
            }
        }

        var r1 = RegionAfterVowelConsonant(w, 0);
        var s = w.ToString();
        if (s.StartsWith("gener", StringComparison.Ordinal) || s.StartsWith("arsen", StringComparison.Ordinal))
        {
            r1 = 5;
        }
        else if (s.StartsWith("commun", StringComparison.Ordinal))
        {
            r1 = 6;
        }

        var r2 = RegionAfterVowelConsonant(w, r1);

        Step0(w);
        Step1A(w);
        var afterOneA = w.ToString();
        if (Step1AInvariants.Contains(afterOneA))
        {
            return afterOneA;
        }

        Step1B(w, r1);
        Step1C(w);
        Step2(w, r1);
        Step3(w, r1, r2);
        Step4(w, r2);
        Step5(w, r1, r2);
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] == 'Y')
            {
                w[i] = 'y';
            }
        }

        return w.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static int RegionAfterVowelConsonant(StringBuilder w, int from)
    {
        for (var i = from + 1; i < w.Length; i++)
        {
            if (!IsVowel(w[i]) && IsVowel(w[i - 1]))
            {
                return i + 1;
            }
        }

        return w.Length;
    }

    private static bool EndsWith(StringBuilder w, string suffix)
    {
        if (w.Length < suffix.Length)
        {
            return false;
        }

        var offset = w.Length - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
        {
            if (w[offset + i] != suffix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void Replace(StringBuilder w, int suffixLength, string replacement)
    {
        w.Length -= suffixLength;
        w.Append(replacement);
    }

    private static bool ContainsVowel(StringBuilder w, int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (IsVowel(w[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static void Step0(StringBuilder w)
    {
        foreach (var suffix in Step0Suffixes)
        {
            if (EndsWith(w, suffix))
            {
                w.Length -= suffix.Length;
                return;
            }
        }
    }

    private static void Step1A(StringBuilder w)
    {
        if (EndsWith(w, "sses"))
        {
            Replace(w, 4, "ss");
        }
        else if (EndsWith(w, "ied") || EndsWith(w, "ies"))
        {
            Replace(w, 3, w.Length > 4 ? "i" : "ie");
        }
        else if (EndsWith(w, "us") || EndsWith(w, "ss"))
        {
            // Left as they are.
        }
        else if (EndsWith(w, "s") && ContainsVowel(w, w.Length - 2))
        {
            w.Length--;
        }
    }

    private static void Step1B(StringBuilder w, int r1)
    {
        foreach (var suffix in Step1BSuffixes)
        {
            if (!EndsWith(w, suffix))
            {
                continue;
            }

            var stemEnd = w.Length - suffix.Length;
            if (suffix is "eed" or "eedly")
            {
                if (stemEnd >= r1)
                {
                    Replace(w, suffix.Length, "ee");
                }

                return;
            }

            if (!ContainsVowel(w, stemEnd))
            {
                return;
            }

            w.Length = stemEnd;
            if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz"))
            {
                w.Append('e');
            }
            else if (EndsWithDouble(w))
            {
                w.Length--;
            }
            else if (IsShortWord(w, r1))
            {
                w.Append('e');
            }

            return;
        }
    }

    private static bool EndsWithDouble(StringBuilder w)
    {
        if (w.Length < 2)
        {
            return false;
        }

        var c = w[^1];
        return c == w[^2] && c is 'b' or 'd' or 'f' or 'g' or 'm' or 'n' or 'p' or 'r' or 't';
    }

    private static bool EndsWithShortSyllable(StringBuilder w)
    {
        var n = w.Length;
        if (n == 2)
        {
            return IsVowel(w[0]) && !IsVowel(w[1]);
        }

        return n >= 3 && !IsVowel(w[n - 3]) && IsVowel(w[n - 2]) && !IsVowel(w[n - 1]) && w[n - 1] is not ('w' or 'x' or 'Y');
    }

    private static bool IsShortWord(StringBuilder w, int r1) => r1 >= w.Length && EndsWithShortSyllable(w);

    private static void Step1C(StringBuilder w)
    {
        if (w.Length > 2 && w[^1] is 'y' or 'Y' && !IsVowel(w[^2]))
        {
            w[^1] = 'i';
        }
    }

    private static void Step2(StringBuilder w, int r1)
    {
        foreach (var (suffix, replacement) in Step2Rules)
        {
            if (!EndsWith(w, suffix))
            {
                continue;
            }

            var stemEnd = w.Length - suffix.Length;
            if (stemEnd < r1)
            {
                return;
            }

            if (suffix == "ogi")
            {
                if (stemEnd > 0 && w[stemEnd - 1] == 'l')
                {
                    Replace(w, suffix.Length, replacement);
                }
            }
            else if (suffix == "li")
            {
                if (stemEnd > 0 && w[stemEnd - 1] is 'c' or 'd' or 'e' or 'g' or 'h' or 'k' or 'm' or 'n' or 'r' or 't')
                {
                    w.Length = stemEnd;
                }
            }
            else
            {
                Replace(w, suffix.Length, replacement);
            }

            return;
        }
    }

    private static void Step3(StringBuilder w, int r1, int r2)
    {
        foreach (var (suffix, replacement) in Step3Rules)
        {
            if (!EndsWith(w, suffix))
            {
                continue;
            }

            var stemEnd = w.Length - suffix.Length;
            if (stemEnd >= r1 && (suffix != "ative" || stemEnd >= r2))
            {
                Replace(w, suffix.Length, replacement);
            }

            return;
        }
    }

    private static void Step4(StringBuilder w, int r2)
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!EndsWith(w, suffix))
            {
                continue;
            }

            var stemEnd = w.Length - suffix.Length;
            if (stemEnd < r2)
            {
                return;
            }

            if (suffix == "ion")
            {
                if (stemEnd > 0 && w[stemEnd - 1] is 's' or 't')
                {
                    w.Length = stemEnd;
                }
            }
            else
            {
                w.Length = stemEnd;
            }

            return;
        }
    }

    private static void Step5(StringBuilder w, int r1, int r2)
    {
        if (w.Length == 0)
        {
            return;
        }

        var last = w.Length - 1;
        if (w[last] == 'e')
        {
            if (last >= r2)
            {
                w.Length--;
            }
            else if (last >= r1)
            {
                w.Length--;
                if (EndsWithShortSyllable(w))
                {
                    w.Append('e');
                }
            }
        }
        else if (w[last] == 'l' && last >= r2 && last > 0 && w[last - 1] == 'l')
        {
            w.Length--;
        }
    }
}
