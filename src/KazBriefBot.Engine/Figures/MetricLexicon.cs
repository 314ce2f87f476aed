namespace KazBriefBot.Engine.Figures;

/// <summary>Whether a metric is a flow between parties, and which way its possessor sits.</summary>
public enum FlowKind
{
    /// <summary>Of one party: a company's profit, a country's inflation.</summary>
    None,

    /// <summary>Between partners, no direction: trade.</summary>
    Mutual,

    /// <summary>From its possessor to another: exports, investment, aid ("A's exports to B").</summary>
    Outward,

    /// <summary>Into its possessor from another: imports ("A's imports from B").</summary>
    Inward,
}

/// <summary>One metric of the vocabulary: trigger words (a trailing * means "any word starting so"), words one of which
/// must also be in the sentence, the metrics it overrides when both are present, its flow and whether it is a country's.</summary>
public sealed record Metric(string Name, IReadOnlyList<string> Triggers, IReadOnlyList<string> Context, IReadOnlyList<string> Overrides,
    FlowKind Flow = FlowKind.None, bool OfCountry = false)
{
    /// <summary>Words before a name that make it the flow's destination besides "to/into/in" ("a stake of/in B", "paid for B").</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];
}

/// <summary>
/// What a figure measures, from a general vocabulary of economic and business news (trade, exports, investment, GDP,
/// inflation, profit, ...): the metric whose trigger word is nearest the figure wins (words before it count a little
/// nearer than words after), and a specific metric overrides the general one it refines ("trade deficit" over "deficit").
/// Nothing here names a country, a company or a corpus.
/// </summary>
public static class MetricLexicon
{
    public const string Other = "other";

    private static readonly string[] Generic = ["value", "price", "cost"];

    private static readonly Metric[] Metrics =
    [
        new("trade balance", ["deficit*", "surplus*"], ["trade", "current-account", "account"], ["trade", "deficit", "exports", "imports"], OfCountry: true),
        new("exports", ["export*"], [], [], FlowKind.Outward),
        new("imports", ["import*"], [], [], FlowKind.Inward),
        new("trade", ["trade", "traded", "trading"], [], ["revenue"], FlowKind.Mutual),
        new("investment", ["invest*", "fdi"], [], [], FlowKind.Outward),
        new("aid", ["aid", "assistance", "grant", "grants", "donation*", "donor*", "humanitarian"], [], [], FlowKind.Outward),
        new("profit", ["profit*", "earnings"], [], []),
        new("loss", ["loss", "losses", "lost"], [], []),
        new("revenue", ["revenue*", "turnover"], [], ["price"]),
        new("sales", ["sales", "sold", "sell*"], [], ["price"]),
        new("share price", ["share", "shares", "stock", "stocks"], ["price*", "rose", "fell", "rise", "fall", "jump*", "drop*", "gain*", "slid", "slump*", "climb*", "up", "down"], []),
        new("inflation", ["inflation"], [], ["price"], OfCountry: true),
        new("interest rate", ["rate", "rates"], ["interest", "lending", "borrowing"], [], OfCountry: true),
        new("unemployment", ["unemploy*", "jobless*"], [], ["jobs"], OfCountry: true),
        new("gdp", ["gdp", "gnp", "economy", "economies", "economic", "growth"], ["gdp", "gnp", "grow*", "growth", "expan*", "shrank", "shrink*", "contract*", "output", "economy", "recession"], [], OfCountry: true),
        new("gdp", ["domestic"], ["gross"], [], OfCountry: true), // "gross domestic product", written out
        new("jobs", ["job", "jobs", "workers", "staff", "employ*", "workforce", "redundanc*", "posts"], [], []),
        new("oil price", ["oil", "crude", "barrel*"], ["price*", "cost*", "$", "dollar*"], ["price"]),
        new("production", ["production", "output", "produce*", "produced", "producing"], [], []),
        new("deal value", ["deal", "deals", "takeover*", "acquisition*", "bid", "merger*", "buy", "bought", "acquir*", "offer"], [], [], FlowKind.Outward) { Targets = ["of", "for"] },
        new("debt", ["debt*", "borrowing*"], [], []),
        new("deficit", ["deficit*"], [], [], OfCountry: true),
        new("budget", ["budget*"], [], [], OfCountry: true),
        new("tax", ["tax", "taxes", "taxation"], [], ["revenue"]),
        new("spending", ["spend*", "spent", "expenditure*"], [], []),
        new("dividend", ["dividend*"], [], []),
        new("pay", ["salary", "salaries", "wage", "wages", "pay", "bonus*"], [], []),
        new("fine", ["fine", "fined", "fines"], [], []),
        new("cost", ["cost", "costs"], [], []),
        new("price", ["price", "prices", "priced"], [], []),
        new("value", ["worth", "valued", "value", "valuation", "stake", "owns", "controls"], [], [], FlowKind.Outward) { Targets = ["of"] },
    ];

    private static readonly Metric OtherMetric = new(Other, [], [], []);

    /// <summary>The metric of this name (the vocabulary's own entry), or "other".</summary>
    public static Metric Named(string name) => Metrics.FirstOrDefault(m => m.Name == name) ?? OtherMetric;

    /// <summary>
    /// The metric of the figure at token <paramref name="figureToken"/> of a sentence's lower-cased words, and the position
    /// of the word that decided it (-1 for "other").
    /// </summary>
    public static (Metric Metric, int Token) For(IReadOnlyList<string> lowerWords, int figureToken)
    {
        ArgumentNullException.ThrowIfNull(lowerWords);

        // Which metrics each word triggers or gives context to is looked up once per distinct word (cached), not per figure.
        var best = new double[Metrics.Length];
        var at = new int[Metrics.Length];
        var context = new bool[Metrics.Length];
        Array.Fill(best, double.MaxValue);
        Array.Fill(at, -1);
        for (var k = 0; k < lowerWords.Count; k++)
        {
            var roles = RolesOf(lowerWords[k]);
            foreach (var order in roles.Context)
            {
                context[order] = true;
            }

            foreach (var order in roles.Triggers)
            {
                // "agreed to pay $2bn" is a payment, not pay
                if (Metrics[order].Name == "pay" && k > 0 && lowerWords[k - 1] is "to" or "will" or "would" or "must")
                {
                    continue;
                }

                var d = k <= figureToken ? figureToken - k : (k - figureToken) * 1.5;
                if (d < best[order])
                {
                    (best[order], at[order]) = (d, k);
                }
            }
        }

        var candidates = new List<(Metric Metric, double Distance, int Order, int Token)>();
        for (var order = 0; order < Metrics.Length; order++)
        {
            if (at[order] >= 0 && (Metrics[order].Context.Count == 0 || context[order]))
            {
                candidates.Add((Metrics[order], best[order], order, at[order]));
            }
        }

        var overridden = candidates.SelectMany(c => c.Metric.Overrides).ToHashSet(StringComparer.Ordinal);
        if (candidates.Any(c => !Generic.Contains(c.Metric.Name)))
        {
            // "traded goods worth over $3 billion": the generic "worth"/"price" gives way to what is worth it
            overridden.UnionWith(Generic);
        }

        var chosen = candidates.Where(c => !overridden.Contains(c.Metric.Name)).OrderBy(c => c.Distance).ThenBy(c => c.Order).FirstOrDefault();
        return chosen.Metric is null ? (OtherMetric, -1) : (chosen.Metric, chosen.Token);
    }

    /// <summary>The metrics a question or topic names, most specific first ("trade deficit" before "deficit").</summary>
    public static IReadOnlyList<Metric> Mentioned(IReadOnlyList<string> lowerWords)
    {
        ArgumentNullException.ThrowIfNull(lowerWords);
        var found = Metrics.Where(m => lowerWords.Any(w => m.Triggers.Any(t => Matches(t, w)))
            && (m.Context.Count == 0 || lowerWords.Any(w => m.Context.Any(c => Matches(c, w))))).ToList();
        var overridden = found.SelectMany(m => m.Overrides).ToHashSet(StringComparer.Ordinal);
        return [.. found.Where(m => !overridden.Contains(m.Name))];
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int[] Triggers, int[] Context)> Roles = new(StringComparer.Ordinal);

    private static (int[] Triggers, int[] Context) RolesOf(string word) =>
        Roles.GetOrAdd(word, w => (
            [.. Enumerable.Range(0, Metrics.Length).Where(i => Metrics[i].Triggers.Any(t => Matches(t, w)))],
            [.. Enumerable.Range(0, Metrics.Length).Where(i => Metrics[i].Context.Any(c => Matches(c, w)))]));

    private static bool Matches(string pattern, string word) =>
        pattern.EndsWith('*') ? word.StartsWith(pattern[..^1], StringComparison.Ordinal) : word == pattern;
}
