using System.Text.RegularExpressions;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Answering;

/// <summary>What a question asks for: its content terms (with weights), the person or thing it is about, and its kind.</summary>
/// <param name="Terms">Distinct content term ids (-1 for a term no sentence contains).</param>
/// <param name="Weights">Per term: how much it counts (currently 1 for every term; idf does the weighting).</param>
/// <param name="Subject">Term ids of the question's subject ("Blinken" in "what did Blinken announce?").</param>
/// <param name="AsksForSpeech">The question asks what someone said ("say", "think", "comment").</param>
/// <param name="AsksForDefinition">"What is X?" / "Who is X?".</param>
/// <param name="AsksForPerson">"Who is X?".</param>
/// <param name="AsksForQuantity">"How many ...", "how much ...": the answer holds a figure.</param>
/// <param name="AsksForReason">"Why ...": the answer gives a reason.</param>
/// <param name="ExpectedAnswer">The kind of thing the answer holds (a time, a number, a name, a place), from the wh-word.</param>
/// <param name="AsksForWords">The question asks for someone's own words with a verb of saying ("what did X say / tell /
/// think"), not for a position in general: only X's words answer it.</param>
/// <param name="Entities">The names the question is written with (capitalised or all-capital words after its first word),
/// each as the term ids of its forms in the corpus ("Ukrainians" → ukrainian, ukrain; empty for a name no sentence
/// contains): an answer must be about them, not about someone else.</param>
internal sealed partial record QuestionAnalysis(
    int[] Terms,
    double[] Weights,
    int[] Subject,
    bool AsksForSpeech,
    bool AsksForDefinition,
    bool AsksForPerson,
    bool AsksForQuantity,
    bool AsksForReason,
    ExpectedAnswer ExpectedAnswer,
    bool AsksForWords,
    IReadOnlyList<int[]> Entities)
{
    /// <summary>The subject's name holds a word no sentence contains ("What has Beijing said ...?" on a corpus that
    /// never names Beijing): nobody in the corpus can be quoted as that subject.</summary>
    public bool SubjectUnknown { get; init; }

    /// <summary>Words that frame a question rather than name its topic.</summary>
    private static readonly string[] FramingWords =
    [
        "say", "said", "says", "saying", "think", "thinks", "thought", "position", "positions", "stance", "view", "views", "opinion",
        "opinions", "comment", "comments", "mention", "mentioned", "talk", "talked", "speak", "spoke", "know", "known", "mean",
        "happen", "happened", "anything", "something", "thing", "things", "information", "info", "detail", "details", "regarding",
    ];

    [GeneratedRegex(@"\b(?:say|said|says|saying|think|thinks|thought|comment|comments|talk|talked|speak|spoke|mention|mentioned|position|stance|views?|opinion)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpeechPattern();

    [GeneratedRegex(@"\b(?:did|does|do|has|have|had|will|would|can|could|is|was|are|were)\s+(?<subject>\p{Lu}[\p{L}\p{N}’'+\-\.]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}\p{N}’'+\-\.]*)*)", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^\s*(?:what|who)(?:\s+(?:is|are|was|were)|['’]s)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefinitionPattern();

    [GeneratedRegex(@"^\s*who(?:\s+(?:is|are|was|were)|['’]s)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"\bhow\s+(?<adjective>\p{L}+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowAdjective();

    [GeneratedRegex(@"\b(?:say|said|says|saying|tell|told|think|thinks|thought|comment|comments|commented|speak|spoke|talk|talked)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WordsPattern();

    // Capitalised in English without being names of people, places or organisations.
    [GeneratedRegex(@"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|i)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CalendarWord();

    [GeneratedRegex(@"^\s*why\b|\bwhat\s+(?:is|are|was|were)\s+the\s+reasons?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReasonPattern();

    // The framing words' terms depend only on the analyzer: computed once per analyzer, not per question.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TextAnalyzer, HashSet<string>> FramingTerms = [];

    private static HashSet<string> FramingTermsFor(TextAnalyzer analyzer)
    {
        var framing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in FramingWords)
        {
            framing.Add(analyzer.TermOf(word, TokenShape.Lower));
        }

        return framing;
    }

    public static QuestionAnalysis Analyze(SentenceIndex index, string question)
    {
        var analyzer = index.Analyzer;
        var tokens = analyzer.Analyze(question);
        var framing = FramingTerms.GetValue(analyzer, static a => FramingTermsFor(a));

        // "How fast/big/long ...": the word after "how" is part of the question form, not its topic.
        var howMatch = HowAdjective().Match(question);
        var howStart = howMatch.Success ? howMatch.Groups["adjective"].Index : -1;

        var subjectMatch = SubjectPattern().Match(question);
        var subjectStart = subjectMatch.Success ? subjectMatch.Groups["subject"].Index : -1;
        var subjectEnd = subjectMatch.Success ? subjectStart + subjectMatch.Groups["subject"].Length : -1;

        var terms = new List<int>();
        var weights = new List<double>();
        var subject = new List<int>();
        var entities = new List<int[]>();
        var subjectUnknown = false;
        var firstWord = FirstLetter(question);
        foreach (var token in tokens)
        {
            if (IsName(question, token, firstWord) && !framing.Contains(token.Term))
            {
                var forms = WithSameCountry(index, question.Substring(token.Start, token.End - token.Start), NameForms.Of(index, token.Term));
                if (forms.Length == 0 || !entities.Any(e => e.SequenceEqual(forms)))
                {
                    entities.Add(forms);
                }
            }

            if (framing.Contains(token.Term) || token.Start == howStart)
            {
                continue;
            }

            var id = index.TermIdOf(token.Term);
            var inSubject = token.Start >= subjectStart && token.End <= subjectEnd;
            subjectUnknown |= inSubject && id < 0;
            if (inSubject && id >= 0 && !subject.Contains(id))
            {
                subject.Add(id);
            }

            if (id >= 0 && terms.Contains(id))
            {
                continue;
            }

            terms.Add(id);
            // Names and the subject once weighed 1.5: on SQuAD dev that cost 0.01 R@1 (a question's name is usually its topic,
            // which the article context already rewards), and the bot's dev and held-out sets do not need it.
            weights.Add(1.0);
        }

        return new QuestionAnalysis(
            [.. terms],
            [.. weights],
            [.. subject],
            SpeechPattern().IsMatch(question),
            DefinitionPattern().IsMatch(question),
            PersonPattern().IsMatch(question),
            AnswerTypeCues.Detect(question) == ExpectedAnswer.Quantity,
            ReasonPattern().IsMatch(question),
            AnswerTypeCues.Detect(question),
            WordsPattern().IsMatch(question),
            [.. entities])
        {
            SubjectUnknown = subjectUnknown,
        };
    }

    /// <summary>A country and its capital name the same party ("Astana" for Kazakhstan, "Washington" for the United
    /// States): the forms of every one-word name of the country (general reference data, Figures.Countries) join the
    /// name's own forms.</summary>
    private static int[] WithSameCountry(SentenceIndex index, string word, int[] forms)
    {
        var names = Figures.Countries.NamesOfSameCountry(word);
        if (names.Count == 0)
        {
            return forms;
        }

        var all = new List<int>(forms);
        foreach (var name in names)
        {
            var tokens = index.Analyzer.Analyze(name);
            if (tokens.Count != 1)
            {
                // "United States": its words alone ("states") would name other things.
                continue;
            }

            foreach (var form in NameForms.Of(index, tokens[0].Term))
            {
                if (!all.Contains(form))
                {
                    all.Add(form);
                }
            }
        }

        return [.. all];
    }

    /// <summary>A capitalised word that is not the question's first word, or an acronym anywhere ("IT", "NATO").</summary>
    private static bool IsName(string question, Text.AnalyzedToken token, int firstWord)
    {
        if (token.Shape == TokenShape.Lower || CalendarWord().IsMatch(question.AsSpan(token.Start, token.End - token.Start)))
        {
            return false;
        }

        return token.Start > firstWord || (token.Shape == TokenShape.AllCaps && token.End - token.Start >= 2);
    }

    private static int FirstLetter(string question)
    {
        for (var i = 0; i < question.Length; i++)
        {
            if (char.IsLetterOrDigit(question[i]))
            {
                return i;
            }
        }

        return question.Length;
    }
}
