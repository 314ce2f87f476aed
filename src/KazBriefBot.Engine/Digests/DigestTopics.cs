namespace KazBriefBot.Engine.Digests;

/// <summary>The topics a digest names, each a small lexicon matched on stemmed, folded words.</summary>
internal static class DigestTopics
{
    /// <summary>An article is under a topic when it uses at least this many of the topic's words (repeats count).</summary>
    public const int MinHits = 2;

    private static readonly (string Name, HashSet<string> Stems)[] Lexicons =
    [
        Topic("trade", "trade", "trading", "export", "import", "tariff", "goods", "commerce", "commercial", "turnover", "wto", "market", "sanction", "supply", "chain", "customs"),
        Topic("investment", "invest", "investment", "investor", "fdi", "capital", "fund", "financing", "finance", "venture", "stake", "shareholder", "loan", "bank", "company", "companies"),
        Topic("security", "security", "defense", "defence", "military", "nuclear", "weapon", "nonproliferation", "proliferation", "terrorism", "terrorist", "army", "troop", "cyber", "biological", "threat", "extremism"),
        Topic("transport corridors", "corridor", "transit", "route", "railway", "rail", "port", "logistics", "caspian", "shipping", "freight", "pipeline", "transport", "transportation", "container", "infrastructure"),
        Topic("diplomacy", "diplomacy", "diplomatic", "diplomat", "minister", "visit", "summit", "embassy", "ambassador", "bilateral", "talks", "negotiation", "treaty", "agreement", "memorandum", "secretary", "delegation", "partnership", "relations"),
    ];

    public static IEnumerable<string> Names => Lexicons.Select(l => l.Name);

    /// <summary>The topics of a bag of stemmed terms, most hits first (ties in lexicon order).</summary>
    public static List<string> Of(IEnumerable<string> stemmedTerms)
    {
        var hits = new int[Lexicons.Length];
        foreach (var term in stemmedTerms)
        {
            for (var t = 0; t < Lexicons.Length; t++)
            {
                if (Lexicons[t].Stems.Contains(term))
                {
                    hits[t]++;
                }
            }
        }

        return Enumerable.Range(0, Lexicons.Length)
            .Where(t => hits[t] >= MinHits)
            .OrderByDescending(t => hits[t])
            .ThenBy(t => t)
            .Select(t => Lexicons[t].Name)
            .ToList();
    }

    private static (string, HashSet<string>) Topic(string name, params string[] words) =>
        (name, words.SelectMany(DigestTerms.Of).ToHashSet(StringComparer.Ordinal));
}
