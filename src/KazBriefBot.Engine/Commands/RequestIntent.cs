using System.Globalization;
using System.Text.RegularExpressions;

namespace KazBriefBot.Engine.Commands;

/// <summary>What typed free text asks for: a command and its arguments. An "ask" carries the text as it was typed.</summary>
public sealed record RequestDecision(string Command, string Arguments);

/// <summary>
/// Reads free chat text as a request for figures or a digest, or leaves it a question for "ask" (docs/routing.md).
/// Only request vocabulary is used (digest/briefing/summary/news/headlines/what's new, figures/numbers/statistics/data,
/// today/yesterday/this week/ISO dates, give/show/send/list/summarise, courtesy words), never corpus words, so it works the
/// same on any corpus. Whatever is left after that vocabulary is the topic:
/// <list type="bullet">
/// <item>a figures noun → figures with the topic ("summarise the trade figures" → figures trade), unless the topic holds
/// a verb or question word (then it is a sentence about figures, which the ask handler answers with quotes);</item>
/// <item>a digest noun or "what's new" → a digest only when no topic is left: the digest has no topic filter, and
/// "what is new about the C5+1 format" is a question the answerer handles;</item>
/// <item>a wh-question is a request only in the shapes "what is/are [the] NOUNS ...", "what NOUNS do you have ...",
/// "what's new", "what happened": a wh-question with its own verb ("What new figures did the ministry publish on
/// exports?", "How much did trade grow?") asks about an event or a quantity and stays an ask; yes/no questions too.</item>
/// </list>
/// </summary>
public static partial class RequestIntent
{
    public const string FiguresCommand = "figures";
    public const string DigestCommand = "digest";

    // Requests are short; a long text is a question (and the patterns never run over a whole paste).
    private const int MaxRequestLength = 160;

    // A longer "topic" is a sentence, not a figures topic.
    private const int MaxTopicWords = 6;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Decides what <paramref name="text"/> asks for; <paramref name="today"/> is the day "today" and "yesterday" count from.</summary>
    public static RequestDecision Decide(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ask = new RequestDecision(CommandRouter.AskCommand, text.Trim());
        if (text.Length > MaxRequestLength)
        {
            return ask;
        }

        var s = StripCourtesy(Normalize(text));
        if (s.Length == 0 || s.Contains('?', StringComparison.Ordinal))
        {
            // Nothing but courtesy ("hi"), or several sentences: left to the answerer.
            return ask;
        }

        var marker = false;
        var summaryVerb = false;
        string rest;
        Match m;
        if ((m = WhatsNew().Match(s)).Success)
        {
            marker = true;
            rest = m.Groups["rest"].Value;
        }
        else if ((m = WhatIs().Match(s)).Success || (m = WhatDoYouHave().Match(s)).Success)
        {
            rest = m.Groups["noun"].Value + " " + m.Groups["rest"].Value;
        }
        else if (QuestionStart().IsMatch(s))
        {
            return ask;
        }
        else
        {
            rest = RequestVerb().Replace(s, string.Empty, 1);
            var summary = SummaryVerb().Match(rest);
            if (summary.Success)
            {
                summaryVerb = true;
                rest = rest[summary.Length..];
            }
            else if (rest.Length == s.Length && OtherVerb().IsMatch(s))
            {
                // "explain the trade figures", "compare the numbers": a verb this reading does not serve.
                return ask;
            }
        }

        return Analyse(rest, marker, summaryVerb, today) ?? ask;
    }

    /// <summary>
    /// True when text that starts with a command word reads as a typed request ("digest for 2023-09-14", "digest please"):
    /// only the digest, whose arguments are a fixed grammar that never starts with a linking word.
    /// </summary>
    public static bool IsPhrasedCommand(string command, string arguments)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        return command.Equals(DigestCommand, StringComparison.OrdinalIgnoreCase) && LinkingWord().IsMatch(arguments);
    }

    private static RequestDecision? Analyse(string rest, bool marker, bool summaryVerb, DateOnly today)
    {
        var spans = new List<(string From, string To)>();
        var text = TimeExpression().Replace(rest, t =>
        {
            spans.Add(Span(t, today));
            return " ";
        });
        var undated = false;
        text = Undated().Replace(text, _ =>
        {
            undated = true;
            return " ";
        });
        var recent = Recent().IsMatch(text);
        var figures = false;
        text = FiguresNoun().Replace(text, _ =>
        {
            figures = true;
            return " ";
        });
        var digest = marker || summaryVerb;
        text = DigestNoun().Replace(text, _ =>
        {
            digest = true;
            return " ";
        });
        var corpus = false;
        text = CorpusNoun().Replace(text, _ =>
        {
            corpus = true;
            return " ";
        });
        var topic = Spaces().Replace(Filler().Replace(text, " "), " ").Trim(' ', '-', '–', '—', '\'', '"', '.');

        if (figures)
        {
            var words = topic.Length == 0 ? 0 : topic.Split(' ').Length;
            return QuestionWord().IsMatch(topic) || words > MaxTopicWords ? null : new RequestDecision(FiguresCommand, topic);
        }

        // "today's articles" and "the latest stories" ask for a digest; "the articles" alone does not say which.
        digest |= corpus && (spans.Count > 0 || recent);
        return digest && topic.Length == 0 ? new RequestDecision(DigestCommand, DigestArguments(spans, undated, today)) : null;
    }

    /// <summary>Digest arguments in the digest command's own grammar: latest, today, DATE or FROM TO, then "undated".</summary>
    private static string DigestArguments(List<(string From, string To)> spans, bool undated, DateOnly today)
    {
        string range;
        if (spans.Count == 0)
        {
            range = "latest";
        }
        else
        {
            var (from, to) = spans[0];
            if (spans.Count > 1 && spans.All(x => IsDate(x.From) && IsDate(x.To)))
            {
                // "yesterday and today": the span that covers them all.
                from = spans.Select(x => x.From).Min(StringComparer.Ordinal)!;
                to = spans.Select(x => x.To).Max(StringComparer.Ordinal)!;
            }

            // "today" stays the digest's own word, so the handler reads it on the engine's clock.
            range = from != to ? $"{from} {to}" : from == Iso(today) ? "today" : from;
        }

        return undated ? range + " undated" : range;
    }

    /// <summary>The (from, to) of one time expression; explicit dates are passed on as typed, so a bad one gets the digest's own message.</summary>
    private static (string From, string To) Span(Match t, DateOnly today)
    {
        var g = t.Groups;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        if (g["a"].Success)
        {
            return (g["a"].Value, g["b"].Value);
        }

        if (g["since"].Success)
        {
            var since = g["since"].Value.Equals("yesterday", StringComparison.OrdinalIgnoreCase) ? Iso(today.AddDays(-1)) : g["since"].Value;
            return (since, Iso(today));
        }

        if (g["date"].Success)
        {
            return (g["date"].Value, g["date"].Value);
        }

        if (g["days"].Success)
        {
            var days = int.Parse(g["days"].Value, CultureInfo.InvariantCulture);
            return (Iso(today.AddDays(-Math.Max(0, days - 1))), Iso(today));
        }

        return g switch
        {
            _ when g["dby"].Success => Day(today.AddDays(-2)),
            _ when g["yesterday"].Success => Day(today.AddDays(-1)),
            _ when g["thisweek"].Success => (Iso(monday), Iso(today)),
            _ when g["lastweek"].Success => (Iso(monday.AddDays(-7)), Iso(monday.AddDays(-1))),
            _ when g["pastweek"].Success => (Iso(today.AddDays(-6)), Iso(today)),
            _ when g["thismonth"].Success => (Iso(firstOfMonth), Iso(today)),
            _ when g["lastmonth"].Success => (Iso(firstOfMonth.AddMonths(-1)), Iso(firstOfMonth.AddDays(-1))),
            _ => Day(today),
        };
    }

    private static (string From, string To) Day(DateOnly day) => (Iso(day), Iso(day));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool IsDate(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>One spelling for apostrophes and spaces, no trailing punctuation; case is kept for the topic.</summary>
    private static string Normalize(string text)
    {
        var s = text.Replace('’', '\'').Replace('‘', '\'').Replace('`', '\'').Replace('´', '\'');
        s = Separators().Replace(s, " ");
        s = Spaces().Replace(s, " ").Trim().TrimEnd('?', '!', '.', '…', ' ').Trim();
        return Whats().Replace(s, "what's");
    }

    private static string StripCourtesy(string s)
    {
        for (var i = 0; i < 6; i++)
        {
            var next = CourtesySuffix().Replace(CourtesyPrefix().Replace(s, string.Empty, 1), string.Empty, 1).Trim();
            if (next == s)
            {
                break;
            }

            s = next;
        }

        return s;
    }

    // Greetings, "please", "can you", "I'd like", "is there", "tell me" before a what-question.
    [GeneratedRegex(@"^(?:please|pls|plz|kindly|hey|hi|hello|ok|okay|so|and|now|well|yo|bot|kazbrief(?:bot)?|good\s+(?:morning|afternoon|evening)|(?:can|could|would|will)\s+(?:you|u)(?:\s+please)?|(?:can|could|may)\s+(?:i|we)(?:\s+please)?\s+(?:have|get|see|read)|(?:i|we)(?:'d|\s+would)?\s+(?:like|love|want|need|wanna)(?:\s+to\s+(?:have|see|get|read|know))?|(?:let\s+(?:me|us)|let's|lets)\s+(?:have|see|get|read)|do\s+you\s+have|have\s+you\s+(?:got|any)|got|is\s+there|are\s+there|(?:(?:do|can|could)\s+you\s+)?(?:tell|show)\s+(?:me|us)(?=\s+what\b)|let\s+(?:me|us)\s+know(?=\s+what\b)|i\s+wonder(?=\s+what\b))\b", Options)]
    private static partial Regex CourtesyPrefix();

    [GeneratedRegex(@"\b(?:please|pls|plz|thanks|thank\s+you|thx|for\s+me|for\s+us|now|asap|then|again)$", Options)]
    private static partial Regex CourtesySuffix();

    // "what's new", "what is happening", "what happened": the request shapes of a wh-question about the news.
    [GeneratedRegex(@"^what(?:(?:'s|\s+is|\s+was|\s+has\s+been|'s\s+been)\s+(?:new|happening|going\s+on)|(?:\s+has|'s|\s+had)?\s+happened|\s+went\s+on)\b(?<rest>.*)$", Options)]
    private static partial Regex WhatsNew();

    // "what is/are [the] ...": a copula, then the noun phrase asked for.
    [GeneratedRegex(@"^what(?:'s|'re|\s+is|\s+are|\s+was|\s+were|\s+has\s+been|\s+have\s+been)\s+(?<rest>.+)$", Options)]
    private static partial Regex WhatIs();

    // "what figures do you have on trade", "what news is there today".
    [GeneratedRegex(@"^what\s+(?<noun>\S+(?:\s+\S+)?)\s+(?:do\s+you\s+have|have\s+you\s+got|is\s+there|are\s+there)\b(?<rest>.*)$", Options)]
    private static partial Regex WhatDoYouHave();

    [GeneratedRegex(@"^(?:what|what's|which|who|whom|whose|why|how|when|where|is|isn't|are|aren't|am|was|wasn't|were|weren't|do|don't|does|doesn't|did|didn't|has|hasn't|have|haven't|had|can|can't|could|will|won't|would|should|shall|may|might|must)\b", Options)]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"^(?:give|show|send|get|fetch|list|display|pull\s+up|bring\s+up|share|post|tell|read|find|print|open)(?:\s+(?:me|us))?\b\s*", Options)]
    private static partial Regex RequestVerb();

    // A first word followed by a determiner is a verb ("explain the ..."); a request without a verb starts with its noun phrase.
    [GeneratedRegex(@"^(?!(?:all|both|half)\b)\S+\s+(?:the(?!\s+(?:past|last|previous|day\s+before)\b)|a|an|these|those|this(?!\s+(?:week|month|morning|afternoon|evening)\b)|that|its|their|his|her|our|my|your)\b", Options)]
    private static partial Regex OtherVerb();

    [GeneratedRegex(@"^(?:summari[sz]e|sum\s+up|recap|brief\s+(?:me|us)|catch\s+(?:me|us)\s+up|fill\s+(?:me|us)\s+in|update\s+(?:me|us))(?:\s+(?:on|with|about))?\b\s*", Options)]
    private static partial Regex SummaryVerb();

    [GeneratedRegex(@"\b(?:(?:from|between)\s+(?<a>\d{4}-\d{2}-\d{2})\s+(?:to|and|until|till|through|thru)\s+(?<b>\d{4}-\d{2}-\d{2})|(?<a>\d{4}-\d{2}-\d{2})\s*(?:to|until|till|through|thru|-|–|—|\.\.)\s*(?<b>\d{4}-\d{2}-\d{2})|since\s+(?<since>\d{4}-\d{2}-\d{2}|yesterday)|(?<date>\d{4}-\d{2}-\d{2})|(?<dby>the\s+day\s+before\s+yesterday)|(?<today>today(?:'?s)?|tonight(?:'?s)?|this\s+(?:morning|afternoon|evening)(?:'?s)?)|(?<yesterday>yesterday(?:'?s)?)|(?<thisweek>this\s+week(?:'?s)?)|(?<lastweek>last\s+week(?:'?s)?|the\s+previous\s+week)|(?:the\s+)?(?:past|last)\s+(?<days>\d{1,3})\s+days|(?<pastweek>(?:the\s+)?past\s+(?:seven\s+days|week)|(?:the\s+)?last\s+seven\s+days)|(?<thismonth>this\s+month(?:'?s)?)|(?<lastmonth>last\s+month(?:'?s)?))\b", Options)]
    private static partial Regex TimeExpression();

    [GeneratedRegex(@"\b(?:including\s+|with\s+|plus\s+|and\s+)?(?:the\s+)?undated(?:\s+(?:articles|ones|stories))?\b", Options)]
    private static partial Regex Undated();

    [GeneratedRegex(@"\b(?:latest|newest|most\s+recent|recent|new)\b", Options)]
    private static partial Regex Recent();

    [GeneratedRegex(@"\b(?:figures|numbers|statistics|stats|data|charts?|metrics)\b", Options)]
    private static partial Regex FiguresNoun();

    [GeneratedRegex(@"\b(?:digests?|briefings?|brief|summary|summaries|round-?ups?|round\s+ups?|recaps?|overviews?|news|headlines?|highlights|updates?|(?:anything|something)\s+new|the\s+latest)\b", Options)]
    private static partial Regex DigestNoun();

    [GeneratedRegex(@"\b(?:articles?|stories|story|coverage|pieces)\b", Options)]
    private static partial Regex CorpusNoun();

    // Determiners, prepositions and request adjectives: they never name a topic.
    [GeneratedRegex(@"\b(?:the|a|an|any|some|all|every|my|our|me|of|on|for|about|from|in|at|to|with|by|regarding|concerning|re|around|over|and|or|plus|latest|newest|most|recent|current|last|new|fresh|daily|morning|evening|weekly|key|main|top|important|quick|short|full|overall|general|whole|everything|so\s+far|yet|available|day|please)\b", Options)]
    private static partial Regex Filler();

    // Words that make a "topic" a clause ("the figures that Blinken announced", "the figures are wrong").
    [GeneratedRegex(@"\b(?:that|which|who|whom|whose|what|why|how|when|where|did|didn't|does|doesn't|do|don't|done|doing|was|were|is|isn't|are|aren't|am|be|been|being|has|have|had|will|would|can|could|should|shall|may|might|must|not)\b", Options)]
    private static partial Regex QuestionWord();

    [GeneratedRegex(@"^(?:for|on|of|from|since|between|please)\b", Options)]
    private static partial Regex LinkingWord();

    [GeneratedRegex(@"\bwhats\b", Options)]
    private static partial Regex Whats();

    [GeneratedRegex(@"[,;:“”""!]", Options)]
    private static partial Regex Separators();

    [GeneratedRegex(@"\s+", Options)]
    private static partial Regex Spaces();
}
