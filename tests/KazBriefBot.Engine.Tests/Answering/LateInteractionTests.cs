using KazBriefBot.Engine.Answering;

namespace KazBriefBot.Engine.Tests.Answering;

/// <summary>The late-interaction score (word-piece against word-piece, the reranker's signal) with the real model, on
/// sentences written for the test.</summary>
public sealed class LateInteractionTests
{
    [Fact]
    public void A_sentence_holding_a_synonym_scores_above_one_about_something_else()
    {
        var semantic = HybridSeeds.Snapshot.Semantic!;
        var scores = semantic.LateInteraction("Who is the new envoy to Chile?",
        [
            "The ambassador to Chile, appointed in May, presented her credentials on Tuesday.",
            "Copper prices fell sharply after the harvest report.",
        ]);
        Assert.NotNull(scores);
        Assert.Equal(2, scores.Length);
        Assert.True(scores[0] > scores[1], $"{scores[0]} vs {scores[1]}");
        Assert.InRange(scores[0], -1.0, 1.0);
    }

    [Fact]
    public void Reranking_reorders_the_fused_top_ten_and_nothing_else()
    {
        var snapshot = HybridSeeds.Snapshot;
        const string question = "What extra money did Blinken promise the region?";
        var fused = Answerer.RankSentences(snapshot.Index, snapshot.Semantic, question, 10).Select(h => h.SentenceId).ToHashSet();
        var reranked = Answerer.RankSentences(snapshot.Index, snapshot.Semantic, question, 10, Answerer.RerankedHybrid).Select(h => h.SentenceId).ToHashSet();
        Assert.Equal(10, fused.Count);
        Assert.True(fused.SetEquals(reranked));
    }
}
