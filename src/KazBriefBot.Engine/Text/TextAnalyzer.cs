using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace KazBriefBot.Engine.Text;

/// <summary>How a token was written in the text: matters for "US" (the country) against "us" (the pronoun).</summary>
public enum TokenShape
{
    Lower,
    Capitalized,
    AllCaps,
}

/// <summary>One index term with where it came from in the text.</summary>
/// <param name="Term">The folded, stemmed, synonym-mapped term.</param>
/// <param name="Start">Offset of the first character of the word in the analysed text.</param>
/// <param name="End">Offset just after the word.</param>
/// <param name="Shape">Capitalisation of the original word.</param>
public readonly record struct AnalyzedToken(string Term, int Start, int End, TokenShape Shape);

/// <summary>Turns text into index terms: case, diacritics and Cyrillic look-alikes folded, stopwords removed,
/// domain synonyms mapped to one term, English words stemmed. Thread-safe.</summary>
public sealed class TextAnalyzer
{
    /// <summary>Common English function words, plus the words questions are made of ("what", "tell", "me").</summary>
    public static readonly FrozenSet<string> Stopwords = new[]
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "for", "with", "at", "by", "from", "into", "onto", "upon",
        "within", "without", "about", "over", "under", "between", "among", "through", "during", "after", "before", "since", "until",
        "as", "than", "then", "so", "if", "because", "while", "whether", "also", "too", "very", "just", "only", "even", "still",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "doing", "done",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must",
        "it", "its", "this", "that", "these", "those", "there", "here", "which", "what", "who", "whom", "whose", "when", "where",
        "why", "how", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her",
        "hers", "they", "them", "their", "theirs", "itself", "himself", "herself", "themselves", "ourselves",
        "not", "no", "yes", "all", "any", "some", "such", "each", "every", "both", "either", "neither", "other", "another",
        "more", "most", "much", "many", "few", "own", "same", "tell", "please", "s", "t", "etc", "via", "per",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Folded words that name the same thing in this domain, mapped to one canonical term.</summary>
    private static readonly FrozenDictionary<string, string> WordSynonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["usa"] = "usa", ["america"] = "usa", ["american"] = "usa", ["americans"] = "usa", ["washington"] = "usa",
        ["kazakhstan"] = "kazakhstan", ["kazakh"] = "kazakhstan", ["kazakhs"] = "kazakhstan", ["kazakhstani"] = "kazakhstan",
        ["kazakhstanis"] = "kazakhstan",
        ["russia"] = "russia", ["russian"] = "russia", ["russians"] = "russia",
        ["china"] = "china", ["chinese"] = "china",
        ["ukraine"] = "ukraine", ["ukrainian"] = "ukraine", ["ukrainians"] = "ukraine",
        ["europe"] = "europe", ["european"] = "europe", ["europeans"] = "europe",
        ["afghanistan"] = "afghanistan", ["afghan"] = "afghanistan",
        ["uzbekistan"] = "uzbekistan", ["uzbek"] = "uzbekistan",
        ["kyrgyzstan"] = "kyrgyzstan", ["kyrgyz"] = "kyrgyzstan",
        ["tajikistan"] = "tajikistan", ["tajik"] = "tajikistan",
        ["turkmenistan"] = "turkmenistan", ["turkmen"] = "turkmenistan",
        ["azerbaijan"] = "azerbaijan", ["azerbaijani"] = "azerbaijan",
        ["bn"] = "billion", ["mln"] = "million", ["mn"] = "million",
        // How figures move: news writes the same change many ways.
        ["grow"] = "increas", ["grows"] = "increas", ["grew"] = "increas", ["grown"] = "increas", ["growing"] = "increas",
        ["growth"] = "increas", ["rise"] = "increas", ["rises"] = "increas", ["rose"] = "increas", ["risen"] = "increas",
        ["rising"] = "increas", ["increase"] = "increas", ["increased"] = "increas", ["increases"] = "increas", ["increasing"] = "increas",
        ["fall"] = "decreas", ["falls"] = "decreas", ["fell"] = "decreas", ["fallen"] = "decreas", ["falling"] = "decreas",
        ["decline"] = "decreas", ["declined"] = "decreas", ["declines"] = "decreas", ["declining"] = "decreas",
        ["decrease"] = "decreas", ["decreased"] = "decreas", ["decreases"] = "decreas", ["decreasing"] = "decreas",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Short all-capital acronyms that have a canonical term ("US" is the country, "us" the pronoun).</summary>
    private static readonly FrozenDictionary<string, string> AcronymSynonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["us"] = "usa", ["usa"] = "usa", ["un"] = "un", ["unga"] = "unga",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private const int MaxCachedWords = 500_000;

    [ThreadStatic]
    private static char[]? _buffer;

    private readonly Func<string, string> _stemmer;
    private readonly ConcurrentDictionary<string, string> _wordCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly ConcurrentDictionary<string, string> _acronymCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _acronymLookup;

    // ConcurrentDictionary.Count takes every lock of the table: the caches count their own additions instead.
    private int _cachedWords;
    private int _cachedAcronyms;

    /// <summary>Creates an analyzer with the given stemmer (a folded lower-case word in, its stem out).</summary>
    public TextAnalyzer(Func<string, string> stemmer, string stemmerName)
    {
        _stemmer = stemmer;
        StemmerName = stemmerName;
        _wordLookup = _wordCache.GetAlternateLookup<ReadOnlySpan<char>>();
        _acronymLookup = _acronymCache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The analyzer the engine uses: our Porter2 implementation.</summary>
    public static TextAnalyzer Default { get; } = new(Porter2Stemmer.Stem, "Porter2");

    public string StemmerName { get; }

    /// <summary>Index terms of a text, in order (default analyzer).</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<AnalyzedToken>();
        Default.Analyze(text, 0, text.Length, tokens);
        return tokens.ConvertAll(t => t.Term);
    }

    /// <summary>Analyzes a whole text.</summary>
    public List<AnalyzedToken> Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Roughly one token per six characters: sized once instead of grown.
        var tokens = new List<AnalyzedToken>(Math.Min(text.Length / 6 + 4, 4096));
        Analyze(text, 0, text.Length, tokens);
        return tokens;
    }

    /// <summary>Appends the terms of text[start..end) to output; offsets refer to text.</summary>
    /// <remarks>Fully optimized from the first call: index builds run it a million times before tiering would kick in.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Analyze(string text, int start, int end, List<AnalyzedToken> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = _buffer ??= new char[64];
        var length = 0;
        var tokenStart = -1;
        var letters = 0;
        var uppers = 0;
        var firstUpper = false;
        var lookAlikes = false;
        var otherCyrillic = false;
        var previousWasCapitalUnited = false;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (tokenStart < 0)
                {
                    tokenStart = i;
                    firstUpper = char.IsUpper(c);
                }

                if (char.IsLetter(c))
                {
                    letters++;
                    if (char.IsUpper(c))
                    {
                        uppers++;
                    }
                }

                char folded;
                if (TextFolding.IsCyrillic(c))
                {
                    if (TextFolding.IsCyrillicLookAlike(c))
                    {
                        lookAlikes = true;
                        folded = TextFolding.FoldLookAlike(c);
                    }
                    else
                    {
                        otherCyrillic = true;
                        folded = TextFolding.Fold(c);
                    }
                }
                else
                {
                    folded = TextFolding.Fold(c);
                }

                if (length < buffer.Length)
                {
                    buffer[length++] = folded;
                }

                i++;
                continue;
            }

            if (tokenStart >= 0 && i + 1 < end)
            {
                var next = text[i + 1];

                // "C5+1" is one term.
                if (c == '+' && char.IsDigit(next))
                {
                    if (length < buffer.Length)
                    {
                        buffer[length++] = '+';
                    }

                    i++;
                    continue;
                }

                // Figures stay whole: 3.7, 1,000.
                if ((c == '.' || c == ',') && char.IsDigit(next) && char.IsDigit(text[i - 1]))
                {
                    if (length < buffer.Length)
                    {
                        buffer[length++] = c;
                    }

                    i++;
                    continue;
                }

                // Acronyms written with dots: U.S., D.C.
                if (c == '.' && letters == length && IsSingleLetterRun(text, tokenStart, i) && char.IsLetter(next)
                    && (i + 2 >= end || !char.IsLetterOrDigit(text[i + 2])))
                {
                    i++;
                    continue;
                }

                // Apostrophes: drop a possessive "'s", keep "O'Brien" as one word.
                if (c is '\'' or '’' or 'ʼ' && char.IsLetter(next))
                {
                    if (next is 's' or 'S' && (i + 2 >= end || !char.IsLetterOrDigit(text[i + 2])))
                    {
                        Flush(text, i);
                        i += 2;
                        continue;
                    }

                    i++;
                    continue;
                }
            }

            if (tokenStart >= 0)
            {
                Flush(text, i);
            }

            i++;
        }

        if (tokenStart >= 0)
        {
            Flush(text, end);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Flush(string source, int tokenEnd)
        {
            if (otherCyrillic && lookAlikes)
            {
                // A real Cyrillic word: fold its look-alikes back to plain lower-case Cyrillic.
                var k = 0;
                for (var p = tokenStart; p < tokenEnd && k < length; p++)
                {
                    if (char.IsLetterOrDigit(source[p]))
                    {
                        buffer[k++] = TextFolding.Fold(source[p]);
                    }
                }
            }

            ReadOnlySpan<char> word = buffer.AsSpan(0, length);
            var shape = letters >= 2 && uppers == letters ? TokenShape.AllCaps : firstUpper ? TokenShape.Capitalized : TokenShape.Lower;
            var term = TermOf(word, shape);
            if (term.Length > 0)
            {
                if (previousWasCapitalUnited && shape != TokenShape.Lower && output.Count > 0
                    && (word.SequenceEqual("states") || word.SequenceEqual("nations")))
                {
                    // "United States" / "United Nations": one term.
                    var united = output[^1];
                    output[^1] = new AnalyzedToken(word[0] == 's' ? "usa" : "un", united.Start, tokenEnd, united.Shape);
                    previousWasCapitalUnited = false;
                }
                else
                {
                    previousWasCapitalUnited = shape != TokenShape.Lower && word.SequenceEqual("united");
                    output.Add(new AnalyzedToken(term, tokenStart, tokenEnd, shape));
                }
            }
            else
            {
                previousWasCapitalUnited = false;
            }

            length = 0;
            tokenStart = -1;
            letters = 0;
            uppers = 0;
            firstUpper = false;
            lookAlikes = false;
            otherCyrillic = false;
        }
    }

    /// <summary>The term for one folded word; empty for a stopword.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string TermOf(ReadOnlySpan<char> word, TokenShape shape)
    {
        if (shape == TokenShape.AllCaps && word.Length <= 5)
        {
            var acronyms = AcronymSynonyms.GetAlternateLookup<ReadOnlySpan<char>>();
            if (acronyms.TryGetValue(word, out var canonical))
            {
                return canonical;
            }

            // Short acronyms are names ("IT", "EPAM"): never stopwords, never stemmed.
            if (word.Length <= 4)
            {
                if (_acronymLookup.TryGetValue(word, out var acronym))
                {
                    return acronym;
                }

                acronym = new string(word);
                if (Volatile.Read(ref _cachedAcronyms) < MaxCachedWords && _acronymCache.TryAdd(acronym, acronym))
                {
                    Interlocked.Increment(ref _cachedAcronyms);
                }

                return acronym;
            }
        }

        if (_wordLookup.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var key = new string(word);
        var computed = ComputeTerm(key);
        if (Volatile.Read(ref _cachedWords) < MaxCachedWords && _wordCache.TryAdd(key, computed))
        {
            Interlocked.Increment(ref _cachedWords);
        }

        return computed;
    }

    private string ComputeTerm(string word)
    {
        if (Stopwords.Contains(word))
        {
            return string.Empty;
        }

        if (WordSynonyms.TryGetValue(word, out var canonical))
        {
            return canonical;
        }

        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                // Figures, codes and non-Latin words are matched as written (folded).
                return word;
            }
        }

        return _stemmer(word);
    }

    private static bool IsSingleLetterRun(string text, int tokenStart, int dot)
    {
        // "U" or "U.S" so far: every letter is followed by a dot.
        for (var p = tokenStart; p < dot; p++)
        {
            var isLetterSlot = (p - tokenStart) % 2 == 0;
            if (isLetterSlot != char.IsLetter(text[p]) || (!isLetterSlot && text[p] != '.'))
            {
                return false;
            }
        }

        return true;
    }
}
