using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Text;

/// <summary>Who speaks or acts in each sentence of an article, as far as the text itself says it.</summary>
/// <param name="Speakers">Per sentence: the named speaker ("Blinken", "Wilder Sánchez"), or null.</param>
/// <param name="Explicit">Per sentence: true when the sentence itself names the speaker; false when inherited
/// (a pronoun "He also emphasized ..." or a sentence inside a quotation attributed elsewhere).</param>
/// <param name="Quotations">Per sentence: the id of the quotation («...», “...”) it lies in, or -1.</param>
/// <param name="ParagraphSpeakers">Per sentence: the last speaker named earlier in the same paragraph, for sentences that
/// name none (reported speech often runs on: "X said that A. B."). Used to find sentences, never shown as the speaker.</param>
public sealed record ArticleSpeakers(string?[] Speakers, bool[] Explicit, int[] Quotations, string?[] ParagraphSpeakers);

/// <summary>Finds speakers from attribution patterns: «...» said X; X said; X, a title, noted; according to X; He also said.</summary>
public static partial class SpeakerDetector
{
    private const string Name = @"\p{Lu}[\p{L}’'\-]+(?:\s+\p{Lu}[\p{L}’'\-]+){0,4}";
    private const string Verbs = "said|says|stated|states|stressed|stresses|noted|notes|added|adds|emphasized|emphasised|emphasizes|announced|announces"
        + "|told|tells|explained|explains|believes|thinks|described|describes|expressed|expresses|pointed out|points out|mentioned|highlighted"
        + "|highlights|urged|warned|argued|argues|claimed|echoed|called|remarked|declared|commented|underlined|underscored|assured|confirmed|insisted|shared";

    private static readonly FrozenSet<string> TitleWords = new[]
    {
        "President", "Minister", "Foreign", "Prime", "Secretary", "State", "Ambassador", "Director", "Chairman", "Chair", "Premier",
        "Senator", "Governor", "Mr", "Mrs", "Ms", "Dr", "Head", "Spokesman", "Spokeswoman", "Deputy", "Chief", "General", "Vice",
        "Managing", "Executive", "Officer", "Expert", "Analyst", "Professor", "Prof", "Sir", "King", "Queen", "Emir", "The", "US", "U.S.",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NotSpeakers = new[]
    {
        "He", "She", "They", "It", "We", "I", "You", "This", "That", "These", "Those", "Experts", "Expert", "Officials", "Analysts",
        "Sources", "Reports", "Both", "Other", "Others", "Also", "And", "But", "In", "On", "At", "As", "Meanwhile", "However", "Then",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly char[] Blanks = [' ', '\t', '\n', '\r'];

    [GeneratedRegex(@"[»”""]\s*,?\s*(?:(?:" + Verbs + @")\s+(?<name>" + Name + @"|the(?:\s+[\p{L}\-]+){1,3}?)(?=\s*[.,;!?]|\s*$)|(?<name>" + Name + @")\s+(?:also\s+)?(?:" + Verbs + "))")]
    private static partial Regex AfterQuote();

    [GeneratedRegex(@"\b(?:said|says|added|noted|stressed|told)\s+(?<name>" + Name + @")\s*[.,!?]?\s*[»”""]?\s*$")]
    private static partial Regex SaidNameAtEnd();

    [GeneratedRegex(@"(?<![\p{L}])(?<name>" + Name + @")\s+(?:also\s+|has\s+|had\s+)?(?:" + Verbs + @")\b")]
    private static partial Regex NameVerb();

    // "Iskander Akylbayev, a chief expert at ..., said": a sentence-initial name, appositives (not a clause such as
    // ", after which ..."), then the verb. Anchored and comma-delimited so matching stays linear.
    [GeneratedRegex(@"^\W*(?<name>" + Name + @")(?:\s*,(?!\s*(?:which|who|whom|whose|after|when|where|while|but|as|since|because|if|that)\b)[^,;«»“”""]{1,160}){1,4},\s+(?:also\s+|has\s+|had\s+)?(?:" + Verbs + @")\b")]
    private static partial Regex NameAppositiveVerb();

    // A vectorized multi-string search: far cheaper than a regex alternation over every sentence.
    private static readonly SearchValues<string> AttributionWords = SearchValues.Create(
        [.. Verbs.Split('|'), "according", "According"], StringComparison.Ordinal);

    [GeneratedRegex(@"\b[Aa]ccording to (?:the )?(?<name>" + Name + ")")]
    private static partial Regex AccordingTo();

    [GeneratedRegex(@"^\W*(?:He|She)\b")]
    private static partial Regex StartsWithPersonalPronoun();

    [GeneratedRegex(@"\b[Aa]ccording to (?:him|her)\b")]
    private static partial Regex AccordingToPronoun();

    private static readonly Regex[] Patterns = [AfterQuote(), SaidNameAtEnd(), NameVerb(), NameAppositiveVerb(), AccordingTo()];

    /// <summary>Speakers of every sentence of the article, in sentence order.</summary>
    public static ArticleSpeakers Detect(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var sentences = article.Sentences;
        var speakers = new string?[sentences.Count];
        var isExplicit = new bool[sentences.Count];
        var quotations = FindQuotations(article.Text, sentences);
        for (var i = 0; i < sentences.Count; i++)
        {
            speakers[i] = NamedIn(article.Text, sentences[i]);
            isExplicit[i] = speakers[i] is not null;
        }

        // A quotation spread over several sentences belongs to the speaker named at its end (or start).
        var quotationSpeaker = new Dictionary<int, string>();
        for (var i = sentences.Count - 1; i >= 0; i--)
        {
            if (quotations[i] >= 0 && speakers[i] is { } s && !quotationSpeaker.ContainsKey(quotations[i]))
            {
                quotationSpeaker[quotations[i]] = s;
            }
        }

        for (var i = 0; i < sentences.Count; i++)
        {
            if (speakers[i] is null && quotations[i] >= 0 && quotationSpeaker.TryGetValue(quotations[i], out var s))
            {
                speakers[i] = s;
            }

            // "He also emphasized ...", "According to him, ...": the person of the sentence before.
            if (speakers[i] is null && i > 0 && speakers[i - 1] is { } previous
                && (StartsWithPersonalPronoun().IsMatch(sentences[i].Span) || AccordingToPronoun().IsMatch(sentences[i].Span)))
            {
                speakers[i] = previous;
            }
        }

        var paragraphSpeakers = new string?[sentences.Count];
        for (var i = 1; i < sentences.Count; i++)
        {
            var sameParagraph = article.Text.AsSpan(sentences[i - 1].End, Math.Max(0, sentences[i].Start - sentences[i - 1].End)).IndexOf('\n') < 0;
            if (speakers[i] is null && sameParagraph)
            {
                paragraphSpeakers[i] = speakers[i - 1] ?? paragraphSpeakers[i - 1];
            }
        }

        return new ArticleSpeakers(speakers, isExplicit, quotations, paragraphSpeakers);
    }

    private static string? NamedIn(string articleText, Sentence sentence)
    {
        // Most sentences attribute nothing: one cheap scan decides whether the name patterns are worth trying.
        if (sentence.Span.IndexOfAny(AttributionWords) < 0)
        {
            return null;
        }

        // Matched in place: Match(input, beginning, length) sees only the sentence (anchors and lookbehinds included),
        // as matching its own string would, without copying it.
        foreach (var regex in Patterns)
        {
            for (var match = regex.Match(sentence.Source, sentence.SourceStart, sentence.Length); match.Success; match = match.NextMatch())
            {
                var name = Clean(match.Groups["name"].Value, articleText, sentence.Start);
                if (name is not null)
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>Keeps the person's name out of "Kazakhstan’s Foreign Minister Mukhtar Tileuberdi" (at most the last two words);
    /// resolves "the Foreign Minister" to the name the article gave that title earlier.</summary>
    private static string? Clean(string raw, string articleText, int before)
    {
        var words = raw.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        if (words[0] == "the")
        {
            return ResolveTitle(words[1..], articleText, before);
        }

        var first = 0;
        for (var i = 0; i < words.Length; i++)
        {
            if (TitleWords.Contains(words[i]) || words[i].EndsWith("’s", StringComparison.Ordinal) || words[i].EndsWith("'s", StringComparison.Ordinal))
            {
                first = i + 1;
            }
        }

        if (first >= words.Length)
        {
            return null;
        }

        var kept = words[Math.Max(first, words.Length - 2)..];
        if (kept.Length == 1 && NotSpeakers.Contains(kept[0]))
        {
            return null;
        }

        return string.Join(' ', kept);
    }

    private static string? ResolveTitle(string[] titleWords, string articleText, int before)
    {
        if (titleWords.Length == 0)
        {
            return null;
        }

        var title = string.Join(' ', titleWords);
        var pattern = TitlePattern(title);
        string? found = null;
        for (var m = pattern.Match(articleText, 0, before); m.Success; m = m.NextMatch())
        {
            found = m.Groups["name"].Value;
        }

        return found is null ? "the " + title : Clean(found, articleText, before);
    }

    // "the company said", "the minister said": the same few titles recur in every corpus; building a regex for each
    // sentence that uses one cost a tenth of loading a news corpus.
    private const int MaxTitlePatterns = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> TitlePatterns = new(StringComparer.Ordinal);

    private static Regex TitlePattern(string title)
    {
        if (TitlePatterns.TryGetValue(title, out var known))
        {
            return known;
        }

        var pattern = new Regex("(?i:" + Regex.Escape(title) + @")\s+(?<name>\p{Lu}[\p{L}’'\-]+(?:\s+\p{Lu}[\p{L}’'\-]+){0,2})", RegexOptions.None, TimeSpan.FromSeconds(1));
        return TitlePatterns.Count < MaxTitlePatterns ? TitlePatterns.GetOrAdd(title, pattern) : pattern;
    }

    /// <summary>Quotation ids per sentence: «...», “...” and "..." spans, closed at the latest by the end of the paragraph.</summary>
    private static int[] FindQuotations(string text, IReadOnlyList<Sentence> sentences)
    {
        var spans = new List<(int Start, int End)>();
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '«' or '“' or '„' || (c == '"' && open < 0))
            {
                open = open < 0 ? i : open;
            }
            else if ((c is '»' or '”' or '"' or '\n') && open >= 0)
            {
                spans.Add((open, i));
                open = -1;
            }
        }

        if (open >= 0)
        {
            spans.Add((open, text.Length));
        }

        var ids = new int[sentences.Count];
        var span = 0;
        for (var s = 0; s < sentences.Count; s++)
        {
            ids[s] = -1;
            while (span < spans.Count && spans[span].End < sentences[s].Start)
            {
                span++;
            }

            // Inside when the sentence overlaps the quoted span by more than a few characters.
            if (span < spans.Count && spans[span].Start < sentences[s].End && spans[span].End > sentences[s].Start
                && Math.Min(spans[span].End, sentences[s].End) - Math.Max(spans[span].Start, sentences[s].Start) > 8)
            {
                ids[s] = span;
            }
        }

        return ids;
    }
}
