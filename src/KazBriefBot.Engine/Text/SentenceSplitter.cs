using System.Collections.Frozen;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Text;

/// <summary>Splits text into sentences with exact character offsets, aware of abbreviations, figures, quotes and paragraphs.</summary>
public static class SentenceSplitter
{
    // Titles and words whose period never ends a sentence when a capitalised word follows ("Mr. Blinken", "Dr. Cohen").
    private static readonly FrozenSet<string> TitleAbbreviations = FrozenSet.ToFrozenSet(
        [
            "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "capt", "cpt", "sgt",
            "maj", "adm", "cmdr", "hon", "rev", "amb", "pres", "st", "mt", "ft", "vs", "cf", "approx", "fig", "figs",
            "dept", "univ", "ave", "blvd", "rd", "ref", "tel", "ext", "est", "viz",
        ],
        StringComparer.OrdinalIgnoreCase);

    // Abbreviations that do not end a sentence before a number ("Sept. 17", "No. 5"), but may end one otherwise.
    private static readonly FrozenSet<string> BeforeNumberAbbreviations = FrozenSet.ToFrozenSet(
        ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "nr", "art", "p", "pp", "vol", "ch", "sec", "para"],
        StringComparer.OrdinalIgnoreCase);

    // Abbreviations that often end a sentence too ("Apple Inc. The company ..."): split only before a typical sentence opener.
    private static readonly FrozenSet<string> AmbiguousAbbreviations = FrozenSet.ToFrozenSet(
        ["inc", "ltd", "corp", "co", "bros", "etc", "plc", "llc", "al", "jr", "sr"],
        StringComparer.OrdinalIgnoreCase);

    // Words that typically open a sentence; after "U.S." or an initial, only these make the period a sentence end.
    private static readonly FrozenSet<string> SentenceOpeners = FrozenSet.ToFrozenSet(
        [
            "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her",
            "their", "our", "my", "there", "here", "in", "on", "at", "for", "from", "to", "by", "with", "but", "and", "or", "so",
            "as", "if", "when", "while", "since", "after", "before", "during", "however", "meanwhile", "also", "according",
            "both", "last", "earlier", "later", "then", "thus", "therefore", "moreover", "furthermore", "such", "some", "many",
            "most", "all", "what", "who", "why", "how", "yet", "still", "now", "today", "nearly", "over", "about", "another",
            "each", "every", "no", "not", "one", "two", "three", "experts", "officials", "other", "several", "despite", "although",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits text[start..end) into sentences; each sentence's Text equals text[Start..End) and has no edge whitespace
    /// (the sentences share <paramref name="text"/> until their Text is read).</summary>
    /// <remarks>A blank line (paragraph break) always ends a sentence; a single line break inside a paragraph does not.
    /// The end of the range ends the last sentence even without final punctuation (a truncated paragraph is still a sentence).</remarks>
    public static IReadOnlyList<Sentence> Split(string text, int start, int end, int firstOrdinal = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, text.Length);
        var result = new List<Sentence>();
        var i = start;
        while (i < end)
        {
            // Whitespace, and a quote mark standing alone ('said so. " Then ...': a detached closing quote), start nothing.
            while (i < end && (char.IsWhiteSpace(text[i]) || (text[i] is '"' or '”' or '»' && (i + 1 == end || char.IsWhiteSpace(text[i + 1])))))
            {
                i++;
            }

            if (i >= end)
            {
                break;
            }

            var sentenceStart = i;
            var sentenceEnd = FindSentenceEnd(text, sentenceStart, end, out var next);
            while (sentenceEnd > sentenceStart && char.IsWhiteSpace(text[sentenceEnd - 1]))
            {
                sentenceEnd--;
            }

            if (HasLetterOrDigit(text, sentenceStart, sentenceEnd))
            {
                result.Add(Sentence.Within(text, firstOrdinal + result.Count, sentenceStart, sentenceEnd));
            }

            i = next;
        }

        return result;
    }

    /// <summary>Where the sentence starting at <paramref name="start"/> ends (exclusive); <paramref name="next"/> is where to resume.</summary>
    private static int FindSentenceEnd(string text, int start, int end, out int next)
    {
        var j = start;
        while (j < end)
        {
            var c = text[j];
            if (c == '\n' && IsParagraphBreak(text, j, end))
            {
                next = j;
                return j;
            }

            if (!IsTerminator(c))
            {
                j++;
                continue;
            }

            var firstTerminator = j;
            var k = j;
            while (k < end && IsTerminator(text[k]))
            {
                k++;
            }

            // A sentence that ends inside quotes or brackets keeps the closing marks.
            while (k < end && IsClosingMark(text[k]))
            {
                k++;
            }

            if (k >= end)
            {
                next = end;
                return end;
            }

            if (!char.IsWhiteSpace(text[k]))
            {
                // "3.7", "bnn-news.com", "U.S.-Kazakh": not a sentence end.
                j = k;
                continue;
            }

            var n = k;
            while (n < end && char.IsWhiteSpace(text[n]))
            {
                n++;
            }

            if (n >= end || ContainsParagraphBreak(text, k, n) || EndsSentence(text, start, firstTerminator, k - firstTerminator, n, end))
            {
                next = k;
                return k;
            }

            j = k;
        }

        next = end;
        return end;
    }

    /// <summary>Decides whether the terminator run at <paramref name="terminator"/> ends the sentence, given the next word at <paramref name="nextWord"/>.</summary>
    private static bool EndsSentence(string text, int sentenceStart, int terminator, int runLength, int nextWord, int end)
    {
        var following = text[nextWord];
        if (char.IsLower(following) || following is ',' or ';' or ':' or ')' or ']')
        {
            // "... he said. and", "e.g. something", "«...» said Sánchez": the sentence goes on.
            return false;
        }

        var isSinglePeriod = text[terminator] == '.' && (runLength == 1 || !IsTerminator(text[terminator + 1]));
        if (!isSinglePeriod)
        {
            return true;
        }

        var token = TokenBefore(text, sentenceStart, terminator);
        if (token.Length == 0)
        {
            return true;
        }

        // "FT." or "CO." in capitals is an acronym ending a sentence, not "ft." or "Co.".
        var isAcronym = token.Length >= 2 && token.All(char.IsUpper);
        if (!isAcronym && TitleAbbreviations.Contains(token))
        {
            return false;
        }

        var nextIsDigit = char.IsDigit(following);
        if (!isAcronym && BeforeNumberAbbreviations.Contains(token))
        {
            return !nextIsDigit && NextWordOpensSentence(text, nextWord, end);
        }

        if (IsInitialism(token) || (!isAcronym && AmbiguousAbbreviations.Contains(token)))
        {
            // "U.S. President Joe Biden", "John F. Kennedy" go on; "... the U.S. The upcoming meeting" ends.
            return NextWordOpensSentence(text, nextWord, end);
        }

        return true;
    }

    /// <summary>The word just before a period, without opening quotes or brackets ("U.S" for "(U.S.").</summary>
    private static string TokenBefore(string text, int sentenceStart, int period)
    {
        var b = period;
        while (b > sentenceStart && !char.IsWhiteSpace(text[b - 1]) && !IsOpeningMark(text[b - 1]))
        {
            b--;
        }

        return text[b..period];
    }

    /// <summary>"U.S", "D.C", "e.g", "a.m" or a single capital letter ("F" in "John F. Kennedy").</summary>
    private static bool IsInitialism(string token)
    {
        if (token.Length == 1)
        {
            return char.IsUpper(token[0]);
        }

        for (var i = 0; i < token.Length; i++)
        {
            var expectLetter = i % 2 == 0;
            if (expectLetter ? !char.IsLetter(token[i]) : token[i] != '.')
            {
                return false;
            }
        }

        return token.Length % 2 == 1;
    }

    private static bool NextWordOpensSentence(string text, int index, int end)
    {
        if (IsOpeningMark(text[index]))
        {
            // An opening quote after a period starts a new sentence: «...
            return true;
        }

        var wordEnd = index;
        while (wordEnd < end && char.IsLetter(text[wordEnd]))
        {
            wordEnd++;
        }

        return wordEnd > index && SentenceOpeners.Contains(text[index..wordEnd]);
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…';

    private static bool IsClosingMark(char c) => c is '"' or '\'' or '’' or '”' or '»' or ')' or ']' or '›';

    private static bool IsOpeningMark(char c) => c is '"' or '\'' or '‘' or '“' or '«' or '(' or '[' or '‹' or '„';

    private static bool IsParagraphBreak(string text, int newline, int end)
    {
        for (var i = newline + 1; i < end; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return false;
    }

    private static bool ContainsParagraphBreak(string text, int from, int to)
    {
        var newlines = 0;
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n' && ++newlines == 2)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLetterOrDigit(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsLetterOrDigit(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
