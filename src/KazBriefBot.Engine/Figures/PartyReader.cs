namespace KazBriefBot.Engine.Figures;

/// <summary>A country or organisation named in a sentence: its canonical name and token span; possessive when "X's".</summary>
public sealed record NameMention(string Name, int First, int Last, bool IsCountry, bool Possessive);

/// <summary>
/// Reads the parties of a figure from its sentence and, when the sentence names none, from the sentences before it and the
/// article as a whole. Countries come from the <see cref="Countries"/> table; organisations are runs of capitalised words
/// mid-sentence (at a sentence start only words the article never writes in lower case, so "Profits rose" is no name), minus people (a run after Mr/Ms/President... or whose last word the article uses after such a title).
/// Direction comes from the grammar of flows: "from A", "to/into/in B", "A's exports", "A invested ... in B", "between A and B".
/// </summary>
public sealed class PartyReader
{
    // Words of English that are capitalised for other reasons, and abbreviations of measures rather than of parties.
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "I", "GDP", "GNP", "FDI", "IT", "ICT", "CEO", "CFO", "COO", "VAT", "IPO", "AGM", "PC", "PCs", "TV", "CPI", "RPI", "PMI", "GMT", "BST", "HQ",
        "AM", "PM", "R", "D", "Q", "H", "OK", "No", "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "Prof", "St", "Inc", "Ltd", "Plc", "plc", "Co", "Corp",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Christmas", "Easter", "Internet", "Web",
    };

    // Titles before a person's name; the name after them is a person, not a party.
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Dame", "Prof", "Professor", "President", "Premier", "Minister", "Secretary",
        "Chancellor", "Governor", "Chairman", "Chairwoman", "Senator", "Ambassador", "King", "Queen", "Prince", "Princess", "Judge", "General",
        "Mayor", "Speaker", "Commissioner", "Director", "Deputy", "Vice", "Prime", "Foreign", "Finance", "Trade", "Economy", "Chief", "Executive",
        "Head", "Spokesman", "Spokeswoman", "Analyst", "Economist", "Envoy",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "&", "and", "de", "du", "van", "von", "der", "for" };

    private readonly HashSet<string> _nameWords;
    private readonly HashSet<string> _personWords;

    private readonly Lazy<(IReadOnlyList<string> Countries, string? Organisation)> _main;

    private PartyReader(HashSet<string> nameWords, HashSet<string> personWords, string title, IReadOnlyList<string> texts)
    {
        _nameWords = nameWords;
        _personWords = personWords;

        // counted only when a figure needs the article's subject: most sentences name their parties themselves
        _main = new(() => CountMain(title, texts), LazyThreadSafetyMode.None);
    }

    /// <summary>The organisation the article names most (at least three times, the title counting twice), if any.</summary>
    public string? MainOrganisation => _main.Value.Organisation;

    /// <summary>The article's most named countries (up to two, named at least twice), for "bilateral trade" and the like.</summary>
    public IReadOnlyList<string> MainCountries => _main.Value.Countries;

    /// <summary>Learns the article's names: which capitalised words are names and which are people.</summary>
    public static PartyReader ForArticle(string title, IEnumerable<string> sentences)
    {
        var nameWords = new HashSet<string>(StringComparer.Ordinal);
        var lowerWords = new HashSet<string>(StringComparer.Ordinal);
        var personWords = new HashSet<string>(StringComparer.Ordinal);
        var texts = sentences.ToList();
        foreach (var text in texts)
        {
            var tokens = NumberTokenizer.Tokenize(text);
            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (t.Kind != NumberTokenKind.Word)
                {
                    continue;
                }

                if (!char.IsUpper(t.Text[0]))
                {
                    lowerWords.Add(t.Lower);
                    continue;
                }

                if (i > 0 && !EndsSentence(tokens[i - 1]))
                {
                    nameWords.Add(t.Text);
                }

                if (Titles.Contains(t.Text) && (i == 0 || !Titles.Contains(tokens[i - 1].Text)))
                {
                    // "Secretary of State Antony Blinken", "Mr Smith": the run's last word is a person's name wherever it recurs
                    var last = -1;
                    for (var k = i + 1; k < tokens.Count && (char.IsUpper(tokens[k].Text[0]) || tokens[k].Text is "of" or "-"); k++)
                    {
                        if (tokens[k].Kind == NumberTokenKind.Word && char.IsUpper(tokens[k].Text[0]) && !Titles.Contains(tokens[k].Text))
                        {
                            last = k;
                        }
                    }

                    if (last > i)
                    {
                        personWords.Add(tokens[last].Text);
                    }
                }
            }
        }

        nameWords.RemoveWhere(w => lowerWords.Contains(w.ToLowerInvariant()) || NotNames.Contains(w));
        return new PartyReader(nameWords, personWords, title, texts);
    }

    private (IReadOnlyList<string> Countries, string? Organisation) CountMain(string title, IReadOnlyList<string> texts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var organisations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (text, weight) in texts.Select(t => (t, 1)).Prepend((title, 2)))
        {
            foreach (var m in Mentions(NumberTokenizer.Tokenize(text)))
            {
                var tally = m.IsCountry ? counts : organisations;
                tally[m.Name] = tally.GetValueOrDefault(m.Name) + weight;
            }
        }

        var main = counts.Where(c => c.Value >= 2).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(2).Select(c => c.Key).ToList();
        var organisation = organisations.Where(c => c.Value >= 3).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).FirstOrDefault();
        return (main, organisation);
    }

    /// <summary>The countries and organisations a sentence names, in order.</summary>
    public IReadOnlyList<NameMention> Mentions(IReadOnlyList<NumberToken> tokens)
    {
        var mentions = new List<NameMention>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (Country(tokens, i) is { } country)
            {
                // "British Airways", "China Mobile": a country word followed by a name is the organisation's name
                var end = country.Last + 1;
                if (end < tokens.Count && IsNameWord(tokens, end) && !Titles.Contains(tokens[end].Text) && Country(tokens, end) is null)
                {
                    var org = OrganisationRun(tokens, i);
                    mentions.Add(org);
                    i = org.Last + 1;
                    continue;
                }

                mentions.Add(country with { Possessive = IsPossessive(tokens, country.Last) });
                i = country.Last + 1;
                continue;
            }

            if (tokens[i].Kind == NumberTokenKind.Word && Titles.Contains(tokens[i].Text))
            {
                // "President Tokayev", "Head of State ...": a person's title and name, no party
                i++;
                while (i < tokens.Count && (tokens[i].Kind == NumberTokenKind.Word && char.IsUpper(tokens[i].Text[0]) && Country(tokens, i) is null || tokens[i].Text is "of" or "-"))
                {
                    i++;
                }

                continue;
            }

            if (IsNameWord(tokens, i))
            {
                var org = OrganisationRun(tokens, i);
                if (!IsPerson(tokens, org))
                {
                    mentions.Add(org);
                }

                i = org.Last + 1;
                continue;
            }

            i++;
        }

        return mentions;
    }

    /// <summary>
    /// The parties of the figure at token <paramref name="figureToken"/>: a flow's source and destination, a trade's
    /// partners, or the one party the metric is of. <paramref name="metricToken"/> is where the metric's word is (or -1).
    /// Empty when the sentence names nobody; the caller then looks at the sentences before.
    /// </summary>
    public Parties Read(IReadOnlyList<NumberToken> tokens, IReadOnlyList<NameMention> mentions, Metric metric, int figureToken, int metricToken)
    {
        var clause = ClauseMentions(tokens, mentions, figureToken);
        if (metric.Flow == FlowKind.Mutual)
        {
            return Mutual(tokens, clause);
        }

        if (metric.Flow is FlowKind.Outward or FlowKind.Inward)
        {
            return Flow(tokens, clause, metric, Math.Max(metricToken, 0));
        }

        return Single(clause, metric, figureToken, metricToken);
    }

    /// <summary>Fills a mutual or bilateral figure's missing partners from the article's main countries.</summary>
    public Parties CompleteBilateral(Parties parties, IReadOnlyList<NumberToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var bilateral = tokens.Any(t => t.Lower is "bilateral" or "mutual" or "two-way")
            || tokens.Select((t, k) => (t, k)).Any(x => x.t.Lower == "between" && x.k + 1 < tokens.Count && tokens[x.k + 1].Lower is "the" or "both" or "two");
        if (!bilateral || parties.Names.Count >= 2 || MainCountries.Count < 2)
        {
            return parties;
        }

        var names = parties.Names.Union(MainCountries, StringComparer.Ordinal).Take(2).ToList();
        return names.Count == 2 ? new Parties(names, false) : parties;
    }

    /// <summary>"the inflow of US investments" in an article about two countries: the other one is the counterpart.</summary>
    public Parties CompleteFlow(Parties parties, FlowKind flow)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (parties.Names.Count != 1 || MainCountries.Count != 2 || !MainCountries.Contains(parties.Names[0]))
        {
            return parties;
        }

        var other = MainCountries.First(c => c != parties.Names[0]);
        return flow == FlowKind.Inward ? new Parties([other, parties.Names[0]], true) : new Parties([parties.Names[0], other], true);
    }

    private static Parties Mutual(IReadOnlyList<NumberToken> tokens, IReadOnlyList<NameMention> clause)
    {
        // "trade between A and B", "A's trade with B": the partners; any other names in the clause are by-standers
        var between = Enumerable.Range(0, tokens.Count).FirstOrDefault(k => tokens[k].Lower is "between" or "with", -1);
        var partners = between >= 0 ? clause.Where(m => m.First > between).Take(2).ToList() : [];
        if (between >= 0 && tokens[between].Lower == "with")
        {
            partners = [.. clause.Where(m => m.Last < between).TakeLast(1), .. partners.Take(1)];
        }

        var chosen = partners.Count > 0 ? partners : clause.Where(m => m.IsCountry).Take(2).ToList();
        return new Parties([.. chosen.Select(m => m.Name)], false);
    }

    // Verbs whose object is what is bought or held ("Rosneft bought the Yugansk unit", "owns 8% of Google").
    private static readonly HashSet<string> TakingVerbs = new(StringComparer.Ordinal)
    {
        "bought", "buy", "buys", "buying", "acquired", "acquire", "acquires", "acquiring", "owns", "own", "controls", "control", "purchased", "purchase",
    };

    private static Parties Flow(IReadOnlyList<NumberToken> tokens, IReadOnlyList<NameMention> clause, Metric metric, int anchor)
    {
        var flow = metric.Flow;
        string? from = null;
        string? to = null;
        string? by = null;
        foreach (var m in clause)
        {
            var before = m.First > 0 ? tokens[m.First - 1].Lower : string.Empty;
            var before2 = m.First > 1 ? tokens[m.First - 2].Lower : string.Empty;
            var prep = before == "the" ? before2 : before;
            if (prep is "from")
            {
                from ??= m.Name;
            }
            else if (prep is "by")
            {
                by ??= m.Name;
            }
            else if (prep is "to" or "into" or "in" or "towards" || metric.Targets.Contains(prep) || TakingVerbs.Contains(prep))
            {
                to ??= m.Name;
            }
        }

        // the possessor or subject before the metric word: the exporter, the investor; the importer for imports
        var subject = clause.Where(m => m.Name != from && m.Name != to && (m.Possessive || m.Last < anchor)).Select(m => m.Name).FirstOrDefault();
        if (subject is not null)
        {
            if (flow == FlowKind.Inward)
            {
                to ??= subject;
            }
            else
            {
                from ??= subject;
            }
        }

        // "investment by Chinese firms": the agent of a passive, when no subject said who
        from ??= by != to ? by : null;
        if (from is not null && to is not null && from != to)
        {
            return new Parties([from, to], true);
        }

        var one = from ?? to ?? clause.Select(m => m.Name).FirstOrDefault();
        return one is null ? Parties.None : new Parties([one], false);
    }

    private static Parties Single(IReadOnlyList<NameMention> clause, Metric metric, int figureToken, int metricToken)
    {
        if (clause.Count == 0)
        {
            return Parties.None;
        }

        // "Shell's profits", "profits at Shell": the owner of the metric word; else the clause's subject; else the nearest
        var preferred = clause.Where(m => metric.OfCountry ? m.IsCountry : !m.IsCountry).ToList();
        if (metric.OfCountry && preferred.Count == 0)
        {
            // "the Labor Department said unemployment ...": the country's figure; its agency is no party, look around
            return Parties.None;
        }

        var pool = preferred.Count > 0 ? preferred : clause;
        var owner = pool.FirstOrDefault(m => m.Possessive && metricToken >= 0 && m.Last < metricToken && metricToken - m.Last <= 4);
        var subject = pool.FirstOrDefault(m => m.Last < Math.Min(figureToken, metricToken < 0 ? figureToken : metricToken));
        var nearest = pool.OrderBy(m => Math.Abs(m.First - figureToken)).First();
        return new Parties([(owner ?? subject ?? nearest).Name], false);
    }

    /// <summary>The mentions of the figure's clause: a semicolon or a sentence-internal full stop ends one.</summary>
    private static List<NameMention> ClauseMentions(IReadOnlyList<NumberToken> tokens, IReadOnlyList<NameMention> mentions, int figureToken)
    {
        var start = 0;
        var end = tokens.Count;
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].Text is ";" && k < figureToken)
            {
                start = k + 1;
            }
            else if (tokens[k].Text is ";" && k > figureToken)
            {
                end = k;
                break;
            }
        }

        return [.. mentions.Where(m => m.First >= start && m.Last < end)];
    }

    private NameMention? Country(IReadOnlyList<NumberToken> tokens, int i)
    {
        if (tokens[i].Kind != NumberTokenKind.Word || !char.IsUpper(tokens[i].Text[0]) && tokens[i].Lower != "eurozone")
        {
            return null;
        }

        // dotted abbreviations ("U.S.", "U.K.") first, then the longest multi-word form
        var dotted = tokens[i].Text;
        var k = i;
        while (k + 2 < tokens.Count && tokens[k + 1].Text == "." && tokens[k + 2].Kind == NumberTokenKind.Word && tokens[k + 2].Text.Length == 1
               && tokens[k + 1].Start == tokens[k].End && tokens[k + 2].Start == tokens[k + 1].End)
        {
            dotted += "." + tokens[k + 2].Text;
            k += 2;
        }

        if (k > i)
        {
            var withDot = k + 1 < tokens.Count && tokens[k + 1].Text == "." && tokens[k + 1].Start == tokens[k].End;
            if (Countries.Named(dotted + ".") is { } d && withDot)
            {
                return new NameMention(d, i, k + 1, true, false);
            }

            if (Countries.Named(dotted) is { } e)
            {
                return new NameMention(e, i, k, true, false);
            }
        }

        for (var n = Math.Min(Countries.LongestForm, tokens.Count - i); n >= 1; n--)
        {
            if (Enumerable.Range(i, n).Any(j => tokens[j].Kind != NumberTokenKind.Word))
            {
                continue;
            }

            var form = string.Join(' ', Enumerable.Range(i, n).Select(j => tokens[j].Text));
            if (Countries.Named(form) is { } name)
            {
                return new NameMention(name, i, i + n - 1, true, false);
            }
        }

        return null;
    }

    /// <summary>A capitalised word mid-sentence is part of a name; at a sentence start only if the article never writes it in lower case.</summary>
    private bool IsNameWord(IReadOnlyList<NumberToken> tokens, int i) =>
        tokens[i].Kind == NumberTokenKind.Word && char.IsUpper(tokens[i].Text[0]) && !NotNames.Contains(tokens[i].Text)
        && (i > 0 && !EndsSentence(tokens[i - 1]) || _nameWords.Contains(tokens[i].Text));

    private NameMention OrganisationRun(IReadOnlyList<NumberToken> tokens, int i)
    {
        var last = i;
        var k = i + 1;
        while (k < tokens.Count)
        {
            if (tokens[k].Start - tokens[k - 1].End > 1)
            {
                break;
            }

            if (IsNameWord(tokens, k) || Country(tokens, k) is not null && char.IsUpper(tokens[k].Text[0]))
            {
                last = k;
                k++;
            }
            else if (Connectors.Contains(tokens[k].Text) && k + 1 < tokens.Count && IsNameWord(tokens, k + 1))
            {
                k++;
            }
            else
            {
                break;
            }
        }

        var name = string.Join(' ', Enumerable.Range(i, last - i + 1).Select(j => tokens[j].Text)).Replace(" & ", "&", StringComparison.Ordinal);
        return new NameMention(StripArticle(name), i, last, Countries.IsCountry(name), IsPossessive(tokens, last));
    }

    private static string StripArticle(string name) => name.StartsWith("The ", StringComparison.Ordinal) ? name[4..] : name;

    private bool IsPerson(IReadOnlyList<NumberToken> tokens, NameMention m) =>
        _personWords.Contains(tokens[m.Last].Text) || _personWords.Contains(tokens[m.First].Text);

    private static bool IsPossessive(IReadOnlyList<NumberToken> tokens, int last) =>
        last + 2 < tokens.Count && tokens[last + 1].Text is "'" or "’" && tokens[last + 2].Lower == "s" && tokens[last + 1].Start == tokens[last].End;

    private static bool EndsSentence(NumberToken t) => t.Text is "." or "!" or "?" or "\"" or "“" or "”" or ":" or "—" or "–" or "(" or "«" or "»";
}
