namespace KazBriefBot.Engine.Figures;

/// <summary>
/// What a figure measures, read from the words around it with a small general lexicon: each metric has trigger words
/// (a trailing * means "any word starting so"), optional context words that must appear in the sentence, and the more
/// general metrics it overrides when both are present ("investment inflow" over "investment").
/// </summary>
public static class MetricLexicon
{
    public const string Other = "other";

    private static readonly string[] Generic = ["value", "price", "cost"];

    private static readonly Metric[] Metrics =
    [
        new("US investment inflow", ["inflow*"], ["invest*"], UsContext: true, Overrides: ["investment inflow", "US investment in Kazakhstan", "investment"]),
        new("investment inflow", ["inflow*"], ["invest*"], Overrides: ["investment"]),
        new("IT exports", ["export*"], [], ItContext: true, Overrides: ["exports"]),
        new("exports", ["export*"], []),
        new("imports", ["import*"], []),
        new("trade deficit", ["deficit*"], ["trade"], Overrides: ["bilateral trade turnover", "trade", "deficit"]),
        new("bilateral trade turnover", ["trade", "traded", "turnover"], ["bilateral", "mutual", "between", "kazakh*"], Overrides: ["trade", "revenue"]),
        new("trade", ["trade", "traded"], []),
        new("US investment in Kazakhstan", ["invest*"], ["kazakh*"], UsContext: true, Overrides: ["investment"]),
        new("investment", ["invest*"], []),
        new("aid", ["aid", "assistance", "allocation", "grant", "grants", "donation*", "donor*", "humanitarian"], []),
        new("profit", ["profit*", "earnings"], []),
        new("loss", ["loss", "losses", "lost"], []),
        new("revenue", ["revenue*", "sales", "turnover"], [], Overrides: ["price"]),
        new("share price", ["share", "shares", "stock", "stocks"], ["price*", "rose", "fell", "rise", "fall", "jump*", "drop*", "gain*", "slid", "slump*", "climb*", "up", "down"]),
        new("economic growth", ["gdp", "economy", "economic", "growth"], ["grow*", "growth", "expan*", "shrank", "contract*"]),
        new("inflation", ["inflation"], []),
        new("interest rate", ["rate", "rates"], ["interest"]),
        new("unemployment", ["unemploy*", "jobless*"], [], Overrides: ["jobs"]),
        new("jobs", ["job", "jobs", "workers", "staff", "employ*", "workforce"], []),
        new("oil price", ["oil", "crude", "barrel*"], []),
        new("deal value", ["deal", "deals", "takeover*", "acquisition*", "bid", "merger*", "buy", "bought", "acquir*", "offer"], []),
        new("debt", ["debt*"], []),
        new("deficit", ["deficit*"], []),
        new("budget", ["budget*"], []),
        new("tax", ["tax", "taxes", "taxation"], []),
        new("spending", ["spend*", "spent"], []),
        new("market share", ["market"], ["share"]),
        new("cost", ["cost", "costs"], []),
        new("dividend", ["dividend*"], []),
        new("pay", ["salary", "salaries", "wage", "wages", "pay", "bonus*"], []),
        new("fine", ["fine", "fined", "fines"], []),
        new("price", ["price", "prices", "priced"], []),
        new("value", ["worth", "valued", "value", "valuation"], []),
    ];

    // Metrics of one company or deal: two articles quoting "profit, 2004" are usually about different firms, so they are
    // reconciled only within an article. Country-level metrics (trade, investment, growth, ...) are compared across sources.
    private static readonly HashSet<string> ArticleScopedNames = new(StringComparer.Ordinal)
    {
        "profit", "loss", "revenue", "share price", "deal value", "dividend", "pay", "fine", "cost", "price", "value", "market share", "jobs", "spending",
    };

    /// <summary>True for metrics of a single company or deal, which are only reconciled within one article.</summary>
    public static bool IsArticleScoped(string metric) => ArticleScopedNames.Contains(metric);

    /// <summary>All metric names, for matching topics.</summary>
    public static IEnumerable<string> Names => Metrics.Select(m => m.Name);

    /// <summary>
    /// The metric measured by a figure at token position <paramref name="figureToken"/> of a sentence's words:
    /// the nearest trigger wins (words before the figure count a little nearer than words after); overridden metrics drop out.
    /// </summary>
    public static string For(IReadOnlyList<string> lowerWords, IReadOnlyList<string> rawWords, int figureToken)
    {
        var words = new HashSet<string>(lowerWords, StringComparer.Ordinal);
        var joined = string.Concat(rawWords);
        var us = rawWords.Any(w => w is "US" or "USA" or "America" or "American" or "Americans" or "Washington")
            || joined.Contains("U.S", StringComparison.Ordinal) || (words.Contains("united") && words.Contains("states"));
        var it = rawWords.Any(w => w is "IT" or "ICT") || lowerWords.Any(w => w.StartsWith("software", StringComparison.Ordinal) || w == "digital" || w.StartsWith("technolog", StringComparison.Ordinal));
        var candidates = new List<(Metric Metric, double Distance, int Order)>();
        for (var order = 0; order < Metrics.Length; order++)
        {
            var m = Metrics[order];
            if ((m.UsContext && !us) || (m.ItContext && !it) || (m.Context.Count > 0 && !lowerWords.Any(w => m.Context.Any(c => Matches(c, w)))))
            {
                continue;
            }

            var best = double.MaxValue;
            for (var k = 0; k < lowerWords.Count; k++)
            {
                if (m.Triggers.Any(tr => Matches(tr, lowerWords[k])))
                {
                    var d = k <= figureToken ? figureToken - k : (k - figureToken) * 1.5;
                    best = Math.Min(best, d);
                }
            }

            if (best < double.MaxValue)
            {
                candidates.Add((m, best, order));
            }
        }

        var overridden = candidates.SelectMany(c => c.Metric.Overrides ?? []).ToHashSet(StringComparer.Ordinal);
        if (candidates.Any(c => !Generic.Contains(c.Metric.Name)))
        {
            // "traded goods worth over $3 billion": the generic "worth"/"price" gives way to what is worth it
            overridden.UnionWith(Generic);
        }

        var chosen = candidates.Where(c => !overridden.Contains(c.Metric.Name)).OrderBy(c => c.Distance).ThenBy(c => c.Order).FirstOrDefault();
        return chosen.Metric?.Name ?? Other;
    }

    private static bool Matches(string pattern, string word) =>
        pattern.EndsWith('*') ? word.StartsWith(pattern[..^1], StringComparison.Ordinal) : word == pattern;

    private sealed record Metric(string Name, IReadOnlyList<string> Triggers, IReadOnlyList<string> Context, bool UsContext = false, bool ItContext = false, IReadOnlyList<string>? Overrides = null);
}
