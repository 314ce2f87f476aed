using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests.Answering;

/// <summary>The names part of the no-answer rule (issue 13), lexically, on articles written for these tests: a name
/// named later in the article counts, a name the article names far from the passage does not, a name the article never
/// names needs sentence vectors, and a capital names its country.</summary>
public sealed class NoAnswerRuleTests
{
    private static readonly SentenceIndex Index = SentenceIndex.Build(
    [
        ArticleOf("bridge", "The harbour bridge opened in 1932 after eight years of work.\n\nEngineers praised its steel arch.\n\nThe bridge stands in Sydney."),
        ArticleOf("mines", "Canada and Peru signed a trade pact in Lima.\n\nThe talks lasted two days.\n\nFarmers asked for lower tariffs.\n\nThe ministers also discussed fishing quotas.\n\nThe other partner invested 40 million dollars in copper mines."),
        ArticleOf("ports", "Officials in Ottawa announced a grant of 5 million dollars for river ports.\n\nThe grant starts in spring."),
        ArticleOf("library", "The city council of Perth approved a new library in 2010.\n\nBrazil sent a delegation to the opening."),
    ]);

    private static Article ArticleOf(string id, string text) =>
        new(id, id + ".txt", text, new ArticleMetadata(null, null, null, null), SentenceSplitter.Split(text, 0, text.Length), DateTimeOffset.UnixEpoch);

    private static Decision Decide(string question) => Answerer.Decide(Index, null, null, question, Answerer.MaxQuotes);

    [Fact]
    public void A_name_the_article_gives_after_the_passage_counts()
    {
        var decision = Decide("When did the Sydney harbour bridge open?");
        Assert.Equal(Refusal.None, decision.Refusal);
        Assert.Equal("The harbour bridge opened in 1932 after eight years of work.", decision.Quotes[0].Text);
    }

    [Fact]
    public void A_name_the_article_gives_far_before_the_passage_does_not()
    {
        // Canada is named four sentences before the investment, which "the other partner" (Peru) made.
        var decision = Decide("How much did Canada invest in copper mines?");
        Assert.Empty(decision.Quotes);
        Assert.Equal(Refusal.Names, decision.Refusal);
    }

    [Fact]
    public void A_name_the_article_never_gives_needs_closeness_in_meaning()
    {
        // Brazil is in the corpus, not in the mines article: without sentence vectors nothing can vouch for the passage.
        Assert.Empty(Decide("How much did Brazil invest in copper mines?").Quotes);
    }

    [Fact]
    public void A_capital_stands_for_its_country()
    {
        var q = QuestionAnalysis.Analyze(Index, "How much did Canada grant for river ports?");
        var ottawa = Index.TermIdOf(Index.Analyzer.Analyze("Ottawa")[0].Term);
        Assert.Contains(q.Entities, forms => forms.Contains(ottawa));
        var decision = Decide("How much did Canada grant for river ports?");
        Assert.Equal("Officials in Ottawa announced a grant of 5 million dollars for river ports.", decision.Quotes[0].Text);
    }
}
