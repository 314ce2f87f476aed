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

    private static readonly HashSet<string> CurrencyWords = new(StringComparer.Ordinal)
    {
        "dollar", "dollars", "franc", "francs", "pound", "pounds", "peso", "pesos", "rupee", "rupees", "yen", "yuan", "krona", "kronor", "krone",
        "kroner", "rand", "ruble", "rubles", "rouble", "roubles", "real", "reais", "lira", "won", "ringgit", "baht", "rupiah", "dinar", "dinars",
        "riyal", "riyals", "shekel", "shekels", "tenge", "zloty", "forint", "currency", "currencies",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "&", "and", "de", "du", "van", "von", "der", "for" };

    // Words that make an organisation a government body: its figures are its country's ("the Labor Department said ...").
    private static readonly HashSet<string> AgencyWords = new(StringComparer.Ordinal)
    {
        "Department", "Ministry", "Treasury", "Bureau", "Statistics", "Government", "Parliament", "Congress", "Senate", "Cabinet",
        "Fed", "Reserve", "Exchequer", "Customs",
    };

    private readonly HashSet<string> _nameWords;
    private readonly HashSet<string> _personWords;
    private readonly HashSet<string> _namePairs;
    private Dictionary<string, string> _personCountries = [];
    private readonly IReadOnlyList<string> _texts;
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);

    private readonly Lazy<(IReadOnlyList<string> Countries, string? Organisation)> _main;

    private PartyReader(HashSet<string> nameWords, HashSet<string> personWords, HashSet<string> namePairs, string title, IReadOnlyList<string> texts)
    {
        _nameWords = nameWords;
        _personWords = personWords;
        _namePairs = namePairs;
        _texts = texts;

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
        var namePairs = new HashSet<string>(StringComparer.Ordinal);
        var personCountries = new Dictionary<string, string>(StringComparer.Ordinal);
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

                // "Parmalat, the Italian food group", "Nestle's profits": a name even when the article writes it only at sentence starts
                var introduced = i + 2 < tokens.Count && (tokens[i + 1].Text == "," && tokens[i + 2].Lower is "the" or "a" or "an" || IsPossessive(tokens, i));
                if (i > 0 && !EndsSentence(tokens[i - 1]) || introduced)
                {
                    nameWords.Add(t.Text);
                    if (i + 1 < tokens.Count && tokens[i + 1].Kind == NumberTokenKind.Word && char.IsUpper(tokens[i + 1].Text[0]) && tokens[i + 1].Start == t.End + 1)
                    {
                        // "Time Warner" mid-sentence: the pair is a name at a sentence start too, though "time" is a word
                        namePairs.Add(t.Text + " " + tokens[i + 1].Text);
                    }
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

                    if (last > i && !CompanyWords.Contains(tokens[last].Text))
                    {
                        personWords.Add(tokens[last].Text);
                        if (i > 0 && Countries.Named(tokens[i - 1].Text) is { } country)
                        {
                            // "Italian Prime Minister Silvio Berlusconi": "Mr Berlusconi" speaks for Italy later on
                            personCountries[tokens[last].Text] = country;
                        }
                    }
                }
            }
        }

        TitlePairs(title, namePairs);
        nameWords.RemoveWhere(w => lowerWords.Contains(w.ToLowerInvariant()) || NotNames.Contains(w));
        return new PartyReader(nameWords, personWords, namePairs, title, texts) { _personCountries = personCountries };
    }

    /// <summary>
    /// "Ad sales boost Time Warner profit": a capitalised pair inside a title written in sentence case is a name, so
    /// "Time Warner said ..." at a sentence start is one too. A title in title case says nothing of the kind.
    /// </summary>
    private static void TitlePairs(string title, HashSet<string> namePairs)
    {
        var tokens = NumberTokenizer.Tokenize(title);
        var words = tokens.Where(t => t.Kind == NumberTokenKind.Word).ToList();
        if (words.Count(t => char.IsLower(t.Text[0]) && t.Text.Length > 3) < 2)
        {
            return;
        }

        for (var i = 1; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == NumberTokenKind.Word && tokens[i + 1].Kind == NumberTokenKind.Word && char.IsUpper(tokens[i].Text[0])
                && char.IsUpper(tokens[i + 1].Text[0]) && tokens[i + 1].Start == tokens[i].End + 1 && !EndsSentence(tokens[i - 1]))
            {
                namePairs.Add(tokens[i].Text + " " + tokens[i + 1].Text);
            }
        }
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

                // "86.7bn Swiss francs" (a currency), "Europe's largest airline" (a ranking), "the US firm", "Netherlands-based": no party
                if (!Descriptive(tokens, country))
                {
                    mentions.Add(country with { Possessive = IsPossessive(tokens, country.Last) });
                }

                i = country.Last + 1;
                continue;
            }

            if (tokens[i].Kind == NumberTokenKind.Word && Titles.Contains(tokens[i].Text) && !TitledFirm(tokens, i))
            {
                // "President Tokayev", "Head of State ...": a person's title and name, no party (a politician's country is)
                var title = i;
                i++;
                while (i < tokens.Count && (tokens[i].Kind == NumberTokenKind.Word && char.IsUpper(tokens[i].Text[0]) && Country(tokens, i) is null || tokens[i].Text is "of" or "-"))
                {
                    i++;
                }

                if (i - 1 > title && _personCountries.TryGetValue(tokens[i - 1].Text, out var own) && !(title > 0 && Country(tokens, title - 1) is not null))
                {
                    mentions.Add(new NameMention(own, title, i - 1, true, IsPossessive(tokens, i - 1)));
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
                else if (_personCountries.TryGetValue(tokens[org.Last].Text, out var own))
                {
                    mentions.Add(new NameMention(own, org.First, org.Last, true, org.Possessive));
                }

                i = org.Last + 1;
                continue;
            }

            i++;
        }

        return mentions;
    }

    // "General Motors", "Royal Bank": a title word starting a run that ends in a firm's word is the firm's name
    private bool TitledFirm(IReadOnlyList<NumberToken> tokens, int i)
    {
        if (!IsNameWord(tokens, i))
        {
            return false;
        }

        var run = OrganisationRun(tokens, i);
        return run.Last > i && CompanyWords.Contains(tokens[run.Last].Text);
    }

    private static readonly HashSet<string> FirmNouns = new(StringComparer.Ordinal)
    {
        "firm", "company", "group", "giant", "carmaker", "airline", "retailer", "conglomerate", "maker", "operator", "insurer", "lender", "chain", "-based",
    };

    private static bool Descriptive(IReadOnlyList<NumberToken> tokens, NameMention country)
    {
        var end = country.Last + 1;
        if (end >= tokens.Count)
        {
            return false;
        }

        var next = tokens[end].Lower;
        if (CurrencyWords.Contains(next) || FirmNouns.Contains(next) || next == "-" && end + 1 < tokens.Count && tokens[end + 1].Lower == "based")
        {
            return true;
        }

        // "Japan's third-largest bank", "Europe's biggest airline"
        if (IsPossessive(tokens, country.Last) && end + 2 < tokens.Count)
        {
            var w = tokens[end + 2].Lower;
            var hyphenated = end + 4 < tokens.Count && tokens[end + 3].Text == "-" ? tokens[end + 4].Lower : w;
            return w is "largest" or "biggest" or "top" or "leading" or "richest" or "smallest" or "oldest" or "second" or "third" or "fourth" or "fifth"
                    or "worst" or "best" or "most" or "least"
                || hyphenated.EndsWith("est", StringComparison.Ordinal) && hyphenated.Length > 4;
        }

        return false;
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
            return Share(tokens, clause, metric, figureToken, metricToken) ?? Flow(tokens, clause, metric, Math.Max(metricToken, 0));
        }

        // "Its $17m profit ... by rival Google": the pronoun's owner is in the sentences before, not the other name here
        var pronoun = Enumerable.Range(Math.Max(0, figureToken - 2), Math.Min(2, figureToken)).Any(k => tokens[k].Lower is "its" or "their")
            || metricToken > 0 && tokens[metricToken - 1].Lower is "its" or "their";
        if (pronoun && !clause.Any(m => m.Possessive && m.Last < figureToken))
        {
            return Parties.None;
        }

        return Single(tokens, clause, metric, figureToken, metricToken);
    }

    private static bool IsSource(IReadOnlyList<NumberToken> tokens, NameMention m) =>
        m.Last + 1 < tokens.Count && tokens[m.Last + 1].Lower is "said" or "says" or "reported" or "estimated" or "estimates"
        || m.First >= 2 && tokens[m.First - 2].Lower == "according" && tokens[m.First - 1].Lower == "to"
        || m.First >= 3 && tokens[m.First - 3].Lower == "according" && tokens[m.First - 1].Lower == "the";

    /// <summary>
    /// One name per party across the article: a government body is its country ("US Agriculture Department", or the
    /// "Labor Department" of an article about the US); "TimeWarner" is "Time Warner" when the article also writes that;
    /// "British Airways" is "BA" when the article also uses the initials (the shortest usual form).
    /// </summary>
    public Parties Canonical(Parties parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (parties.IsEmpty || parties.Names.All(Countries.IsCountry))
        {
            return parties;
        }

        var names = parties.Names.Select(CanonicalName).ToList();
        return names.SequenceEqual(parties.Names, StringComparer.Ordinal) ? parties
            : names.Distinct(StringComparer.Ordinal).Count() < names.Count ? new Parties([names[0]], false) : new Parties(names, parties.Directed);
    }

    private string CanonicalName(string name)
    {
        if (Countries.IsCountry(name))
        {
            return name;
        }

        if (!_canonical.TryGetValue(name, out var canonical))
        {
            canonical = _canonical[name] = Agency(name) ?? Spaced(name) ?? Initials(name) ?? Core(name) ?? name;
        }

        return canonical;
    }

    private string? Agency(string name)
    {
        var words = name.Split(' ');
        var agency = words.Any(AgencyWords.Contains) || name.Contains("Central Bank", StringComparison.Ordinal)
            || name.Contains("Reserve Bank", StringComparison.Ordinal) || name.Contains("Office for", StringComparison.Ordinal);
        if (!agency)
        {
            return null;
        }

        // "US Commerce Department": the country it names; else the country the article is about
        foreach (var w in words)
        {
            if (Countries.Named(w) is { } country && char.IsUpper(w[0]))
            {
                return country;
            }
        }

        return MainCountries.Count > 0 ? MainCountries[0] : null;
    }

    private string? Spaced(string name)
    {
        if (name.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var split = -1;
        for (var k = 1; k < name.Length; k++)
        {
            if (char.IsUpper(name[k]) && char.IsLower(name[k - 1]))
            {
                split = split < 0 ? k : -2;
            }
        }

        if (split < 0)
        {
            return null;
        }

        var spaced = name[..split] + " " + name[split..];
        return _texts.Any(t => t.Contains(spaced, StringComparison.Ordinal)) ? spaced : null;
    }

    // Words that only say what kind of organisation a name is: "Group Menatep" is "Menatep" when the article also writes that.
    private static readonly HashSet<string> GenericOrgWords = new(StringComparer.Ordinal)
    {
        "Group", "Holdings", "Holding", "Corp", "Corporation", "Inc", "Plc", "plc", "Ltd", "Co", "Company", "AG", "SA", "NV", "Limited",
    };

    private string? Core(string name)
    {
        var words = name.Split(' ');
        if (words.Length < 2)
        {
            return null;
        }

        var core = GenericOrgWords.Contains(words[0]) ? string.Join(' ', words[1..])
            : GenericOrgWords.Contains(words[^1]) ? string.Join(' ', words[..^1]) : null;
        return core is not null && _texts.Any(t => ContainsWord(t.Replace(name, string.Empty, StringComparison.Ordinal), core)) ? core : null;
    }

    private string? Initials(string name)
    {
        var words = name.Split(' ').Where(w => w.Length > 0 && char.IsUpper(w[0])).ToList();
        if (words.Count < 2 || words.Count > 5)
        {
            return null;
        }

        var initials = string.Concat(words.Select(w => w[0]));
        return _texts.Any(t => ContainsWord(t, initials)) ? initials : null;
    }

    private static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
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

    // Verbs of a deal whose subject is the buyer ("Rosneft bought ...", "Sumitomo made a bid for ...", "X took over Y").
    private static readonly HashSet<string> DealVerbs = new(StringComparer.Ordinal)
    {
        "buy", "buys", "bought", "buying", "acquire", "acquires", "acquired", "acquiring", "bid", "bids", "bidding", "takeover", "purchase", "purchased",
    };

    private static readonly HashSet<string> OverVerbs = new(StringComparer.Ordinal) { "take", "takes", "took", "taking", "taken" };

    /// <summary>
    /// A deal-value figure whose sentence names only the target ("its $4.5bn acquisition of US firm ISG"): the buyer is
    /// the firm an anaphoric subject ("The company", "The US firm", "It") stands for, the last other firm named before;
    /// else the subject of the nearest earlier sentence with a deal verb (buy, acquire, bid, take over).
    /// </summary>
    public Parties WithBuyer(Parties parties, IReadOnlyList<NumberToken> tokens, IReadOnlyList<NameMention> mentions, Metric metric, int sentenceIndex)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(mentions);
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Name != "deal value" || parties.Names.Count != 1 || Countries.IsCountry(parties.Names[0]) || sentenceIndex > _texts.Count)
        {
            return parties;
        }

        var target = parties.Names[0];
        var at = mentions.FirstOrDefault(m => m.Name == target);
        if (at is null || mentions.Any(m => !m.IsCountry && m.Name != target) || !IsTargetPosition(tokens, at.First, metric))
        {
            return parties;
        }

        var buyer = AnaphoricSubject(tokens) ? LastOtherFirm(target, sentenceIndex) : null;
        buyer ??= DealSubject(target, sentenceIndex);
        return buyer is null ? parties : new Parties([buyer, target], true);
    }

    private static bool IsTargetPosition(IReadOnlyList<NumberToken> tokens, int first, Metric metric)
    {
        var prep = PrepositionBefore(tokens, first);
        return prep is "of" or "for" or "in" || metric.Targets.Contains(prep) || TakingVerbs.Contains(prep);
    }

    // "The Netherlands-based company ...", "The US firm ...", "It ...": a subject that points back to a firm named before
    private static bool AnaphoricSubject(IReadOnlyList<NumberToken> tokens)
    {
        if (tokens.Count == 0)
        {
            return false;
        }

        if (tokens[0].Lower is "it" or "its")
        {
            return true;
        }

        return tokens[0].Lower == "the" && Enumerable.Range(1, Math.Min(5, tokens.Count - 1)).Any(k => FirmNouns.Contains(tokens[k].Lower) && tokens[k].Lower != "-based");
    }

    private string? LastOtherFirm(string target, int sentenceIndex)
    {
        for (var k = sentenceIndex - 1; k >= 0; k--)
        {
            var firms = Mentions(NumberTokenizer.Tokenize(_texts[k])).Where(m => !m.IsCountry && m.Name != target && Agency(m.Name) is null).ToList();
            if (firms.Count > 0)
            {
                return firms[0].Name;
            }
        }

        return null;
    }

    private string? DealSubject(string target, int sentenceIndex)
    {
        for (var k = sentenceIndex - 1; k >= 0; k--)
        {
            var tokens = NumberTokenizer.Tokenize(_texts[k]);
            var verb = Enumerable.Range(0, tokens.Count).FirstOrDefault(
                j => DealVerbs.Contains(tokens[j].Lower) || OverVerbs.Contains(tokens[j].Lower) && j + 1 < tokens.Count && tokens[j + 1].Lower == "over", -1);
            if (verb < 0)
            {
                continue;
            }

            // the sentence's subject, when it names a firm before the verb
            var subject = Mentions(tokens).FirstOrDefault(m => m.Last < verb);
            if (subject is { IsCountry: false } && subject.Name != target && Agency(subject.Name) is null)
            {
                return subject.Name;
            }
        }

        return null;
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

    // Verbs whose first object is who receives ("the UK gave Kenya £110m in aid").
    private static readonly HashSet<string> GivingVerbs = new(StringComparer.Ordinal)
    {
        "gave", "give", "gives", "giving", "given", "granted", "grant", "lent", "lend", "lends", "paid", "pay", "pays", "sent", "send", "offered", "offer", "owes", "owed",
    };

    /// <summary>
    /// "Germany accounted for 17% of French imports", "China accounted for 26.8% of Brazil's exports": the whole is the
    /// flow of the name right before the metric word, the part is the partner named before the figure.
    /// </summary>
    private static Parties? Share(IReadOnlyList<NumberToken> tokens, IReadOnlyList<NameMention> clause, Metric metric, int figureToken, int metricToken)
    {
        // the first word after the number ("26.8%" is several tokens)
        var next = figureToken + 1;
        while (next < tokens.Count && tokens[next].Kind != NumberTokenKind.Word)
        {
            next++;
        }

        if (next >= tokens.Count || tokens[next].Lower != "of" || metricToken <= next)
        {
            return null;
        }

        var owner = clause.LastOrDefault(m => m.First > figureToken && m.Last < metricToken && metricToken - m.Last <= 3);
        var part = clause.LastOrDefault(m => m.Last < figureToken);
        if (owner is null || part is null || owner.Name == part.Name)
        {
            return null;
        }

        return metric.Flow == FlowKind.Inward ? new Parties([part.Name, owner.Name], true) : new Parties([owner.Name, part.Name], true);
    }

    private static Parties Flow(IReadOnlyList<NumberToken> tokens, IReadOnlyList<NameMention> clause, Metric metric, int anchor)
    {
        var flow = metric.Flow;
        string? from = null;
        string? to = null;
        string? by = null;
        foreach (var m in clause)
        {
            var prep = PrepositionBefore(tokens, m.First);
            if (prep is "from")
            {
                from ??= m.Name;
            }
            else if (prep is "by")
            {
                by ??= m.Name;
            }
            else if (prep is "to" or "into" or "in" or "towards" || metric.Targets.Contains(prep) || TakingVerbs.Contains(prep) || GivingVerbs.Contains(prep))
            {
                to ??= m.Name;
            }
        }

        // the possessor or subject before the metric word: the exporter, the investor; the importer for imports
        // ("How much aid did Kenya give ...": the subject after the auxiliary of a question)
        var subject = clause.Where(m => m.Name != from && m.Name != to && (m.Possessive || m.Last < anchor
            || m.First > 0 && tokens[m.First - 1].Lower is "did" or "does" or "do" or "has" or "have" or "had" or "will")).Select(m => m.Name).FirstOrDefault();
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

    // "of search-engine Google", "of US firm ISG", "in the car maker Rover": what a name is can sit between it and its preposition
    private static readonly HashSet<string> FlowPrepositions = new(StringComparer.Ordinal) { "of", "from", "to", "into", "in", "by", "for" };

    /// <summary>The word that introduces a name: the one right before it, past "the" and up to two lower-case describing words.</summary>
    private static string PrepositionBefore(IReadOnlyList<NumberToken> tokens, int first)
    {
        var before = first > 0 ? tokens[first - 1].Lower : string.Empty;
        var before2 = first > 1 ? tokens[first - 2].Lower : string.Empty;
        var prep = before == "the" ? before2 : before;
        if (prep.Length == 0 || FlowPrepositions.Contains(prep) || TakingVerbs.Contains(prep) || GivingVerbs.Contains(prep))
        {
            return prep;
        }

        var words = 0;
        for (var k = first - 1; k >= 0 && words <= 2; k--)
        {
            var t = tokens[k];
            if (t.Text == "-" || t.Lower is "the" or "a" or "an" || t.Kind == NumberTokenKind.Word && char.IsUpper(t.Text[0]) && Countries.Named(t.Text) is not null)
            {
                continue;
            }

            if (t.Kind != NumberTokenKind.Word || !char.IsLower(t.Text[0]))
            {
                break;
            }

            if (FlowPrepositions.Contains(t.Lower))
            {
                return t.Lower;
            }

            words++;
        }

        return prep;
    }

    private static Parties Single(IReadOnlyList<NumberToken> tokens, IReadOnlyList<NameMention> clause, Metric metric, int figureToken, int metricToken)
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

        // "..., the US Agriculture Department said, with wine sales up 25%", "according to X": who reports the figure, not whose it is
        var reported = pool.Where(m => !IsSource(tokens, m)).ToList();
        if (reported.Count == 0 && preferred.Count > 0)
        {
            reported = [.. clause.Where(m => !IsSource(tokens, m))];
        }

        pool = reported.Count > 0 ? reported : pool;
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

        // "A's shares rose 4%, while B's shares slipped 1.2%": the figure's own part of the sentence, if it names anyone
        var (subStart, subEnd) = (start, end);
        for (var k = start + 1; k < end; k++)
        {
            if (tokens[k].Lower is "while" or "whereas" && tokens[k - 1].Text == ",")
            {
                (subStart, subEnd) = k < figureToken ? (k + 1, subEnd) : (subStart, Math.Min(subEnd, k));
            }
        }

        var own = mentions.Where(m => m.First >= subStart && m.Last < subEnd).ToList();
        return own.Count > 0 ? own : [.. mentions.Where(m => m.First >= start && m.Last < end)];
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
        && (i > 0 && !EndsSentence(tokens[i - 1]) || _nameWords.Contains(tokens[i].Text)
            || i + 1 < tokens.Count && tokens[i + 1].Start == tokens[i].End + 1 && _namePairs.Contains(tokens[i].Text + " " + tokens[i + 1].Text));

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

    // "Lakshmi Mittal", "Mittal": a person; "Mittal Steel", a firm named after one, is not (its last word is no person's name)
    private bool IsPerson(IReadOnlyList<NumberToken> tokens, NameMention m) =>
        _personWords.Contains(tokens[m.Last].Text) || _personWords.Contains(tokens[m.First].Text)
        && (m.Last == m.First || !_nameWords.Contains(tokens[m.Last].Text) && !CompanyWords.Contains(tokens[m.Last].Text));

    // Last words that make a run a firm's name whatever comes before them.
    private static readonly HashSet<string> CompanyWords = new(StringComparer.Ordinal)
    {
        "Steel", "Group", "Holdings", "Corp", "Corporation", "Inc", "Plc", "Ltd", "Co", "Company", "Bank", "Motors", "Airways", "Airlines", "Energy",
        "Oil", "Petroleum", "Industries", "Foods", "Media", "Telecom", "Insurance", "Securities", "Capital", "Partners", "Financial", "Pharmaceuticals",
    };

    private static bool IsPossessive(IReadOnlyList<NumberToken> tokens, int last) =>
        last + 2 < tokens.Count && tokens[last + 1].Text is "'" or "’" && tokens[last + 2].Lower == "s" && tokens[last + 1].Start == tokens[last].End;

    private static bool EndsSentence(NumberToken t) => t.Text is "." or "!" or "?" or "\"" or "“" or "”" or ":" or "—" or "–" or "(" or "«" or "»";
}
