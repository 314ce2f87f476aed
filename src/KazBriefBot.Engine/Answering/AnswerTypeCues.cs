using System.Text.RegularExpressions;

namespace KazBriefBot.Engine.Answering;

/// <summary>The kind of thing a question asks for, read from its wh-word ("when" → a time, "how many" → a number).</summary>
public enum ExpectedAnswer
{
    /// <summary>No particular kind ("what did ... announce?").</summary>
    Any,

    /// <summary>"When", "what year", "which century": a year, a date or a period.</summary>
    Time,

    /// <summary>"How many", "how much", "what percentage": a number.</summary>
    Quantity,

    /// <summary>"Who", "whom", "whose": a name.</summary>
    Person,

    /// <summary>"Where", "what city", "which country": a place name.</summary>
    Place,
}

/// <summary>What a quantity question counts in.</summary>
public enum QuantityUnit
{
    /// <summary>Any number ("how many", "what percentage").</summary>
    Any,

    /// <summary>A span of time ("how long did it last?").</summary>
    Duration,

    /// <summary>A sum of money ("how much did it cost?", "how much did they invest?").</summary>
    Money,
}

/// <summary>Answer-type cues: what a question expects, and whether a sentence holds something of that kind that the
/// question does not already contain (the answer). A sentence with the cue gets a modest boost; one without keeps its score.</summary>
public static partial class AnswerTypeCues
{
    /// <summary>Score factor for a sentence with a year or date when the question asks "when": the most reliable cue.</summary>
    public const double TimeBoost = 2.5;

    /// <summary>Score factor for a sentence with a number, a new name or a new place name, as the question asks.</summary>
    public const double OtherBoost = 1.5;

    [GeneratedRegex(@"^\W*when\b|\b(?:what|which)\s+(?:year|years|century|decade|date|day|month|era|period|time\s+period)\b|\bhow\s+long\s+ago\b|\bsince\s+when\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeQuestion();

    [GeneratedRegex(@"\bhow\s+(?:many|much|long|old|far|large|big|high|tall|deep|wide|often|fast)\b|\b(?:what|which)\s+(?:amount|number|share|percentage|percent|proportion|sum|value|volume|size|population|age)\b|\bwhat\s+(?:is|was|are|were|will\s+be)\s+(?:the\s+)?(?:\w+\s+)?(?:cost|costs|price|prices|budget|worth)\s+of\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityQuestion();

    // "How long did it last?" (not "how long ago"): the answer is a span of time.
    [GeneratedRegex(@"\bhow\s+long\b(?!\s+ago\b)|\bfor\s+how\s+(?:long|many\s+(?:years|months|weeks|days|hours|minutes))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationQuestion();

    // "How much did it cost / did they invest / pay ...", "what is the cost of ...": the answer is a sum of money.
    [GeneratedRegex(@"\bhow\s+much\b.*\b(?:cost|costs|costing|invest|invests|invested|investing|investment|investments|pay|pays|paid|paying|spend|spends|spent|spending|price|priced|worth|fund|funds|funded|funding|budget|budgeted|earn|earns|earned|salary|fee|fees|charge|charges|charged|donate|donated|lend|lent|loan|loans|money|revenue|revenues|profit|profits|sell\s+for|sold\s+for)\b|\bwhat\s+(?:is|was|are|were|will\s+be)\s+(?:the\s+)?(?:\w+\s+)?(?:cost|costs|price|prices|budget|worth)\s+of\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyQuestion();

    // A span of time: a number or quantifier with a unit of time ("three hours", "40-minute", "several years", "a decade"),
    // or a plural unit said alone ("for decades").
    [GeneratedRegex(@"(?:\d[\d,.]*|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|several|few|many|some|half\s+an?|a\s+few|a\s+couple\s+of))[\s\-]*(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centuries|century|millennia|millennium)\b|\b(?:decades|centuries|millennia|overnight|hour-long|day-long|year-long|weeks-long|months-long|years-long)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationInSentence();

    // A sum of money: a currency sign or code by a number, or a number with a currency word ("$5 million", "KZT 300",
    // "1.2 billion euros", "500 tenge").
    [GeneratedRegex(@"\p{Sc}\s?\d|\b(?:USD|EUR|GBP|JPY|CNY|RMB|RUB|KZT|CHF|INR|AUD|CAD|UZS|TRY)\s?\d|\d[\d,.]*\s*(?:(?:thousand|million|billion|trillion|mln|bn|m|k)\s+)?(?:dollars?|euros?|pounds?|sterling|yen|yuan|renminbi|rubles?|roubles?|rupees?|francs?|tenge|pesos?|lira|liras|dinars?|dirhams?|riyals?|rand|won|soms?|manats?|cents?|pence|USD|EUR|GBP|JPY|CNY|RMB|RUB|KZT|CHF|INR)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyInSentence();

    [GeneratedRegex(@"^\W*(?:who|whom|whose)\b|\b(?:what|which)\s+(?:person|people|man|woman|king|queen|president|leader|scientist|author|writer|company|organization|team|group|player|coach)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonQuestion();

    [GeneratedRegex(@"^\W*where\b|\b(?:what|which)\s+(?:city|cities|country|countries|state|states|place|region|town|continent|location|county|island|river|nation|area|province)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceQuestion();

    // A year (1000-2099, optionally "1990s"), a month name, or a century/decade word.
    [GeneratedRegex(@"\b(?:1\d{3}|20\d{2})s?\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(?:centur(?:y|ies)|decades?|BC|AD|BCE)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TimeInSentence();

    [GeneratedRegex(@"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|percent)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberInSentence();

    // A time said without a year or a full month name: "last year", "next week", "two days ago", "Sept. 17".
    [GeneratedRegex(@"\b(?:last|next|this|past|coming|previous|following)\s+(?:year|month|week|spring|summer|autumn|fall|winter|decade|century)\b|\b(?:yesterday|tomorrow|today|ago|tonight|annually|recently|soon)\b|\b(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b|\b\d{1,2}(?:st|nd|rd|th)\b|\bc\.?\s?\d{3,4}\b|\b(?-i:Period|Era|Epoch|Age|Ages|Dynasty)\b|\b(?:when|whenever|after|before|during|until)\b|\b(?i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeTime();

    // A number that can be an amount: digits or a number word; not "one", which English also uses as a pronoun
    // ("one of the largest", "one reason").
    [GeneratedRegex(@"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|trillions|dozen|dozens|half|percent|single|several|couple)\b|\bone\s+(?:day|week|month|year|hour|minute|second|time|person|man|woman)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountInSentence();

    // A capitalised word (the sentence's first word is skipped by the caller: it is capitalised anyway).
    [GeneratedRegex(@"\b\p{Lu}[\p{L}\-’']+")]
    private static partial Regex CapitalisedWord();

    // A capitalised word after a preposition of place ("in Paris", "at the Louvre", "from Almaty").
    [GeneratedRegex(@"(?<=\b(?:in|at|from|near|to|into|across|throughout)\s+(?:the\s+)?)\p{Lu}[\p{L}\-’']+")]
    private static partial Regex PlaceWord();

    /// <summary>The kind of answer the question expects (the first matching kind: time, quantity, place, person).</summary>
    public static ExpectedAnswer Detect(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return TimeQuestion().IsMatch(question) ? ExpectedAnswer.Time
            : QuantityQuestion().IsMatch(question) ? ExpectedAnswer.Quantity
            : PlaceQuestion().IsMatch(question) ? ExpectedAnswer.Place
            : PersonQuestion().IsMatch(question) ? ExpectedAnswer.Person
            : ExpectedAnswer.Any;
    }

    /// <summary>True when the sentence holds a cue of the expected kind that the question does not already contain.</summary>
    public static bool HasCue(ExpectedAnswer expected, string sentence, string question)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(question);
        return expected switch
        {
            ExpectedAnswer.Time => HasNewMatch(TimeInSentence(), sentence, question, skipFirstWord: false),
            ExpectedAnswer.Quantity => HasNewMatch(NumberInSentence(), sentence, question, skipFirstWord: false),
            ExpectedAnswer.Person => HasNewMatch(CapitalisedWord(), sentence, question, skipFirstWord: true),
            ExpectedAnswer.Place => HasNewMatch(PlaceWord(), sentence, question, skipFirstWord: false),
            _ => false,
        };
    }

    /// <summary>Whether the sentence can answer a question of this kind at all: a "when" question needs a time in it
    /// (a year, a month, "last year"), a "how many/much" question a number; other kinds are not checked (a name or a
    /// place is too often said in a way no pattern sees).</summary>
    public static bool CanAnswer(ExpectedAnswer expected, string sentence, string question) =>
        expected switch
        {
            ExpectedAnswer.Time => HasCue(expected, sentence, question) || RelativeTime().IsMatch(sentence),
            ExpectedAnswer.Quantity => UnitOf(question) switch
            {
                QuantityUnit.Duration => HasNewMatch(DurationInSentence(), sentence, question, skipFirstWord: false),
                QuantityUnit.Money => HasNewMatch(MoneyInSentence(), sentence, question, skipFirstWord: false),
                _ => HasNewMatch(AmountInSentence(), sentence, question, skipFirstWord: false),
            },
            _ => true,
        };

    /// <summary>The unit a quantity question wants: a span of time for "how long", money for "how much ... cost /
    /// invest / pay" and "what is the cost of", else any number.</summary>
    public static QuantityUnit UnitOf(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return DurationQuestion().IsMatch(question) ? QuantityUnit.Duration
            : MoneyQuestion().IsMatch(question) ? QuantityUnit.Money
            : QuantityUnit.Any;
    }

    /// <summary>The score factor for the sentence: the kind's boost when it has the cue, else 1.</summary>
    public static double Boost(ExpectedAnswer expected, string sentence, string question)
    {
        if (expected == ExpectedAnswer.Any || !HasCue(expected, sentence, question))
        {
            return 1.0;
        }

        return expected switch
        {
            ExpectedAnswer.Time => TimeBoost,
            _ => OtherBoost,
        };
    }

    /// <summary>A match the question does not contain (case-insensitive); allocation-free (value matches over spans).</summary>
    private static bool HasNewMatch(Regex pattern, string sentence, string question, bool skipFirstWord)
    {
        var text = sentence.AsSpan();
        var firstWordEnd = 0;
        if (skipFirstWord)
        {
            while (firstWordEnd < text.Length && !char.IsLetterOrDigit(text[firstWordEnd]))
            {
                firstWordEnd++;
            }

            while (firstWordEnd < text.Length && !char.IsWhiteSpace(text[firstWordEnd]))
            {
                firstWordEnd++;
            }
        }

        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (match.Index < firstWordEnd)
            {
                continue;
            }

            var value = text.Slice(match.Index, match.Length);
            if (!question.AsSpan().Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
