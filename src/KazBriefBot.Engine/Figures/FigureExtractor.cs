using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Figures;

/// <summary>Reads the figures of an article sentence by sentence: money, percentages and counts that matter, with what they measure.</summary>
public static class FigureExtractor
{
    // Adverbs that qualify the number and belong to the figure's text ("around $3.7bn", "more than 300 joint ventures").
    private static readonly (string[] Words, string Qualifier)[] Adverbs =
    [
        (["more", "than"], Qualifiers.LowerBound), (["well", "over"], Qualifiers.LowerBound), (["just", "over"], Qualifiers.LowerBound),
        (["at", "least"], Qualifiers.LowerBound), (["upwards", "of"], Qualifiers.LowerBound), (["in", "excess", "of"], Qualifiers.LowerBound),
        (["over"], Qualifiers.LowerBound), (["above"], Qualifiers.LowerBound),
        (["less", "than"], Qualifiers.UpperBound), (["fewer", "than"], Qualifiers.UpperBound), (["just", "under"], Qualifiers.UpperBound),
        (["up", "to"], Qualifiers.UpperBound), (["at", "most"], Qualifiers.UpperBound), (["nearly"], Qualifiers.UpperBound),
        (["almost"], Qualifiers.UpperBound), (["under"], Qualifiers.UpperBound), (["below"], Qualifiers.UpperBound),
        (["close", "to"], Qualifiers.Approximate), (["an", "estimated"], Qualifiers.Approximate), (["around"], Qualifiers.Approximate),
        (["about"], Qualifiers.Approximate), (["approximately"], Qualifiers.Approximate), (["roughly"], Qualifiers.Approximate),
        (["some"], Qualifiers.Approximate), (["circa"], Qualifiers.Approximate), (["estimated"], Qualifiers.Approximate),
        (["exactly"], Qualifiers.Exact), (["precisely"], Qualifiers.Exact),
    ];

    // Verbs that bound the value but are not part of the figure's text ("exceeded 3 billion US dollars").
    private static readonly Dictionary<string, string> BoundVerbs = new(StringComparer.Ordinal)
    {
        ["exceeded"] = Qualifiers.LowerBound, ["exceeding"] = Qualifiers.LowerBound, ["exceeds"] = Qualifiers.LowerBound, ["exceed"] = Qualifiers.LowerBound,
        ["topped"] = Qualifiers.LowerBound, ["surpassed"] = Qualifiers.LowerBound, ["surpassing"] = Qualifiers.LowerBound,
    };

    private static readonly HashSet<string> ForecastWords = new(StringComparer.Ordinal)
    {
        "could", "might", "may", "would", "expected", "expects", "forecast", "forecasts", "projected", "predicted", "predicts", "aims", "target", "targets",
        "plans", "planned", "likely", "hopes", "will", "considering", "proposed", "proposes", "propose", "pledged", "promised", "intends", "seeks",
        "predict", "forecasting", "projects", "anticipated", "anticipates", "should", "expectations", "expectation", "targeted", "targeting", "aiming",
        "estimates", "outlook", "promise", "promises", "projection", "projections",
    };

    private static readonly HashSet<string> ChangeBefore = new(StringComparer.Ordinal)
    {
        "rose", "rise", "rises", "risen", "rising", "increased", "increase", "increases", "grew", "grow", "grows", "growth", "jumped", "jump", "climbed", "gained", "up",
        "fell", "fall", "falls", "fallen", "falling", "dropped", "drop", "declined", "decline", "decreased", "decrease", "down", "slumped", "slid", "surged", "soared",
        "plunged", "dipped", "cut", "gains", "gain", "rises", "increases", "decreases", "drops", "declines", "cuts", "jumps", "slipped", "slip", "eased",
        "tumbled", "sank", "shed", "lost", "added", "growing", "expanded", "shrank", "contracted", "rising", "faster", "slower",
        "raised", "raise", "raises", "lifted", "boosted", "reduced", "lowered", "trimmed", "hiked", "created", "creating", "add", "adding",
    };

    private static readonly HashSet<string> ChangeAfter = new(StringComparer.Ordinal)
    {
        "rise", "increase", "jump", "growth", "fall", "drop", "decline", "gain", "surge", "cut", "decrease", "rises", "increases", "falls",
        "higher", "lower", "more", "less", "up", "down", "increases", "gains", "drops", "declines",
    };

    private static readonly HashSet<string> NounStops = new(StringComparer.Ordinal)
    {
        "of", "in", "with", "to", "and", "or", "from", "for", "that", "which", "who", "were", "was", "are", "is", "have", "has", "had", "the", "a", "an",
        "on", "at", "by", "as", "than", "will", "would", "could", "can", "this", "these", "those", "their", "its", "between", "per", "each",
    };

    private static readonly HashSet<string> TimeUnits = new(StringComparer.Ordinal)
    {
        "years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "centuries", "times", "quarters", "nights", "generations", "sessions", "rounds",
    };

    // Counted nouns that are units of measure: the figure's unit is the noun ("115,000 tonnes"), the metric comes from the sentence.
    private static readonly HashSet<string> MeasureUnits = new(StringComparer.Ordinal)
    {
        "tonnes", "tons", "barrels", "kilometres", "kilometers", "miles", "megawatts", "gigawatts", "litres", "liters", "gallons", "ounces", "kilograms", "hectares", "acres",
    };

    private static readonly HashSet<string> IrregularPlurals = new(StringComparer.Ordinal) { "people", "staff", "children", "men", "women", "personnel", "police", "cattle" };

    private static readonly HashSet<string> Anaphora = new(StringComparer.Ordinal) { "that", "this", "it", "these", "which" };

    // Words that make a percentage a part of a whole ("accounted for 2.5% of", "a 15% stake", "its share of").
    private static readonly HashSet<string> ShareWords = new(StringComparer.Ordinal)
    {
        "stake", "stakes", "holding", "accounted", "accounts", "account", "accounting", "proportion", "portion", "fraction",
    };

    // Metrics that are themselves rates: their percentages are levels ("unemployment of 10.8% of the workforce").
    private static readonly HashSet<string> RateMetrics = new(StringComparer.Ordinal) { "unemployment", "inflation", "interest rate" };

    public static IReadOnlyList<Figure> Extract(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var figures = new List<Figure>();
        var parties = PartyReader.ForArticle(article.Metadata.Title ?? string.Empty, article.Sentences.Select(s => s.Text));
        Context? previous = null;
        var lastParties = (Parties: Parties.None, Ordinal: int.MinValue);
        var sentences = article.Sentences;
        var mentionsOf = new Dictionary<int, IReadOnlyList<NameMention>>();
        var told = new PeriodsTold();
        for (var index = 0; index < sentences.Count; index++)
        {
            var sentence = sentences[index];
            List<Figure> found;
            var recent = sentence.Ordinal - lastParties.Ordinal <= 2 ? lastParties.Parties : Parties.None;
            var before = index;
            try
            {
                // the names of the last sentence before this one that named any, read only when a figure needs them
                found = MayHoldNumber(sentence.Text)
                    ? ExtractSentence(article, sentence, previous, parties, new Neighbours(recent, () => LastNamed(parties, sentences, before, mentionsOf), before), told)
                    : [];
            }
            catch (OverflowException)
            {
                // an amount beyond decimal's range is no figure a reader could use; the rest of the article still counts
                found = [];
            }

            figures.AddRange(found);
            previous = found.Count > 0 ? new Context(found[^1].Metric, found[^1].Period, found[^1].PeriodUnresolved, found[^1].Parties) : null;
            if (found.LastOrDefault(f => !f.Parties.IsEmpty) is { } withParties)
            {
                lastParties = (withParties.Parties, sentence.Ordinal);
            }
        }

        return figures;
    }

    private static List<Figure> ExtractSentence(Article article, Sentence sentence, Context? previous, PartyReader partyReader, Neighbours neighbours, PeriodsTold told)
    {
        var text = sentence.Text;
        var periods = PeriodRecognizer.Find(text, article.Metadata.Date);
        var tokens = NumberTokenizer.Tokenize(text);
        var lower = tokens.Select(t => t.Lower).ToList();
        var inherited = told.Referred(lower);
        var shifted = periods.FirstOrDefault(p => p.IsBase && YearOf(p.Label) is not null);
        told.Read(periods, text);
        var mentions = partyReader.Mentions(tokens);
        var source = article.SourceFor(sentence.Start, sentence.End);
        var anaphoric = tokens.Count > 0 && Anaphora.Contains(tokens[0].Lower);
        var drafts = new List<Draft>();
        foreach (var item in NumberRecognizer.Recognize(text))
        {
            if (item.Value is not { } value || periods.Any(p => p.Start < item.End && item.Start < p.End))
            {
                continue;
            }

            if (ReadDraft(text, tokens, lower, periods, item, value) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        if (drafts.Count == 0)
        {
            return [];
        }

        var changes = drafts.Select(d => d.Measure == Measure.Percent ? Change(text, tokens, periods, d) : null).ToList();
        for (var k = 1; k < drafts.Count; k++)
        {
            if (changes[k] is not null && Apposition(tokens, drafts[k - 1], drafts[k]))
            {
                // "$6 billion in the Kazakh economy, a whopping 80% rise": the change of the amount before it
                drafts[k] = drafts[k] with { Metric = drafts[k - 1].Metric, MetricToken = drafts[k - 1].MetricToken, Period = drafts[k - 1].Period ?? drafts[k].Period };
            }
        }

        var figures = new List<Figure>();
        for (var k = 0; k < drafts.Count; k++)
        {
            var d = drafts[k];
            var change = changes[k];
            if (d.IncrementFrom is { } inc)
            {
                // "an additional 25 million US dollars" is itself the change
                change = text[tokens[inc].Start..d.End];
            }

            // "rose to 2.5%" names the new level; "rose 30%", "an increase of 37.2%" the change
            // "growing at 25% a year" is a rate of change though "at" usually names a level
            var growingAt = d.QualifiedStart > 1 && tokens[d.QualifiedStart - 1].Lower == "at" && tokens[d.QualifiedStart - 2].Lower.StartsWith("grow", StringComparison.Ordinal);
            var isChange = (change is not null && (growingAt || !(d.QualifiedStart > 0 && tokens[d.QualifiedStart - 1].Lower is "to" or "at")))
                || MoneyChange(tokens, d.QualifiedStart);
            if (change is null && d.Measure == Measure.Money)
            {
                // "rose 30% to reach $1.8 billion", "$6 billion ..., a whopping 80% rise": the change belongs to the amount too
                change = Enumerable.Range(0, drafts.Count)
                    .Where(j => changes[j] is not null && drafts[j].Metric == d.Metric && Math.Abs(drafts[j].FirstToken - d.FirstToken) <= 14)
                    .Select(j => changes[j])
                    .FirstOrDefault();
            }

            var metric = d.Metric;
            var period = d.Period;
            var parties = partyReader.Read(tokens, mentions, d.Metric, d.FirstToken, d.MetricToken);
            parties = partyReader.WithBuyer(parties, tokens, mentions, d.Metric, neighbours.Index);
            if (anaphoric && previous is { } prev)
            {
                // "That is an increase of 37.2% compared to 2021." continues the sentence before
                metric = metric.Name == MetricLexicon.Other ? MetricLexicon.Named(prev.Metric) : metric;
                period ??= prev.Period is null ? null : new PeriodMention(0, 0, prev.Period, prev.Unresolved, false, false);
                parties = parties.IsEmpty ? prev.Parties : parties;
            }

            if (parties.IsEmpty && partyReader.MainCountries.Count > 0 && tokens.Any(t => t.Lower is "domestic" or "national" or "nationwide"))
            {
                // "the export of domestic IT": the country the article is about
                parties = new Parties([partyReader.MainCountries[0]], false);
            }

            // a country's figure (inflation) takes the figures before it only if they were a country's too, not the central bank's
            var near = neighbours.Parties;
            parties = parties.IsEmpty && (!metric.OfCountry || near.Names.All(Countries.IsCountry)) ? near : parties;
            if (parties.IsEmpty)
            {
                // "Its profits rose ...": whom the sentence before named, else the organisation the article is about
                var pool = neighbours.Named().Where(m => m.IsCountry == metric.OfCountry).Select(m => m.Name).ToList();
                // "It spent ..." after a sentence that names only a country: that country, though spending is not a country's metric only
                var fallback = pool.FirstOrDefault() ?? (metric.OfCountry ? partyReader.MainCountries.FirstOrDefault() : partyReader.MainOrganisation)
                    ?? mentions.Select(m => m.Name).FirstOrDefault() ?? neighbours.Named().Select(m => m.Name).FirstOrDefault();
                parties = fallback is null ? parties : new Parties([fallback], false);
            }
            if (d.CountMetric is not null)
            {
                // "300 US-Kazakh joint ventures", "50 American companies": the counted things' own countries
                var own = mentions.Where(m => m.IsCountry && m.First > d.LastToken - NumberTokenizer.Tokenize(d.CountMetric).Count && m.Last <= d.LastToken).Select(m => m.Name).ToList();
                parties = own.Count > 0 ? new Parties(own, false) : parties;
            }

            if (metric.Flow == FlowKind.Mutual || d.CountMetric is not null)
            {
                parties = partyReader.CompleteBilateral(parties, tokens);
            }
            else if (metric.Flow is FlowKind.Outward or FlowKind.Inward && tokens.Any(t => t.Lower.StartsWith("inflow", StringComparison.Ordinal) || t.Lower.StartsWith("outflow", StringComparison.Ordinal)))
            {
                // "the inflow of US investments": into the other country the article is about
                parties = partyReader.CompleteFlow(parties, metric.Flow);
            }

            parties = partyReader.Canonical(parties);
            period = PeriodFromContext(period, shifted, inherited);
            if (k > 0 && period is not null && period.End <= d.Start && ReferenceEquals(drafts[k - 1].Period, d.Period)
                && d.QualifiedStart > 0 && tokens[d.QualifiedStart - 1].Lower == "from" && YearOf(period.Label) is { } year && period.Label.Length == 4)
            {
                // "losses deepened to £51.6m in 2004 from £1.2m": the amount changed from is the year before's
                period = period with { Label = (year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }
            if (period is null && periods.Count == 0 && previous is { Period: { } before } && previous.Metric == metric.Name && metric.Name != MetricLexicon.Other)
            {
                // the sentence right before gave this measure's period, and this one names no time at all
                period = new PeriodMention(0, 0, before, previous.Unresolved, false, false);
            }
            var kind = Kind(tokens, d, isChange, period);
            figures.Add(new Figure(text[d.Start..d.End], d.Value, d.Unit, d.CountMetric ?? metric.Name, period?.Label, d.Qualifier, change, text, source)
            {
                Kind = kind,
                Parties = parties,
                Base = kind == FigureKind.Change ? periods.FirstOrDefault(p => p.IsBase && p.Start > d.End)?.Label : null,
                PeriodUnresolved = period?.Unresolved ?? false,
                TextStart = sentence.Start + d.Start,
                Measure = d.Measure,
                High = d.High,
            });
        }

        return Conversions(text, drafts, figures);
    }

    /// <summary>
    /// "77m euros (£53m; $100m)": the amounts in brackets right after an amount convert it to other currencies, so they
    /// measure the same thing of the same parties in the same period, and are of its kind.
    /// </summary>
    private static List<Figure> Conversions(string text, List<Draft> drafts, List<Figure> figures)
    {
        var head = -1;
        for (var k = 1; k < drafts.Count; k++)
        {
            var gap = text[drafts[k - 1].End..drafts[k].Start].Trim();
            var opens = gap == "(" && drafts[k - 1].Measure == Measure.Money;
            var continues = head >= 0 && gap is ";" or "," or "/" or "or";
            head = drafts[k].Measure != Measure.Money ? -1 : opens ? (head >= 0 ? head : k - 1) : continues ? head : -1;
            if (head >= 0)
            {
                var h = figures[head];
                figures[k] = figures[k] with
                {
                    Metric = h.Metric, Period = h.Period, Qualifier = h.Qualifier, Change = h.Change, Kind = h.Kind, Parties = h.Parties,
                    Base = h.Base, PeriodUnresolved = h.PeriodUnresolved,
                };
            }

            if (head >= 0 && text[drafts[k].End..Math.Min(text.Length, drafts[k].End + 2)].Contains(')', StringComparison.Ordinal))
            {
                head = -1;
            }
        }

        return figures;
    }

    private static Draft? ReadDraft(string text, IReadOnlyList<NumberToken> tokens, IReadOnlyList<string> lower, IReadOnlyList<PeriodMention> periods, RecognizedNumber item, decimal value)
    {
        var first = TokenAt(tokens, item.Start);
        var last = TokenAt(tokens, item.End - 1);
        var start = item.Start;
        var end = item.End;
        string unit;
        Measure measure;
        string? countMetric = null;
        switch (item.Kind)
        {
            case RecognizedKind.Currency:
                unit = CurrencyLexicon.FigureCode(item.Unit!, item.Iso);
                measure = Measure.Money;
                break;
            case RecognizedKind.Percent:
                unit = Units.Percent;
                measure = Measure.Percent;
                if (last + 1 < tokens.Count && tokens[last + 1].Lower is "point" or "points" && tokens[last].Lower.StartsWith("percent", StringComparison.Ordinal))
                {
                    unit = Units.PercentagePoints;
                    last++;
                    end = tokens[last].End;
                }

                break;
            default:
                if (CountNoun(text, tokens, item, last) is not { } noun || !CountMatters(item, tokens, first))
                {
                    return null;
                }

                last = noun.Last;
                if (MeasureUnits.Contains(tokens[last].Lower))
                {
                    unit = tokens[last].Lower;
                    measure = Measure.Quantity;
                }
                else
                {
                    unit = Units.Count;
                    measure = Measure.Count;

                    // "300 jobs" counts a metric of the vocabulary; "590 companies" is its own
                    var (nounMetric, _) = MetricLexicon.For(NumberTokenizer.Tokenize(noun.Metric).Select(t => t.Lower).ToList(), 0);
                    countMetric = nounMetric.Name == MetricLexicon.Other ? noun.Metric : nounMetric.Name;
                }

                end = tokens[last].End;
                break;
        }

        if (item.Kind != RecognizedKind.Number && GluedToCode(text, item.Start, item.End))
        {
            return null;
        }

        var (qualifier, qualifiedStart) = Qualify(tokens, first);
        if (qualifiedStart < first)
        {
            start = tokens[qualifiedStart].Start;
        }

        if (item.High is not null)
        {
            qualifier = Qualifiers.Range;
        }

        var period = ChoosePeriod(text, periods, item.Start, item.End);
        var (metric, metricToken) = MetricLexicon.For(lower, first);
        if (metric.Name == "profit" && metricToken > 0 && lower[metricToken] == "earnings" && lower[metricToken - 1] is "average" or "weekly" or "real" or "household")
        {
            // "average earnings" are what people are paid, not a company's profit
            metric = MetricLexicon.Named("pay");
        }

        return new Draft(start, end, first, last, qualifiedStart, value, unit, measure, metric, metricToken, countMetric, period, qualifier, Increment(tokens, qualifiedStart), item.High)
        {
            Forecast = Forecast(tokens, qualifiedStart, last),
        };
    }

    /// <summary>Level unless the words say otherwise: a forecast, a change, a part of a whole, a total since a year.</summary>
    private static FigureKind Kind(IReadOnlyList<NumberToken> tokens, Draft d, bool isChange, PeriodMention? period)
    {
        if (d.Forecast || period?.Label.StartsWith("next ", StringComparison.Ordinal) == true || period?.Label.StartsWith("coming ", StringComparison.Ordinal) == true)
        {
            return FigureKind.Forecast;
        }

        // "growth in China remains at 9.1%": a growth rate is a change of what grows
        // "has cut 13,000 jobs since 2001", "fallen 97% since 2003": a change over a span is a total since its start
        var since = period?.Label.StartsWith("since ", StringComparison.Ordinal) == true;
        if (since && isChange)
        {
            return FigureKind.Cumulative;
        }

        var growthWord = d.MetricToken >= 0 && tokens[d.MetricToken].Lower is "growth" or "grew" or "grow" or "grows" or "growing";
        if (d.IncrementFrom is not null || isChange || (d.Measure == Measure.Percent && growthWord))
        {
            return FigureKind.Change;
        }

        // an amount is a part of a whole only when the words say so right after it ("6.962 trillion yen, accounted for by ...")
        var amountShare = d.Measure == Measure.Money && d.LastToken + 2 < tokens.Count && tokens[d.LastToken + 1].Text == ","
            && tokens[d.LastToken + 2].Lower is "accounted" or "accounting";
        if ((d.Measure == Measure.Percent || amountShare) && !RateMetrics.Contains(d.Metric.Name) && IsShare(tokens, d))
        {
            return FigureKind.Share;
        }

        return period?.Label.StartsWith("since ", StringComparison.Ordinal) == true ? FigureKind.Cumulative : FigureKind.Level;
    }

    /// <summary>"2.5% of Kazakhstan's trade", "a 15% stake", "accounted for 20%": a part of a whole.</summary>
    private static bool IsShare(IReadOnlyList<NumberToken> tokens, Draft d)
    {
        var next = d.LastToken + 1 < tokens.Count ? tokens[d.LastToken + 1].Lower : string.Empty;
        if (next == "," && d.LastToken + 2 < tokens.Count && ShareWords.Contains(tokens[d.LastToken + 2].Lower))
        {
            // "more than half the surplus, 6.962 trillion yen, accounted for by its trade with the US"
            return true;
        }

        if (next is "of" or "stake" or "stakes" or "share" or "holding" or "interest" || ShareWords.Contains(next))
        {
            return next != "of" || !(d.LastToken + 2 < tokens.Count && ChangeAfter.Contains(tokens[d.LastToken + 2].Lower));
        }

        for (var k = d.QualifiedStart - 1; k >= Math.Max(0, d.QualifiedStart - 4); k--)
        {
            if (ShareWords.Contains(tokens[k].Lower))
            {
                return true;
            }

            if (tokens[k].Kind == NumberTokenKind.Symbol)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>"X, a 30% rise": a comma right after the amount before, then at most two words before the percentage.</summary>
    private static bool Apposition(IReadOnlyList<NumberToken> tokens, Draft before, Draft d)
    {
        if (before.Measure != Measure.Money)
        {
            return false;
        }

        var comma = Enumerable.Range(before.LastToken + 1, Math.Max(0, d.QualifiedStart - before.LastToken - 1)).LastOrDefault(k => tokens[k].Text == ",", -1);
        return comma >= 0 && d.QualifiedStart - comma <= 3 && tokens[comma + 1].Lower is "a" or "an" or "up" or "down";
    }

    /// <summary>"rose by $2bn", "cut $300m", "an increase of £1bn": an amount that is itself a change (not "rose to $5bn").</summary>
    private static bool MoneyChange(IReadOnlyList<NumberToken> tokens, int first)
    {
        var k = first - 1;

        // "added only 146,000 jobs"
        if (k >= 0 && tokens[k].Lower is "only" or "just" or "another" or "a")
        {
            k--;
        }

        if (k >= 0 && tokens[k].Lower is "by" or "of")
        {
            k--;
        }

        return k >= 0 && (ChangeBefore.Contains(tokens[k].Lower) || ChangeAfter.Contains(tokens[k].Lower)) && !(tokens[k].Lower == "up" && k + 1 < tokens.Count && tokens[k + 1].Lower == "to");
    }

    private static int TokenAt(IReadOnlyList<NumberToken> tokens, int offset)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].End > offset)
            {
                return i;
            }
        }

        return tokens.Count - 1;
    }

    /// <summary>The period nearest to the figure, not counting comparison bases and calendar dates; periods after the figure are slightly preferred.</summary>
    private static PeriodMention? ChoosePeriod(string text, IReadOnlyList<PeriodMention> periods, int start, int end) =>
        periods.Where(p => !p.IsBase && !p.IsDate)
            .Select(p => (Period: p, Distance: p.Start >= end ? p.Start - end : (start - p.End) * (ClosesItem(text, p.End, start) ? 6 : 1.5)))
            .OrderBy(x => x.Distance)
            .Select(x => x.Period)
            .FirstOrDefault();

    /// <summary>"4.0% this year and 2.1% in 2005": a period followed by "and" closes the item before it.</summary>
    private static bool ClosesItem(string text, int periodEnd, int figureStart) =>
        periodEnd <= figureStart && text[periodEnd..figureStart].TrimStart().StartsWith("and ", StringComparison.Ordinal);

    private static (string Qualifier, int Start) Qualify(IReadOnlyList<NumberToken> tokens, int first)
    {
        foreach (var (words, qualifier) in Adverbs)
        {
            var s = first - words.Length;
            if (s >= 0 && words.Select((w, k) => tokens[s + k].Lower == w).All(x => x))
            {
                return (qualifier, s);
            }
        }

        for (var k = first - 1; k >= Math.Max(0, first - 2); k--)
        {
            if (BoundVerbs.TryGetValue(tokens[k].Lower, out var bound))
            {
                return (bound, first);
            }
        }

        return (Qualifiers.Exact, first);
    }

    /// <summary>The token of "additional", "extra", "another" or "a further" just before the figure, if any.</summary>
    private static int? Increment(IReadOnlyList<NumberToken> tokens, int first)
    {
        for (var k = first - 1; k >= Math.Max(0, first - 2); k--)
        {
            if (tokens[k].Lower is "additional" or "extra" or "another" or "further" or "new")
            {
                return k;
            }
        }

        return null;
    }

    private static bool Forecast(IReadOnlyList<NumberToken> tokens, int first, int last)
    {
        for (var k = first - 1; k >= Math.Max(0, first - 24); k--)
        {
            if (tokens[k].Kind == NumberTokenKind.Symbol && tokens[k].Text is "," or ";" or ":")
            {
                break;
            }

            // "Nestle is to raise its dividend", "set to cut": a plan
            var plannedTo = tokens[k].Lower == "to" && k > 0 && tokens[k - 1].Lower is "is" or "are" or "set" or "due" or "plans" or "wants";
            if (ForecastWords.Contains(tokens[k].Lower) || plannedTo)
            {
                return true;
            }
        }

        // "a 7% growth target", "the 2.5% which the government had predicted": the forecast word right after
        for (var k = last + 1; k < Math.Min(tokens.Count, last + 7); k++)
        {
            if (tokens[k].Kind == NumberTokenKind.Symbol && tokens[k].Text is "," or ";" or ":" or ".")
            {
                break;
            }

            if (tokens[k].Lower is "target" or "targets" or "forecast" or "predicted" or "projected" or "expected" or "forecasts" or "should" or "will")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"an increase of 37.2% compared to 2021", "rose 30%", "80% rise": the verbatim change phrase around a percentage.</summary>
    private static string? Change(string text, IReadOnlyList<NumberToken> tokens, IReadOnlyList<PeriodMention> periods, Draft d)
    {
        int? from = null;
        for (var k = d.FirstToken - 1; k >= Math.Max(0, d.FirstToken - 4); k--)
        {
            if (ChangeBefore.Contains(tokens[k].Lower) && !(tokens[k].Lower == "up" && tokens[k + 1].Lower == "to"))
            {
                from = k;
                break;
            }

            if (tokens[k].Kind == NumberTokenKind.Symbol)
            {
                break;
            }
        }

        var to = d.LastToken;
        if (from is null)
        {
            return to + 1 < tokens.Count && ChangeAfter.Contains(tokens[to + 1].Lower)
                ? text[tokens[d.FirstToken].Start..tokens[to + 1].End]
                : null;
        }

        var end = tokens[to].End;
        if (to + 2 < tokens.Count && tokens[to + 1].Lower == "compared" && tokens[to + 2].Lower is "to" or "with")
        {
            var basePeriod = periods.FirstOrDefault(p => p.Start >= tokens[to + 2].End && p.IsBase);
            end = basePeriod?.End ?? tokens[Math.Min(to + 3, tokens.Count - 1)].End;
        }

        return text[tokens[from.Value].Start..end];
    }

    private static bool CountMatters(RecognizedNumber item, IReadOnlyList<NumberToken> tokens, int first)
    {
        var n = item.Number!;
        if (!n.IsInteger || n.IsFraction || item.Value is not { } v || v <= 0)
        {
            return false;
        }

        if (!n.IsSpelledOut)
        {
            return true;
        }

        // spelled-out small numbers ("three reasons", "two leaders") are prose, unless qualified ("nearly a dozen")
        var qualified = Qualify(tokens, first).Start < first;
        return v >= 10 || qualified;
    }

    /// <summary>The counted noun phrase after a number ("American companies", "US-Kazakh joint ventures"), ending at a plural head.</summary>
    private static (int Last, string Metric)? CountNoun(string text, IReadOnlyList<NumberToken> tokens, RecognizedNumber item, int last)
    {
        if (GluedToCode(text, item.Start, item.End) || last + 1 >= tokens.Count || tokens[last + 1].Start == tokens[last].End)
        {
            return null;
        }

        int? head = null;
        var k = last + 1;
        var words = 0;
        while (k < tokens.Count && words < 4)
        {
            var t = tokens[k];
            var hyphenInWord = t.Text == "-" && k > last + 1 && t.Start == tokens[k - 1].End && k + 1 < tokens.Count && tokens[k + 1].Start == t.End;
            if (hyphenInWord)
            {
                k++;
                continue;
            }

            if (t.Kind != NumberTokenKind.Word || NounStops.Contains(t.Lower))
            {
                break;
            }

            var glued = k + 1 < tokens.Count && tokens[k + 1].Text == "-" && tokens[k + 1].Start == t.End;
            if (!glued && IsPlural(t.Lower))
            {
                if (TimeUnits.Contains(t.Lower))
                {
                    return null;
                }

                head = k;
            }

            words++;
            k++;
        }

        if (head is not { } h)
        {
            return null;
        }

        var metric = text[tokens[last + 1].Start..tokens[h].End];

        // "companies with US capital"
        if (h + 2 < tokens.Count && tokens[h + 1].Lower == "with")
        {
            for (var c = h + 2; c <= Math.Min(h + 4, tokens.Count - 1); c++)
            {
                if (tokens[c].Lower is "capital" or "participation" or "investment" or "investments")
                {
                    metric = text[tokens[last + 1].Start..tokens[c].End];
                    break;
                }
            }
        }

        return (h, metric);
    }

    private static bool IsPlural(string w) =>
        IrregularPlurals.Contains(w)
        || (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal));

    /// <summary>Numbers inside codes and names are not figures: "C5+1", "G20", "50-year-old".</summary>
    private static bool GluedToCode(string text, int start, int end)
    {
        var s = start;
        while (s > 0 && !char.IsWhiteSpace(text[s - 1]))
        {
            s--;
        }

        var e = end;
        while (e < text.Length && !char.IsWhiteSpace(text[e]))
        {
            e++;
        }

        var before = text[s..start];
        var after = text[end..e].TrimEnd('.', ',', ';', ':', ')', '»', '"', '”', '’', '!', '?');
        if (before.Any(char.IsLetterOrDigit) && !IsCurrencyPrefix(before))
        {
            return true;
        }

        return after.Any(char.IsLetterOrDigit) || after.Contains('+', StringComparison.Ordinal);
    }

    private static bool IsCurrencyPrefix(string before)
    {
        var b = before.TrimStart('(', '«', '"', '“', '‘').ToUpperInvariant();
        return b.Length == 0 || b is "US" or "U.S." or "C" or "HK" or "A" or "AU" or "NZ" or "USD" or "EUR" or "GBP" or "KZT" or "RUB";
    }

    private sealed record Draft(int Start, int End, int FirstToken, int LastToken, int QualifiedStart, decimal Value, string Unit, Measure Measure, Metric Metric,
        int MetricToken, string? CountMetric, PeriodMention? Period, string Qualifier, int? IncrementFrom, decimal? High)
    {
        public bool Forecast { get; init; }
    }

    private sealed record Context(string Metric, string? Period, bool Unresolved, Parties Parties);

    /// <summary>
    /// A period the sentence leaves implicit: "up 27% from its 2003 performance" or "from 38m in the same period of 2003"
    /// is about the year after the base (keeping an undated part: "the fourth quarter" → "fourth quarter of 2004");
    /// "for the quarter", "the full year" refer to the period the article gave before.
    /// </summary>
    private static PeriodMention? PeriodFromContext(PeriodMention? period, PeriodMention? basePeriod, PeriodMention? referred)
    {
        if (basePeriod is not null && (period is null || period.Unresolved) && YearOf(basePeriod.Label) is { } year)
        {
            var next = (year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (period is null)
            {
                return basePeriod with { Label = next, IsBase = false };
            }

            const string ThisYear = "of this year" + PeriodRecognizer.UndatedMark;
            return period.Label.EndsWith(ThisYear, StringComparison.Ordinal)
                ? period with { Label = period.Label[..^ThisYear.Length] + "of " + next, Unresolved = false }
                : period;
        }

        return period ?? referred;
    }

    /// <summary>The year of "2003", "the same period of 2003", "fourth quarter of 2003"; null for anything else.</summary>
    private static int? YearOf(string label)
    {
        var digits = label.Length >= 4 ? label[^4..] : string.Empty;
        var plain = label.Length == 4 || label.EndsWith(" of " + digits, StringComparison.Ordinal);
        return plain && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100 ? y : null;
    }

    /// <summary>The periods an article has given so far, for sentences that refer back to one ("for the quarter", "the full year").</summary>
    private sealed class PeriodsTold
    {
        private PeriodMention? _last;
        private PeriodMention? _lastYear;

        public void Read(IReadOnlyList<PeriodMention> periods, string text)
        {
            // "the best showing since early 2002" is a comparison, not the period the article is about
            foreach (var p in periods.Where(p => !p.IsBase && !p.IsDate && !p.Label.StartsWith("since ", StringComparison.Ordinal)
                && !AfterSince(text[..p.Start])))
            {
                _last = p;
                if (p.Label.Length >= 4 && int.TryParse(p.Label[^4..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100)
                {
                    _lastYear = p with { Label = p.Label[^4..] };
                }
            }
        }

        private static bool AfterSince(string before)
        {
            var b = before.TrimEnd();
            foreach (var w in (string[])["early", "late", "mid", "mid-", "the end of", "the start of"])
            {
                b = b.EndsWith(w, StringComparison.OrdinalIgnoreCase) ? b[..^w.Length].TrimEnd() : b;
            }

            return b.EndsWith("since", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The period a reference in these words points back to, if the sentence has one.</summary>
        public PeriodMention? Referred(IReadOnlyList<string> words)
        {
            for (var k = 1; k < words.Count; k++)
            {
                var (a, b) = (words[k - 1], words[k]);
                if (b is "full-year" || a is "full" && b is "year" || a is "the" && b is "year" && !(k + 1 < words.Count && words[k + 1] is "to" or "before" or "ago"))
                {
                    return _lastYear;
                }

                if (a is "the" or "same" && b is "quarter" or "period" or "month" or "half" && !(k + 1 < words.Count && words[k + 1] is "of" or "to"))
                {
                    return _last;
                }
            }

            return null;
        }
    }

    /// <summary>What the sentences before said: the parties of the last figures (two sentences back at most) and the names of the last sentence that named any.</summary>
    private sealed record Neighbours(Parties Parties, Func<IReadOnlyList<NameMention>> Named, int Index);

    private static IReadOnlyList<NameMention> LastNamed(PartyReader reader, IReadOnlyList<Sentence> sentences, int before, Dictionary<int, IReadOnlyList<NameMention>> cache)
    {
        for (var k = before - 1; k >= 0; k--)
        {
            if (!cache.TryGetValue(k, out var mentions))
            {
                mentions = cache[k] = reader.Mentions(NumberTokenizer.Tokenize(sentences[k].Text));
            }

            if (mentions.Count > 0)
            {
                return mentions;
            }
        }

        return [];
    }

    // Every word the number grammar reads as a number contains one of these (or the text has a digit or a fraction sign),
    // so a sentence without any holds no figure and skips the recognizers.
    private static readonly string[] NumberWordParts =
    [
        "zero", "nought", "naught", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
        "thirty", "forty", "fifty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "lakh", "crore", "dozen", "dz", "doz",
        "half", "halves", "third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];

    private static bool MayHoldNumber(string text)
    {
        foreach (var c in text)
        {
            if (char.IsNumber(c))
            {
                return true;
            }
        }

        foreach (var part in NumberWordParts)
        {
            if (text.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
