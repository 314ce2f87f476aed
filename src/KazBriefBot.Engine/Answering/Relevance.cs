namespace KazBriefBot.Engine.Answering;

/// <summary>The no-answer decision: does the best passage answer the question at all? Lexically, it must cover enough of
/// the question's idf mass; with sentence vectors, a close enough meaning also counts, so a paraphrase that shares no
/// word with the article is answered. Thresholds calibrated on data (see docs/answering.md).</summary>
internal static class Relevance
{
    /// <summary>Cosine at which a passage answers by meaning alone.</summary>
    internal const double MinimumSimilarity = 0.5;

    /// <summary>Cosine at which a passage answers a question that uses a name the corpus never does: only a near
    /// restatement ("NYC" for "New York City"). On the dev sets no such question had its answer at the top below it.</summary>
    internal const double MinimumSimilarityUnknownName = 0.7;

    /// <summary>Cosine at which a passage whose article never gives one of the question's names answers.</summary>
    internal const double MinimumSimilarityNameNotInArticle = 0.75;

    /// <summary>The best passage answers the question.</summary>
    public static bool Answers(double coverage, double cosine, bool hybrid, EntityFit fit) =>
        fit switch
        {
            EntityFit.Match => coverage >= Answerer.MinimumCoverage || (hybrid && cosine >= MinimumSimilarity),
            EntityFit.UnknownName => coverage >= Answerer.MinimumCoverage || (hybrid && cosine >= MinimumSimilarityUnknownName),
            EntityFit.NameNotInArticle => hybrid && (coverage >= Answerer.MinimumCoverage || cosine >= MinimumSimilarityNameNotInArticle),
            _ => false,
        };

    /// <summary>A further passage is worth quoting beside the best one.</summary>
    public static bool Supports(double coverage, double cosine, bool hybrid, EntityFit fit) =>
        fit switch
        {
            EntityFit.Match => coverage >= Answerer.MinimumCoverage * 0.8 || (hybrid && cosine >= MinimumSimilarity * 0.9),
            EntityFit.UnknownName => coverage >= Answerer.MinimumCoverage * 0.8 || (hybrid && cosine >= MinimumSimilarityUnknownName * 0.9),
            EntityFit.NameNotInArticle => hybrid && (coverage >= Answerer.MinimumCoverage * 0.8 || cosine >= MinimumSimilarityNameNotInArticle * 0.9),
            _ => false,
        };
}
